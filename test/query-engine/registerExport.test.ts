import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unorderedRelation, type ExportReading } from '../../functions/query-engine/QueryEngine.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { tempDirWith } from '../support/tempDir.ts';

const READINGS: readonly { name: string; reading: ExportReading }[] = [
  { name: 'read where used (views)', reading: {} },
  { name: 'numbered (copied into a table)', reading: { numbered: true } },
];

describe.each(READINGS)('registerExport on DuckDB, $name', ({ reading }) => {
  let engine: DuckDbQueryEngine;
  let columns: string[];
  let dir: string;
  beforeAll(async () => {
    dir = await tempDirWith({ 'e.csv': 'id,name\na,x\nb,y\na,x\na,z\n' });
    engine = await DuckDbQueryEngine.open();
    columns = await engine.registerExport('raw_e', { path: path.join(dir, 'e.csv'), format: 'csv' }, reading);
  });
  afterAll(() => engine.close());

  it('resolves to the export columns only', () => {
    expect(columns).toEqual(['id', 'name']);
  });

  it('numbers the rows in file order and keys them by content', async () => {
    const rows = await engine.query('SELECT _source_row, id, name, CAST(_row_key AS VARCHAR) AS k FROM raw_e ORDER BY _source_row');
    expect(rows.map((r) => [r['_source_row'], r['id'], r['name']])).toEqual([[1, 'a', 'x'], [2, 'b', 'y'], [3, 'a', 'x'], [4, 'a', 'z']]);
    const keys = rows.map((r) => r['k']);
    expect(keys[0]).toBe(keys[2]); // equal content, equal key
    expect(new Set([keys[0], keys[1], keys[3]]).size).toBe(3);
  });

  it('defines the unordered twin with the same rows and keys but no row numbers', async () => {
    const { rows, columns: twin } = await engine.query(`SELECT * FROM ${unorderedRelation('raw_e')}`, true);
    expect(twin).toEqual(['_row_key', 'id', 'name']);
    const numbered = await engine.query('SELECT _row_key, id, name FROM raw_e');
    const sorted = (r: typeof rows) => r.map((x) => `${x['_row_key']}|${x['id']}|${x['name']}`).sort();
    expect(sorted(rows)).toEqual(sorted(numbered));
  });

  // Large enough that DuckDB reads the file on both threads in several pieces.
  it('numbers a large file in file order', async () => {
    const lines = Array.from({ length: 400_000 }, (_, i) => `${i + 1},${'v'.repeat(i % 17)}`);
    const file = path.join(dir, 'large.csv');
    await writeFile(file, `line,pad\n${lines.join('\n')}\n`);
    await engine.registerExport('raw_large', { path: file, format: 'csv' }, reading);
    const [row] = await engine.query(
      'SELECT count(*) AS n, count(*) FILTER (WHERE CAST(line AS BIGINT) <> _source_row) AS misplaced, max(_source_row) AS last FROM raw_large',
    );
    expect(row).toEqual({ n: 400_000, misplaced: 0, last: 400_000 });
  });

  it('drop removes the export with its twin', async () => {
    await engine.drop('raw_e');
    for (const relation of ['raw_e', unorderedRelation('raw_e')]) {
      await expect(engine.query(`SELECT count(*) AS n FROM ${relation}`)).rejects.toThrow(/does not exist/);
    }
    const [left] = await engine.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'raw_e%'");
    expect(left?.['n']).toBe(0);
  });
});
