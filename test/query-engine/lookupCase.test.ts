import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { lookupCase } from '../../functions/query-engine/sqlTemplate.ts';

const KEYS = `SELECT * FROM (VALUES (1, 'EUR'), (2, 'GBP'), (3, 'JPY'), (4, CAST(NULL AS VARCHAR)), (5, 'it''s')) AS k(i, currency)`;

describe('lookupCase', () => {
  let engine: DuckDbQueryEngine;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open();
  });
  afterAll(() => engine.close());

  const lookUp = async (expression: string) =>
    (await engine.query(`SELECT i, ${expression} AS v FROM (${KEYS}) AS k ORDER BY i`)).map((r) => r['v']);

  it.each([
    { case: 'listed keys', entries: [['EUR', 1.08], ['GBP', 1.27]] as const, expected: [1.08, 1.27, null, null, null] },
    { case: 'the first entry of a repeated key', entries: [['EUR', 1.08], ['EUR', 2]] as const, expected: [1.08, null, null, null, null] },
    { case: 'a key with a quote', entries: [["it's", 3]] as const, expected: [null, null, null, null, 3] },
    { case: 'an empty table', entries: [] as const, expected: [null, null, null, null, null] },
  ])('gives the value of $case, NULL for other keys and for NULL', async ({ entries, expected }) => {
    expect(await lookUp(lookupCase('currency', ['VARCHAR', 'DOUBLE'], entries))).toEqual(expected);
  });

  it('answers as a join with the same table would', async () => {
    const rates = [['EUR', 1.08], ['JPY', 0.0067]] as const;
    const joined = (await engine.query(
      `SELECT k.i, r.rate AS v FROM (${KEYS}) AS k LEFT JOIN (VALUES ('EUR', 1.08), ('JPY', 0.0067)) AS r(currency, rate) ON r.currency = k.currency ORDER BY k.i`,
    )).map((r) => r['v']);
    expect(await lookUp(lookupCase('currency', ['VARCHAR', 'DOUBLE'], rates))).toEqual(joined);
  });

  it('keeps the value type when the table is empty', async () => {
    const [row] = await engine.query(`SELECT typeof(${lookupCase('currency', ['VARCHAR', 'DOUBLE'], [])}) AS t FROM (${KEYS}) AS k LIMIT 1`);
    expect(row?.['t']).toBe('DOUBLE');
  });
});
