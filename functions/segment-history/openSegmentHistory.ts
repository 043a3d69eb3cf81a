import type { Config, SegmentRule } from '../config/configSchema.ts';
import { MovementRules } from './MovementRules.ts';
import { SegmentHistory } from './SegmentHistory.ts';
import type { SnapshotStore } from './SnapshotStore.ts';

/**
 * The history part of a customer run as configured: undefined when history is off
 * (`history.enabled: false`, or the shell gave no store), else started on the store with the
 * movement rules checked against the segment table (a bad `history` field is a UserError).
 *
 * @example
 * ```ts
 * const history = await openSegmentHistory(ctx.history, ctx.config, ctx.asOf, rules);
 * ```
 */
export async function openSegmentHistory(
  store: SnapshotStore | undefined,
  config: Config,
  asOf: string,
  table: readonly SegmentRule[],
): Promise<SegmentHistory | undefined> {
  if (!config.history.enabled) return undefined;
  const rules = MovementRules.resolve(config.history, table, config.rfm.unmatchedSegment);
  if (!store) return undefined;
  return SegmentHistory.start(store, { asOf, rules, rowCap: config.output.rowCap, clvEnabled: config.clv.enabled });
}
