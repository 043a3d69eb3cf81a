/**
 * Engagement bands 1 (most engaged) to 4, by fixed thresholds or by share of open leads. Bands
 * depend on the score only, so equal scores always share a band, and a lead with no (or only
 * negative) engagement is band 4 whatever the distribution.
 */
import type { EngagementBandsConfig } from './leadScoringConfig.ts';

export type EngagementBand = 1 | 2 | 3 | 4;

/** Minimum score of bands 1, 2 and 3 (a score must also be above 0 to leave band 4). */
export interface BandCutoffs {
  readonly method: 'thresholds' | 'percentiles';
  readonly minScores: readonly [number, number, number];
}

/**
 * Cutoffs for this run. With `percentiles`, a lead is in band 1 when fewer than `topShares[0]` of
 * the open leads score strictly higher, band 2 when fewer than `topShares[1]` do, and so on; the
 * cutoff is the lowest score that qualifies.
 *
 * @example
 * ```ts
 * bandCutoffs({ method: 'percentiles', topShares: [0.25, 0.5, 0.75] }, [1, 2, 3, 4]);
 * // { method: 'percentiles', minScores: [4, 3, 2] }
 * ```
 */
export function bandCutoffs(config: EngagementBandsConfig, openLeadScores: ArrayLike<number>): BandCutoffs {
  if (config.method === 'thresholds') return { method: 'thresholds', minScores: config.thresholds };
  const sorted = Float64Array.from(openLeadScores).sort();
  const n = sorted.length;
  const cutoff = (share: number): number => {
    // MAX_VALUE rather than Infinity when no lead qualifies, so the cutoffs stay valid JSON in run.json.
    if (n === 0) return Number.MAX_VALUE;
    // Walk down distinct values while the share scoring strictly higher stays below `share`.
    let result = Number.MAX_VALUE;
    let i = n - 1;
    while (i >= 0) {
      const value = sorted[i] as number;
      const higher = n - 1 - i;
      if (higher / n >= share) break;
      result = value;
      while (i >= 0 && sorted[i] === value) i--;
    }
    return result;
  };
  const [s1, s2, s3] = config.topShares;
  return { method: 'percentiles', minScores: [cutoff(s1), cutoff(s2), cutoff(s3)] };
}

/**
 * Band of a score.
 *
 * @example
 * ```ts
 * engagementBand(20, { method: 'thresholds', minScores: [35, 15, 3] }); // 2
 * engagementBand(0, { method: 'thresholds', minScores: [35, 15, 3] }); // 4
 * ```
 */
export function engagementBand(score: number, cutoffs: BandCutoffs): EngagementBand {
  if (!(score > 0)) return 4;
  const [b1, b2, b3] = cutoffs.minScores;
  if (score >= b1) return 1;
  if (score >= b2) return 2;
  if (score >= b3) return 3;
  return 4;
}
