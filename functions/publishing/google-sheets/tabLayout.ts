import type { RowCap, SheetColumn, SheetTab, TableBlock } from '../SheetModel.ts';
import { encodeCell, type RawCell } from './cellEncoding.ts';

/** Where a table block landed in the tab (zero-based rows). */
export interface PlacedBlock {
  readonly block: TableBlock;
  readonly titleRow?: number;
  readonly headerRow: number;
  readonly firstDataRow: number;
  readonly rowCount: number;
  readonly columns: readonly SheetColumn[];
}

/** A tab rendered to a grid of RAW values, with the positions the formatting and charts need. */
export interface TabLayout {
  readonly tab: SheetTab;
  /** One entry per row; trailing empty cells are left out to keep payloads small. */
  readonly rows: readonly (readonly RawCell[])[];
  /** Managed columns: the widest block (at least 1). */
  readonly width: number;
  /** Managed rows: rows.length, at least 1. */
  readonly height: number;
  /** Rows above the tables holding the tab's notes and cap line. */
  readonly noteRowCount: number;
  /** Row of the cap line ("Showing 50,000 of 120,000 …"), if the tab is capped. */
  readonly capRow?: number;
  readonly frozenRowCount: number;
  /** Rows the grid needs: at least one below a frozen header (Google refuses to freeze every row). */
  readonly gridRowCount: number;
  readonly blocks: readonly PlacedBlock[];
}

/**
 * Lays a tab out top to bottom: notes, the cap line, a blank row, then each block (optional title,
 * header, data) with a blank row between blocks. Single-table tabs freeze everything down to the
 * header so it stays visible while scrolling.
 *
 * @example
 * ```ts
 * const layout = layoutTab({ name: 'Champions', role: 'segment', notes: ['Best customers.'],
 *   blocks: [{ columns: [{ key: 'id', header: 'Customer', type: 'text' }], rows: [['C-1']] }] });
 * layout.rows; // [['Best customers.'], [], ['Customer'], ['C-1']]
 * layout.frozenRowCount; // 3
 * ```
 */
export function layoutTab(tab: SheetTab): TabLayout {
  const rows: RawCell[][] = tab.notes.map((note) => [note]);
  const capRow = tab.cap ? rows.push([capLine(tab.cap)]) - 1 : undefined;
  const noteRowCount = rows.length;
  if (noteRowCount > 0) rows.push([]);
  const blocks = tab.blocks.map((block, index) => {
    if (index > 0) rows.push([]);
    const titleRow = block.title === undefined ? undefined : rows.push([block.title]) - 1;
    const headerRow = rows.push(block.columns.map((column) => column.header)) - 1;
    for (const row of block.rows) rows.push(trimTrailingEmpty(block.columns.map((column, at) => encodeCell(row[at] ?? null, column.type))));
    const placed: PlacedBlock = {
      block,
      ...(titleRow !== undefined && { titleRow }),
      headerRow,
      firstDataRow: headerRow + 1,
      rowCount: block.rows.length,
      columns: block.columns,
    };
    return placed;
  });
  const singleBlock = blocks.length === 1 ? blocks[0] : undefined;
  const frozenRowCount = singleBlock ? singleBlock.headerRow + 1 : 0;
  const height = Math.max(rows.length, 1);
  return {
    tab,
    rows,
    width: Math.max(1, ...tab.blocks.map((block) => block.columns.length)),
    height,
    noteRowCount,
    ...(capRow !== undefined && { capRow }),
    frozenRowCount,
    gridRowCount: Math.max(height, frozenRowCount + 1),
    blocks,
  };
}

/** The line a capped tab shows, so nobody mistakes the shown rows for all of them. */
export function capLine(cap: RowCap): string {
  const shown = cap.shownRows.toLocaleString('en-US');
  const total = cap.totalRows.toLocaleString('en-US');
  return `Showing the first ${shown} of ${total} rows; the full list is in ${cap.fullListIn}.`;
}

function trimTrailingEmpty(cells: RawCell[]): RawCell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end -= 1;
  return end === cells.length ? cells : cells.slice(0, end);
}
