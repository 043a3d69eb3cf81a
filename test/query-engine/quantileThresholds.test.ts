import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { computeRfmCuts } from '../../functions/rfm/rfmCuts.ts';

/** R's quantile(type = 7), written from its definition, independent of the SQL. */
function type7(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const lo = Math.floor(h);
  return (x[lo] as number) + (h - lo) * ((x[Math.min(lo + 1, x.length - 1)] as number) - (x[lo] as number));
}

describe('sql/quantile_thresholds.sql', () => {
  let engine: DuckDbQueryEngine;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open({ memoryLimit: '1GB', threads: 2 });
  });
  afterAll(() => engine.close());

  async function cutsOf(values: number[], bins: number) {
    const rows = values.map((v, i) => `(${i}, ${v}, ${v}, ${v})`).join(', ');
    await engine.materialize('features', `SELECT * FROM (VALUES ${rows}) AS t (id, recency_days, frequency, monetary)`);
    return computeRfmCuts(engine, 'features', { bins, unmatchedSegment: 'Others' });
  }

  it('computes type-7 quantiles exactly (hand-checked: [1,2,3,4] at 0.2 is 1.6)', async () => {
    const cuts = await cutsOf([4, 1, 3, 2], 5);
    expect(cuts.monetary).toEqual([2.6, 3.2, 3.8, 4.4]);
  });

  it('agrees with the definition on lumpy data with many ties', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = Array.from({ length: 997 }, () => Math.floor(random() * random() * 12) + 1);
    const cuts = await cutsOf(values, 5);
    const expected = [0.2, 0.4, 0.6, 0.8].map((p) => type7(values, p) + 1);
    cuts.frequency.forEach((c, i) => expect(c).toBeCloseTo(expected[i] as number, 10));
  });

  it('handles a single customer', async () => {
    const cuts = await cutsOf([42], 4);
    expect(cuts.recency).toEqual([43, 43, 43]);
  });
});
