import type { SegmentRule } from '../config/configSchema.ts';

/** R, F and M scores of one customer. */
export interface RfmScores {
  readonly r: number;
  readonly f: number;
  readonly m: number;
}

/**
 * The first rule whose inclusive R, F and M ranges all contain the scores, as the R package
 * `rfm` does since 0.2.2; `unmatched` when none does.
 *
 * @example
 * ```ts
 * assignSegment({ r: 5, f: 5, m: 5 }, DEFAULT_SEGMENT_TABLE, 'Others'); // 'Champions'
 * ```
 */
export function assignSegment(scores: RfmScores, rules: readonly SegmentRule[], unmatched: string): string {
  for (const rule of rules) {
    if (within(scores.r, rule.r) && within(scores.f, rule.f) && within(scores.m, rule.m)) return rule.name;
  }
  return unmatched;
}

function within(score: number, [low, high]: readonly [number, number]): boolean {
  return score >= low && score <= high;
}
