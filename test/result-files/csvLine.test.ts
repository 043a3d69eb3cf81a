import { describe, expect, it } from 'vitest';
import { csvBytes, csvLine } from '../../functions/result-files/csvLine.ts';
import type { SqlValue } from '../../functions/query-engine/QueryEngine.ts';

describe('csvLine (RFC 4180)', () => {
  it.each([
    { values: ['plain', 'two words'], line: 'plain,two words\n' },
    { values: ['a,b'], line: '"a,b"\n' },
    { values: ['say "hi"'], line: '"say ""hi"""\n' },
    { values: ['line\nbreak', 'cr\r'], line: '"line\nbreak","cr\r"\n' },
    { values: [' padded', 'trailing '], line: '" padded","trailing "\n' },
    { values: [null, '', 0, -1.5, 1e21, true, false], line: ',,0,-1.5,1e+21,true,false\n' },
  ])('$values → $line', ({ values, line }) => {
    expect(csvLine(values)).toBe(line);
  });
});

describe('csvBytes', () => {
  /** The same rows joined as text and encoded at once: what the stores wrote before. */
  const asText = (rows: readonly (readonly SqlValue[])[]): Buffer => Buffer.from(rows.map((r) => csvLine(r)).join(''), 'utf8');

  it.each([
    { case: 'no rows', rows: [] },
    { case: 'ASCII rows with quoting, numbers and NULLs', rows: [['a,b', 1.5, null, 'say "hi"'], ['x', -0.0001, true, '']] },
    { case: 'multi-byte text (accents, CJK, emoji, lone surrogate)', rows: [['Zoë', 'München'], ['東京', '🙂 ok'], ['\ud800', 'é']] },
    // Rows far longer than the first guess of 256 bytes per row, so the buffer must grow.
    { case: 'one row with fewer characters than the first buffer has bytes, but more UTF-8 bytes', rows: [['€'.repeat(2000)]] },
    { case: 'rows longer than the first guess', rows: Array.from({ length: 40 }, (_, i) => ['€'.repeat(300 + i), i, 'ß'.repeat(i * 50)]) },
  ])('encodes $case exactly as the joined lines', ({ rows }) => {
    expect(csvBytes(rows as SqlValue[][]).equals(asText(rows as SqlValue[][]))).toBe(true);
  });

  it('encodes a thousand generated rows as the joined lines', () => {
    const letters = ['a', 'é', ' ', ',', '"', '\n', '東', '🙂'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    const rows = Array.from({ length: 1000 }, () =>
      Array.from({ length: 8 }, (): SqlValue => (next(4) === 0 ? next(100000) / 100 : next(5) === 0 ? null : Array.from({ length: next(30) }, () => letters[next(letters.length)]).join(''))),
    );
    expect(csvBytes(rows).equals(asText(rows))).toBe(true);
  });
});
