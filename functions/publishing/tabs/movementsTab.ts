import { roundMoney } from '../../customers/ScoredCustomer.ts';
import type { HistoryOutcome } from '../../segment-history/HistoryOutcome.ts';
import type { SheetColumn, SheetTab } from '../SheetModel.ts';
import { notComparedNote } from './sinceLastRun.ts';

/** The Movements tab's name; reserved among the tab names. */
export const MOVEMENTS_TAB = 'Movements';

const COLUMNS: readonly SheetColumn[] = [
  { key: 'customer_id', header: 'Customer', type: 'text', width: 16 },
  { key: 'email', header: 'Email', type: 'text', width: 30 },
  { key: 'from_segment', header: 'From segment', type: 'text', width: 20, note: 'Segment at the previous snapshot.' },
  { key: 'to_segment', header: 'To segment', type: 'text', width: 20, note: 'Segment now.' },
  { key: 'value_at_stake', header: 'Value at stake', type: 'currency', width: 14 },
  { key: 'value_from', header: 'Value from', type: 'text', width: 13, note: 'CLV (this run), previous CLV (where this run has none) or net revenue.' },
  { key: 'p_alive', header: 'P(alive)', type: 'percent', width: 9, note: 'Probability the customer is still active (CLV model).' },
  { key: 'last_order_date', header: 'Last order', type: 'date', width: 12 },
  { key: 'recency', header: 'Days since last order', type: 'integer', width: 12 },
  { key: 'frequency', header: 'Orders', type: 'integer', width: 8 },
  { key: 'monetary', header: 'Net revenue', type: 'currency', width: 14 },
];

/**
 * The Movements tab: customers who moved down out of the valuable segments since the previous
 * snapshot, highest value at stake first — the list for a win-back call. On a first run, or
 * when the previous snapshot cannot be used, the tab says so plainly instead of listing anyone.
 *
 * @example
 * ```ts
 * buildMovementsTab(outcome).notes[0]; // 'Customers who moved down out of Champions, … since 2024-05-31 …'
 * ```
 */
export function buildMovementsTab(outcome: HistoryOutcome): SheetTab {
  const comparison = outcome.comparison;
  if (!comparison || !outcome.previous) {
    return { name: MOVEMENTS_TAB, role: 'movements', notes: [notComparedNote(outcome)], blocks: [] };
  }
  const shown = comparison.movers.length;
  const notes = [
    `Customers who moved down out of the valuable segments (${outcome.valuableSegments.join(', ') || 'none: name them in history.valuableSegments'}) ` +
      `between the snapshot of ${outcome.previous.asOf} and ${outcome.asOf}, highest value at stake first: the list for a win-back call.`,
    outcome.valueBasis === 'CLV'
      ? "Value at stake: the customer's CLV from this run; the previous run's CLV where this run has none, net revenue where neither has one."
      : "Value at stake: the customer's net revenue so far (CLV is off).",
    shown < comparison.moved
      ? `${comparison.moved.toLocaleString('en-US')} customers moved down; showing the ${shown.toLocaleString('en-US')} with the most at stake (output.rowCap).`
      : `${comparison.moved.toLocaleString('en-US')} customers moved down.`,
  ];
  return {
    name: MOVEMENTS_TAB,
    role: 'movements',
    notes,
    blocks: [
      {
        columns: COLUMNS.map((c) => (c.key === 'value_at_stake' ? { ...c, note: outcome.valueBasis === 'CLV' ? 'CLV, or as Value from says.' : 'Net revenue so far.' } : c)),
        colourBy: 'to_segment',
        rows: comparison.movers.map((m) => [
          m.customerId,
          m.email,
          m.fromSegment,
          m.toSegment,
          roundMoney(m.valueAtStake),
          m.valueSource,
          m.pAlive,
          m.lastOrderDate,
          m.recencyDays,
          m.frequency,
          m.monetary,
        ]),
      },
    ],
  };
}
