import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentRule } from '../../functions/config/configSchema.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import type { RfmCuts } from '../../functions/rfm/rfmCuts.ts';
import { scoreCustomer } from '../../functions/rfm/scoreCustomer.ts';
import { rfmKeySql, scoreSql, segmentOfKeySql } from '../../functions/rfm/segmentSql.ts';

/** A rule table that leaves most combinations to the unmatched segment. */
const SPARSE_RULES: SegmentRule[] = [
  { name: 'Best', description: '', action: '', r: [5, 5], f: [4, 5], m: [4, 5] },
  { name: "Gone (won't return)", description: '', action: '', r: [1, 1], f: [1, 5], m: [1, 5] },
];

const CASES: { name: string; cuts: RfmCuts; rules: readonly SegmentRule[] }[] = [
  // Quantile cuts are quantile + 1 and often carry long binary fractions.
  { name: 'quantile-like cuts', cuts: { recency: [115, 181.20000000000002, 297.4, 482], frequency: [1.0000000000000002, 2, 3, 5.6], monetary: [40.33, 88.1, 150.00000000000003, 402.7] }, rules: DEFAULT_SEGMENT_TABLE },
  { name: 'equal cuts (empty bins)', cuts: { recency: [30, 30, 90, 180], frequency: [2, 2, 2, 3], monetary: [10, 10, 20, 20] }, rules: DEFAULT_SEGMENT_TABLE },
  { name: 'a sparse table with an unmatched segment', cuts: { recency: [10, 20, 30, 40], frequency: [2, 3, 4, 5], monetary: [1, 2, 3, 4] }, rules: SPARSE_RULES },
  { name: 'ten bins on one dimension, three on another', cuts: { recency: [5, 10, 15, 20, 25, 30, 35, 40, 45], frequency: [2, 4], monetary: [0.1, 0.2, 0.30000000000000004] }, rules: [] },
];

/** Values on, just below and just above every cut, and a spread between. */
function probeValues(cuts: readonly number[]): number[] {
  const values = new Set<number>([-1, 0, 0.1 + 0.2, 1e9]);
  for (const c of cuts) for (const v of [c, c - 1e-9, c + 1e-9, c - 1, c + 1, Math.floor(c), Math.ceil(c)]) values.add(v);
  return [...values];
}

describe('segments named in SQL agree with scoreCustomer', () => {
  let engine: DuckDbQueryEngine;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open();
  });
  afterAll(() => engine.close());

  it.each(CASES)('$name', async ({ cuts, rules }) => {
    const customers: { recencyDays: number; frequency: number; monetary: number }[] = [];
    const recencies = probeValues(cuts.recency);
    const frequencies = probeValues(cuts.frequency);
    const monetaries = probeValues(cuts.monetary);
    for (let i = 0; i < 3000; i++) {
      customers.push({
        recencyDays: recencies[i % recencies.length] as number,
        frequency: frequencies[(i * 7) % frequencies.length] as number,
        monetary: monetaries[(i * 13) % monetaries.length] as number,
      });
    }
    // Values reach SQL as text cast to DOUBLE, the exact doubles JavaScript holds.
    const values = customers.map((c, i) => `(${i}, CAST('${c.recencyDays}' AS DOUBLE), CAST('${c.frequency}' AS DOUBLE), CAST('${c.monetary}' AS DOUBLE))`).join(', ');
    await engine.materialize('probe', `SELECT * FROM (VALUES ${values}) AS v(id, recency_days, frequency, monetary)`);
    const rows = await engine.query(
      `SELECT id, ${scoreSql('recency_days', cuts.recency, true)} AS r, ${scoreSql('frequency', cuts.frequency, false)} AS f, ` +
        `${scoreSql('monetary', cuts.monetary, false)} AS m, ${segmentOfKeySql('rfm_key', cuts, rules, 'Others')} AS segment ` +
        `FROM (SELECT *, ${rfmKeySql(cuts)} AS rfm_key FROM probe) AS keyed ORDER BY id`,
    );
    const fromSql = rows.map((row) => ({ r: row['r'], f: row['f'], m: row['m'], segment: row['segment'] }));
    const fromTypeScript = customers.map((c) => {
      const scored = scoreCustomer(c, cuts, rules, 'Others');
      return { r: scored.r, f: scored.f, m: scored.m, segment: scored.segment };
    });
    expect(fromSql).toEqual(fromTypeScript);
    // The probe reaches every score of every dimension, and more than one segment where rules exist.
    expect(new Set(fromSql.map((s) => s.r)).size).toBe(new Set(cuts.recency).size + 1);
    if (rules.length > 0) expect(new Set(fromSql.map((s) => s.segment)).size).toBeGreaterThan(1);
  });

  it('names everything the unmatched segment when the table has no rules', () => {
    expect(segmentOfKeySql('rfm_key', CASES[0]!.cuts, [], "Others' own")).toBe("'Others'' own'");
  });
});
