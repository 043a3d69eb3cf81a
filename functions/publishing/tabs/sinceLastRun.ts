import { FIRST_RUN, type HistoryOutcome } from '../../segment-history/HistoryOutcome.ts';
import type { SummaryInput } from './summaryTab.ts';

/**
 * The one line the Summary, Movements and Migration tabs show when there was nothing to compare
 * with (a first run), the previous snapshot could not be used, or history is off.
 *
 * @example
 * ```ts
 * notComparedNote({ status: 'first run: no previous snapshot', asOf: '2024-06-30', valuableSegments: [], valueBasis: 'CLV' });
 * // 'First run: no previous snapshot to compare with. …'
 * ```
 */
export function notComparedNote(outcome: HistoryOutcome): string {
  if (outcome.status === 'off') return 'Segment history is off (history.enabled): no snapshot is kept and nothing is compared.';
  if (outcome.status === FIRST_RUN) {
    return `First run: no previous snapshot to compare with. This run's snapshot (${outcome.asOf}) is kept, so the next run will show the movements.`;
  }
  const previous = outcome.previous ? ` (${outcome.previous.asOf})` : '';
  return `No comparison this run${previous}: ${outcome.status}. This run's snapshot (${outcome.asOf}) is kept for the next run.`;
}

/**
 * The Summary's "change since last run" input: customers per segment at the previous snapshot,
 * or the note saying why there is no comparison; undefined when history is off.
 *
 * @example
 * ```ts
 * sinceLastRunOf(outcome); // { previousAsOf: '2024-05-31', customers: Map { 'Champions' => 120, … } }
 * ```
 */
export function sinceLastRunOf(outcome: HistoryOutcome): SummaryInput['sinceLastRun'] {
  if (outcome.status === 'off') return undefined;
  const comparison = outcome.comparison;
  if (!comparison || !outcome.previous) return { note: notComparedNote(outcome) };
  const { matrix } = comparison;
  return { previousAsOf: outcome.previous.asOf, customers: new Map(matrix.fromSegments().map((s) => [s, matrix.rowTotal(s)])) };
}
