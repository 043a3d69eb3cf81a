import type { SegmentRule } from '../config/configSchema.ts';
import { assignSegment } from './assignSegment.ts';
import { scoreFromCuts } from './rfmBins.ts';
import type { RfmCuts } from './rfmCuts.ts';

/** The RFM inputs of one customer. */
export interface RfmValues {
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
}

export interface RfmResult {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** `R*100 + F*10 + M` for 1-digit scores, as the R package prints it (e.g. 543). */
  readonly code: string;
  readonly segment: string;
}

/**
 * Scores one customer and names its segment.
 *
 * @example
 * ```ts
 * scoreCustomer({ recencyDays: 205, frequency: 6, monetary: 472 }, cuts, DEFAULT_SEGMENT_TABLE, 'Others');
 * // { r: 3, f: 4, m: 3, code: '343', segment: 'Loyal Customers' }
 * ```
 */
export function scoreCustomer(
  values: RfmValues,
  cuts: RfmCuts,
  rules: readonly SegmentRule[],
  unmatched: string,
): RfmResult {
  const r = scoreFromCuts(values.recencyDays, cuts.recency, true);
  const f = scoreFromCuts(values.frequency, cuts.frequency, false);
  const m = scoreFromCuts(values.monetary, cuts.monetary, false);
  // With 10 bins a score can be 10, so join with '-' then rather than building a number.
  const code = r < 10 && f < 10 && m < 10 ? `${r}${f}${m}` : `${r}-${f}-${m}`;
  return { r, f, m, code, segment: assignSegment({ r, f, m }, rules, unmatched) };
}
