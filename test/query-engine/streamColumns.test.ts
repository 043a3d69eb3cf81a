import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnBatch, columnsOfRows, lazyColumnBatch } from '../../functions/query-engine/ColumnBatch.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import type { SqlRow } from '../../functions/query-engine/QueryEngine.ts';

/** One column per kind of value the adapter normalises, with a NULL in each. */
const MIXED = `SELECT * FROM (VALUES
  (1, CAST(2 AS BIGINT), CAST(1.25 AS DECIMAL(9, 2)), 0.5, DATE '2025-06-30', 'a', true),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, CAST(9007199254740991 AS BIGINT), CAST(-7.5 AS DECIMAL(9, 2)), -1e300, DATE '1999-01-01', 'a', false)
) AS t(i, b, d, f, day, s, flag)`;

describe('streamColumns on DuckDB', () => {
  let engine: DuckDbQueryEngine;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open();
  });
  afterAll(() => engine.close());

  it('holds the same normalised values as the rows of stream, column by column', async () => {
    const rows: SqlRow[] = [];
    for await (const batch of engine.stream(MIXED)) rows.push(...batch);
    const columns = new Map<string, unknown[]>();
    let rowCount = 0;
    for await (const batch of engine.streamColumns(MIXED)) {
      rowCount += batch.rowCount;
      for (const name of Object.keys(rows[0] ?? {})) columns.set(name, [...(columns.get(name) ?? []), ...batch.column(name)]);
    }
    expect(rowCount).toBe(3);
    expect(columns.get('i')).toEqual([1, null, 3]);
    expect(columns.get('b')).toEqual([2, null, 9007199254740991]);
    expect(columns.get('d')).toEqual([1.25, null, -7.5]);
    expect(columns.get('f')).toEqual([0.5, null, -1e300]);
    expect(columns.get('day')).toEqual(['2025-06-30', null, '1999-01-01']);
    expect(columns.get('s')).toEqual(['a', null, 'a']);
    expect(columns.get('flag')).toEqual([true, null, false]);
    for (const [name, values] of columns) expect(values).toEqual(rows.map((r) => r[name]));
  });

  it('reads a result of many chunks whole and in order', async () => {
    let next = 0;
    let misplaced = 0;
    for await (const batch of engine.streamColumns('SELECT range AS n FROM range(10000)')) {
      const n = batch.column('n');
      for (let r = 0; r < batch.rowCount; r++) if (n[r] !== next++) misplaced++;
    }
    expect({ next, misplaced }).toEqual({ next: 10000, misplaced: 0 });
  });

  // The next chunk is fetched while the caller reads the current one; a caller that stops early
  // must find the connection free for its next query.
  it('leaves the connection usable after a caller stops at the first chunk', async () => {
    let batches = 0;
    for await (const batch of engine.streamColumns('SELECT range AS n FROM range(100000)')) {
      batches++;
      expect(batch.column('n')[0]).toBe(0);
      break;
    }
    expect(batches).toBe(1);
    expect(await engine.query('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
    let rows = 0;
    for await (const batch of engine.streamColumns('SELECT range AS n FROM range(5000)')) rows += batch.rowCount;
    expect(rows).toBe(5000);
  });

  it('names the columns there are when asked for one there is not', async () => {
    for await (const batch of engine.streamColumns('SELECT 1 AS one, 2 AS two')) {
      expect(() => batch.column('three')).toThrow("the result has no column 'three' (columns: one, two)");
    }
  });
});

describe('column batches', () => {
  it('columnsOfRows splits rows by column, a missing value as NULL', () => {
    const batch = columnsOfRows([{ id: 'a', n: 1 }, { id: 'b' }], ['id', 'n']);
    expect(batch.rowCount).toBe(2);
    expect(batch.column('id')).toEqual(['a', 'b']);
    expect(batch.column('n')).toEqual([1, null]);
  });

  it('columnBatch hands back the arrays it was given', () => {
    const ids = ['x'];
    expect(columnBatch(1, new Map([['id', ids]])).column('id')).toBe(ids);
  });

  it('lazyColumnBatch converts a column once, when first asked for, and no other', () => {
    const reads: number[] = [];
    const batch = lazyColumnBatch(2, ['id', 'note', 'n'], (index) => {
      reads.push(index);
      return index === 0 ? ['a', 'b'] : index === 2 ? [1, 2] : ['unused', 'unused'];
    });
    expect(reads).toEqual([]);
    expect(batch.column('n')).toEqual([1, 2]);
    expect(batch.column('id')).toEqual(['a', 'b']);
    expect(batch.column('n')).toBe(batch.column('n'));
    expect(reads).toEqual([2, 0]);
    expect(batch.has('note')).toBe(true);
    expect(batch.has('other')).toBe(false);
    expect(() => batch.column('other')).toThrow("the result has no column 'other' (columns: id, note, n)");
  });
});
