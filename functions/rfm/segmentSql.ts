import { textLiteral } from '../query-engine/sqlTemplate.ts';
import type { SegmentRule } from '../config/configSchema.ts';
import { assignSegment } from './assignSegment.ts';
import { RFM_COLUMNS, type RfmCuts } from './rfmCuts.ts';

/**
 * SQL for one dimension's score as `scoreFromCuts` (rfmBins.ts) computes it: one plus the number of cuts
 * at or below the value (recency reversed). Cuts are written as text cast to DOUBLE, which both
 * engines parse to the same double as JavaScript: a numeric literal would be a DECIMAL first.
 *
 * @example
 * ```ts
 * scoreSql('monetary', [50, 120], false);
 * // "(1 + CASE WHEN monetary >= CAST('50' AS DOUBLE) THEN 1 ELSE 0 END + CASE WHEN …)"
 * ```
 */
export function scoreSql(column: string, cuts: readonly number[], reversed: boolean): string {
  const atOrBelow = cuts.map((cut) => `CASE WHEN ${column} >= CAST('${String(cut)}' AS DOUBLE) THEN 1 ELSE 0 END`);
  const index = atOrBelow.length > 0 ? atOrBelow.join(' + ') : '0';
  return reversed ? `(${cuts.length + 1} - (${index}))` : `(1 + ${index})`;
}

/** Weights of R and F in an RFM key `R * 10000 + F * 100 + M`: one number per score combination (scores run to 10 at most). */
const R_WEIGHT = 10_000;
const F_WEIGHT = 100;

/** SQL for a customer's RFM key from its feature columns, which {@link segmentOfKeySql} names. */
export function rfmKeySql(cuts: RfmCuts, columns: typeof RFM_COLUMNS = RFM_COLUMNS): string {
  return (
    `${scoreSql(columns.recency, cuts.recency, true)} * ${R_WEIGHT} + ` +
    `${scoreSql(columns.frequency, cuts.frequency, false)} * ${F_WEIGHT} + ` +
    `${scoreSql(columns.monetary, cuts.monetary, false)}`
  );
}

/**
 * SQL naming the segment of an RFM key column ({@link rfmKeySql}) exactly as
 * {@link assignSegment} names the scores: the segment table is evaluated here for every score
 * combination the cuts allow (at most 1,000), so SQL and TypeScript cannot disagree on a rule.
 *
 * @example
 * ```ts
 * const segment = segmentOfKeySql('rfm_key', cuts, rules, 'Others');
 * // "CASE WHEN rfm_key IN (50505, 50504, …) THEN 'Champions' WHEN … ELSE 'Others' END"
 * ```
 */
export function segmentOfKeySql(keyColumn: string, cuts: RfmCuts, rules: readonly SegmentRule[], unmatched: string): string {
  const keysBySegment = new Map<string, number[]>();
  for (let r = 1; r <= cuts.recency.length + 1; r++) {
    for (let f = 1; f <= cuts.frequency.length + 1; f++) {
      for (let m = 1; m <= cuts.monetary.length + 1; m++) {
        const segment = assignSegment({ r, f, m }, rules, unmatched);
        if (segment === unmatched) continue;
        const keys = keysBySegment.get(segment) ?? [];
        keys.push(r * R_WEIGHT + f * F_WEIGHT + m);
        keysBySegment.set(segment, keys);
      }
    }
  }
  const branches = [...keysBySegment].map(([segment, keys]) => `WHEN ${keyColumn} IN (${keys.join(', ')}) THEN ${textLiteral(segment)}`);
  return branches.length > 0 ? `CASE ${branches.join(' ')} ELSE ${textLiteral(unmatched)} END` : textLiteral(unmatched);
}
