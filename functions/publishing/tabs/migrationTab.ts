import { GONE_CUSTOMERS, NEW_CUSTOMERS } from '../../segment-history/MigrationMatrix.ts';
import type { HistoryOutcome } from '../../segment-history/HistoryOutcome.ts';
import type { CellValue, SheetColumn, SheetTab, TableBlock } from '../SheetModel.ts';
import { notComparedNote } from './sinceLastRun.ts';

/** The Migration tab's name; reserved among the tab names. */
export const MIGRATION_TAB = 'Migration';

/**
 * The Migration tab: the migration matrix (customers by segment at the previous snapshot, rows,
 * and now, columns; new customers as a row, gone ones as a column, totals both ways) and each
 * segment's flows (stayed, moved in, moved out, new, gone). `segments` gives the order: the
 * segment table's, best first; segments only the previous snapshot had come after.
 *
 * @example
 * ```ts
 * buildMigrationTab(outcome, ['Champions', 'Loyal Customers', 'Lost']).blocks[0].title; // 'Migration matrix'
 * ```
 */
export function buildMigrationTab(outcome: HistoryOutcome, segments: readonly string[]): SheetTab {
  const comparison = outcome.comparison;
  if (!comparison || !outcome.previous) return { name: MIGRATION_TAB, role: 'movements', notes: [notComparedNote(outcome)], blocks: [] };
  const { matrix } = comparison;
  const order = [...segments, ...[...matrix.fromSegments(), ...matrix.toSegments()].filter((s) => !segments.includes(s))]
    .filter((s, i, all) => all.indexOf(s) === i);
  const previousAsOf = outcome.previous.asOf;
  const columns: SheetColumn[] = [
    { key: 'from', header: 'Then \\ now', type: 'text', width: 22, note: `Rows: segment at ${previousAsOf}; columns: segment at ${outcome.asOf}.` },
    ...order.map((segment, i): SheetColumn => ({ key: `to_${i + 1}`, header: segment, type: 'integer', width: 11 })),
    { key: 'gone', header: 'Gone', type: 'integer', width: 9, note: 'In the previous snapshot, not in this run (no order left in the export).' },
    { key: 'total_before', header: 'Total then', type: 'integer', width: 11 },
  ];
  const row = (label: string, from: string): CellValue[] => [
    label,
    ...order.map((to) => matrix.count(from, to)),
    matrix.count(from, GONE_CUSTOMERS),
    matrix.rowTotal(from),
  ];
  const matrixBlock: TableBlock = {
    title: 'Migration matrix',
    columns,
    rows: [
      ...order.map((from) => row(from, from)),
      row('New since last run', NEW_CUSTOMERS),
      ['Total now', ...order.map((to) => matrix.columnTotal(to)), matrix.columnTotal(GONE_CUSTOMERS), null],
    ],
  };
  const flows: TableBlock = {
    title: 'Change by segment',
    colourBy: 'segment',
    columns: [
      { key: 'segment', header: 'Segment', type: 'text', width: 22 },
      { key: 'before', header: 'Customers then', type: 'integer', width: 11 },
      { key: 'now', header: 'Customers now', type: 'integer', width: 11 },
      { key: 'change', header: 'Change', type: 'integer', width: 9 },
      { key: 'stayed', header: 'Stayed', type: 'integer', width: 9 },
      { key: 'moved_in', header: 'Moved in', type: 'integer', width: 9, note: 'From another segment.' },
      { key: 'moved_out', header: 'Moved out', type: 'integer', width: 9, note: 'To another segment.' },
      { key: 'new', header: 'New', type: 'integer', width: 9, note: 'Not in the previous snapshot.' },
      { key: 'gone', header: 'Gone', type: 'integer', width: 9, note: 'Not in this run.' },
    ],
    rows: order.map((segment) => {
      const f = matrix.flow(segment);
      return [segment, f.before, f.now, f.now - f.before, f.stayed, f.movedIn, f.movedOut, f.arrived, f.gone];
    }),
  };
  return {
    name: MIGRATION_TAB,
    role: 'movements',
    notes: [
      `Customers by segment at the snapshot of ${previousAsOf} (rows) and on ${outcome.asOf} (columns). ` +
        `${matrix.previousTotal().toLocaleString('en-US')} customers then, ${matrix.currentTotal().toLocaleString('en-US')} now; ` +
        `${matrix.changed().toLocaleString('en-US')} changed segment.`,
    ],
    blocks: [matrixBlock, flows],
  };
}
