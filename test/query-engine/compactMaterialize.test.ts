import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';

/** 200k rows of repetitive text and numbers, as order lines are. */
const LINES = `SELECT i AS line, 'customer-' || CAST(i % 1000 AS VARCHAR) AS customer_id, CAST(i % 7 AS DOUBLE) AS revenue FROM range(200000) AS t(i)`;

describe('materialize with compact storage on DuckDB', () => {
  let engine: DuckDbQueryEngine;
  beforeEach(async () => {
    engine = await DuckDbQueryEngine.open();
  });
  afterEach(() => engine.close());

  const compressions = async (table: string): Promise<Set<string>> =>
    new Set((await engine.query(`SELECT DISTINCT compression FROM pragma_storage_info('${table}')`)).map((r) => String(r['compression'])));
  const tableMemory = async (): Promise<number> =>
    Number((await engine.query(`SELECT sum(memory_usage_bytes) AS bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`))[0]?.['bytes']);
  const summary = async (table: string) => (await engine.query(`SELECT count(*) AS n, sum(line) AS lines, count(DISTINCT customer_id) AS customers, sum(revenue) AS revenue FROM ${table}`))[0];

  it('stores a relation uncompressed by default', async () => {
    await engine.materialize('plain', LINES);
    expect(await compressions('plain')).toEqual(new Set(['Uncompressed']));
  });

  it('compresses the relation, holding the same rows in a fraction of the memory', async () => {
    await engine.materialize('plain', LINES);
    const plainMemory = await tableMemory();
    const plain = await summary('plain');
    await engine.drop('plain');

    await engine.materialize('compact', LINES, { compact: true });
    const used = await compressions('compact');
    expect([...used].some((c) => c !== 'Uncompressed')).toBe(true);
    expect(await tableMemory()).toBeLessThan(plainMemory / 2);
    expect(await summary('compact')).toEqual(plain);
    expect(plain).toEqual({ n: 200000, lines: 19999900000, customers: 1000, revenue: expect.any(Number) });
  });

  it('keeps the Trino-compat macros usable in the compressible catalog', async () => {
    await engine.materialize('compact', LINES, { compact: true });
    const [row] = await engine.query(`SELECT count(*) AS n FROM compact WHERE regexp_like(customer_id, '^customer-1$')`);
    expect(row?.['n']).toBe(200);
  });
});
