import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { textCodes } from '../../functions/query-engine/textCodes.ts';

describe('textCodes', () => {
  let engine: DuckDbQueryEngine;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open();
    // 'band' repeats (three values and NULL); 'id' has one value per row, past the coding limit.
    await engine.materialize('people', `SELECT 'p' || CAST(i AS VARCHAR) AS id, CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 'low' WHEN 2 THEN 'mid' ELSE 'high' END AS band FROM range(100002) AS t(i)`);
  });
  afterAll(() => engine.close());

  async function read(prefix: string | undefined): Promise<{ columns: string[]; rows: { id: string | null; band: string | null }[] }> {
    const codes = await textCodes(engine, { relation: 'people', alias: 'p', ...(prefix === undefined ? {} : { columnPrefix: prefix }) }, ['band', 'id']);
    const sql = `SELECT p.id AS key, ${codes.selectOf('band')}, ${codes.selectOf('id')} FROM people AS p ${codes.joins} ORDER BY p.id`;
    const rows: { id: string | null; band: string | null }[] = [];
    let columns: string[] = [];
    for await (const batch of engine.streamColumns(sql)) {
      columns = ['key', 'band', 'band__code', 'id', `${prefix ?? ''}band`, `${prefix ?? ''}band__code`, `${prefix ?? ''}id`].filter((c) => batch.has(c));
      const band = codes.textColumn(batch, 'band');
      const id = codes.textColumn(batch, 'id');
      for (let r = 0; r < batch.rowCount; r++) rows.push({ id: id(r), band: band(r) });
    }
    return { columns: [...new Set(columns)], rows };
  }

  it('returns a repeating column as codes and gives its text back, NULL included', async () => {
    const { columns, rows } = await read(undefined);
    expect(columns).toEqual(['key', 'band__code', 'id']);
    const expected = (i: number) => [null, 'low', 'mid', 'high'][i % 4];
    const wrong = rows.filter((row) => row.band !== expected(Number((row.id ?? '').slice(1))));
    expect(rows).toHaveLength(100002);
    expect(wrong).toEqual([]);
  });

  it('names its columns with the prefix, the text of a column past the limit too', async () => {
    const { columns, rows } = await read('person_');
    expect(columns).toEqual(['key', 'person_band__code', 'person_id']);
    expect(rows[0]).toEqual({ id: 'p0', band: null });
    expect(rows.find((r) => r.id === 'p7')).toEqual({ id: 'p7', band: 'high' });
  });

  it('reads the values of all its columns in one query (on Athena a query is a round trip and 10 MB billed)', async () => {
    const before = engine.stats().queries;
    const codes = await textCodes(engine, { relation: 'people', alias: 'p' }, ['band', 'id']);
    expect(engine.stats().queries - before).toBe(1);
    expect(codes.coded).toEqual(['band']);
  });
});
