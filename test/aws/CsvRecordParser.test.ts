import { describe, expect, it } from 'vitest';
import { CsvRecordParser, csvRecordBatches } from '../../functions/exports/s3/CsvRecordParser.ts';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* parts;
}

async function parseAll(source: AsyncIterable<string | Uint8Array>, options = {}): Promise<(string | null)[][]> {
  const records: (string | null)[][] = [];
  for await (const batch of csvRecordBatches(source, options)) records.push(...batch);
  return records;
}

describe('parsing CSV text in chunks', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, whatever the chunking', async () => {
    const text = 'id,note\r\n1,"a, ""b""\nc"\r\n2,plain\n';
    const expected = [['id', 'note'], ['1', 'a, "b"\nc'], ['2', 'plain']];
    expect(await parseAll(chunks(text))).toEqual(expected);
    // Every split point: quotes, CRLF and doubled quotes that straddle chunks.
    for (let cut = 1; cut < text.length; cut++) {
      expect(await parseAll(chunks(text.slice(0, cut), text.slice(cut)))).toEqual(expected);
    }
  });

  it('tells NULL (unquoted empty) from the empty string ("") when reading Athena results', async () => {
    const records = await parseAll(chunks('"a","b","c"\n"",,"x"\n'), { unquotedEmpty: 'null' });
    expect(records).toEqual([['a', 'b', 'c'], ['', null, 'x']]);
  });

  it("reads exports' empty fields as empty strings, as Athena's OpenCSVSerDe does", async () => {
    expect(await parseAll(chunks('a,b\n,\n'))).toEqual([['a', 'b'], ['', '']]);
  });

  it('keeps a blank line as a one-field record when asked (a one-column NULL row in Athena results)', async () => {
    expect(await parseAll(chunks('"n"\n\n"1"\n'), { unquotedEmpty: 'null', blankLines: 'record' })).toEqual([['n'], [null], ['1']]);
    expect(await parseAll(chunks('n\n\n1\n'))).toEqual([['n'], ['1']]);
  });

  it('decodes UTF-8 split across byte chunks, skips a byte-order mark and reads a last line without a line break', async () => {
    const bytes = Buffer.from('\ufeffname;city\nJosé;Zürich', 'utf8');
    const pieces = [...bytes].map((b) => Uint8Array.of(b));
    expect(await parseAll(chunks(...pieces), { delimiter: ';' })).toEqual([['name', 'city'], ['José', 'Zürich']]);
  });

  it('refuses input that ends inside a quoted field', () => {
    const parser = new CsvRecordParser();
    parser.push('a,"unfinished');
    expect(() => parser.end()).toThrow(/inside a quoted field/);
  });
});
