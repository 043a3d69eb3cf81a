import type { RfmConfig } from '../config/configSchema.ts';

/** The three RFM dimensions. */
export type RfmDimension = 'recency' | 'frequency' | 'monetary';
export const RFM_DIMENSIONS: readonly RfmDimension[] = ['recency', 'frequency', 'monetary'];

/** How one dimension is binned: by quantiles (count) or by explicit cut points. */
export type BinSpec = number | readonly number[];

/**
 * Interior probabilities for `bins` quantile bins: 1/n, 2/n, ... (n-1)/n.
 *
 * @example
 * ```ts
 * quantileProbabilities(5); // [0.2, 0.4, 0.6, 0.8]
 * ```
 */
export function quantileProbabilities(bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
}

/**
 * Cut points from quantiles the way the R package `rfm` makes them: quantile + 1, used as
 * half-open `[lower, upper)` bin edges. (The +1 is the package's; it moves fractional cuts up.)
 */
export function cutsFromQuantiles(quantiles: readonly number[]): number[] {
  return quantiles.map((q) => q + 1);
}

/**
 * Score of a value given increasing cut points: bins are `[-inf, c1), [c1, c2), ... [ck, inf)`;
 * equal values always score the same, and a bin between two equal cuts stays empty. Recency is
 * reversed so the most recent customers (fewest days) get the highest score.
 *
 * @example
 * ```ts
 * scoreFromCuts(205, [115, 181, 297.4, 482], true); // 3
 * ```
 */
export function scoreFromCuts(value: number, cuts: readonly number[], reversed: boolean): number {
  let index = 0;
  // Cut lists are at most 9 long: a linear scan is fastest and obviously right.
  while (index < cuts.length && (cuts[index] as number) <= value) index++;
  return reversed ? cuts.length + 1 - index : index + 1;
}

/** Bin spec of one dimension from the config (a shared count or per-dimension specs). */
export function binSpecFor(config: RfmConfig, dimension: RfmDimension): BinSpec {
  const bins = config.bins;
  if (typeof bins === 'number' || Array.isArray(bins)) return bins as BinSpec;
  return (bins as Record<RfmDimension, BinSpec>)[dimension];
}

/** Number of scores a bin spec yields. */
export function binCount(spec: BinSpec): number {
  return typeof spec === 'number' ? spec : spec.length + 1;
}
