import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';

/** Unicode space separators (category Zs) beyond the ASCII space, which DuckDB's trim removes too. */
const SPACE_SEPARATORS = [0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000];
/** Non-ASCII letters and marks, which are not trimmed. */
const OTHER_NON_ASCII = [0xe9, 0x3b1, 0x4e2d, 0x1f600, 0x200b, 0xfeff];

/** Every value shape the fast path must answer as DuckDB's trim does: each character alone and at either or both ends. */
function samples(): string[] {
  const characters = [...Array.from({ length: 127 }, (_, i) => i + 1), ...SPACE_SEPARATORS, ...OTHER_NON_ASCII].map((c) => String.fromCodePoint(c));
  const values = ['', 'a', 'ab c', ' ', '   ', '\u00a0 \u3000'];
  for (const c of characters) values.push(c, `${c}x`, `x${c}`, `${c}x${c}`, `${c} x`, `x ${c}`, `${c}${c}`);
  return values;
}

describe('the trim fast path of the DuckDB prelude', () => {
  let engine: DuckDbQueryEngine;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open();
    const values = samples();
    // Values go in as code point lists, so no character is lost to SQL quoting.
    const rows = values.map((v, i) => `(${i}, [${[...v].map((c) => c.codePointAt(0)).join(', ')}])`).join(', ');
    await engine.materialize(
      'samples',
      `SELECT i, list_aggregate(list_transform(codes, c -> chr(c)), 'string_agg', '') AS s FROM (VALUES ${rows}) AS v(i, codes)`,
    );
  });
  afterAll(() => engine.close());

  it('answers exactly as DuckDB’s own trim for every ASCII character and every Unicode space, at either end', async () => {
    const [counts] = await engine.query(
      `SELECT count(*) AS n, count_if(trim(s) IS DISTINCT FROM system.main.trim(s)) AS differ, ` +
        `count_if(coalesce(s, '') = '' AND i > 0) AS empty FROM samples`,
    );
    expect(counts?.['n']).toBe(samples().length);
    expect(counts?.['differ']).toBe(0);
    expect(counts?.['empty']).toBe(0);
  });

  it('still removes spaces and Unicode space separators, and keeps tabs and inner spaces', async () => {
    const [row] = await engine.query(
      `SELECT trim('  a b  ') AS spaces, trim(chr(160) || 'x' || chr(12288)) AS unicode, trim(chr(9) || 'y') AS tab, trim(CAST(NULL AS VARCHAR)) AS missing`,
    );
    expect(row).toEqual({ spaces: 'a b', unicode: 'x', tab: '\ty', missing: null });
  });

  it('keeps the two-argument form', async () => {
    const [row] = await engine.query(`SELECT trim('xxaxx', 'x') AS trimmed`);
    expect(row?.['trimmed']).toBe('a');
  });
});
