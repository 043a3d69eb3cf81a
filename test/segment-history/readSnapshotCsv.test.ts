import { describe, expect, it } from 'vitest';
import { readSnapshotCsv } from '../../functions/segment-history/readSnapshotCsv.ts';
import { csvLine } from '../../functions/result-files/csvLine.ts';
import { snapshotHeaderLine, snapshotLines } from '../../functions/segment-history/snapshotCsv.ts';
import { snapshotValues, type SnapshotRow } from '../../functions/segment-history/SnapshotRow.ts';

const AS_OF = '2024-06-30';

function row(customerId: string, segment: string, pAlive: number | null, clv: number | null): SnapshotRow {
  return { asOf: AS_OF, customerId, segment, r: 5, f: 4, m: 3, rfmCode: '543', recencyDays: 12, frequency: 7, monetary: -12.5, pAlive, clv };
}

async function readAll(chunks: AsyncIterable<string | Uint8Array>, batchRows?: number): Promise<SnapshotRow[][]> {
  const batches: SnapshotRow[][] = [];
  for await (const batch of readSnapshotCsv(chunks, AS_OF, batchRows)) batches.push(batch);
  return batches;
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function* text(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

const rows = [
  row('C-1', 'Champions', 0.97, 830.5),
  row('has,comma', "Can't Lose Them", null, null),
  row('say "hi"', 'Segment, with "quotes"', 0, 0),
  row('two\nlines', 'Lost', 1e-7, 12),
  row(' padded ', 'Lost', 0.5, -3),
  row('😀é中', 'Lost', 0.25, 1),
];
const file = Buffer.from(snapshotHeaderLine() + snapshotLines(rows), 'utf8');

describe('reading a snapshot file', () => {
  it('is written exactly as the generic CSV writer writes the snapshot values', () => {
    expect(snapshotLines(rows)).toBe(rows.map((r) => csvLine(snapshotValues(r))).join(''));
  });

  it.each([1, 2, 3, 7, 64, file.length])('reads back what was written, in chunks of %i bytes', async (size) => {
    const batches = await readAll(pieces(file, size), 4);
    expect(batches.flat()).toEqual(rows);
    expect(batches.every((b) => b.length > 0)).toBe(true);
  });

  it('finds columns by name, so a later version may add or reorder columns', async () => {
    const csv = 'extra,clv,p_alive,monetary,frequency,recency_days,rfm_code,m,f,r,segment,customer_id,as_of\nx,5,0.5,10,2,3,111,1,1,1,Lost,C-9,2024-06-30\n';
    expect((await readAll(text(csv))).flat()).toEqual([
      { asOf: AS_OF, customerId: 'C-9', segment: 'Lost', r: 1, f: 1, m: 1, rfmCode: '111', recencyDays: 3, frequency: 2, monetary: 10, pAlive: 0.5, clv: 5 },
    ]);
  });

  it('reads CRLF line ends and a last line without one', async () => {
    const csv = snapshotHeaderLine().replace('\n', '\r\n') + snapshotLines([rows[0] as SnapshotRow]).replace('\n', '');
    expect((await readAll(text(csv))).flat()).toEqual([rows[0]]);
  });

  const header = snapshotHeaderLine();
  it.each([
    ['an empty file', '', /^the file is empty$/],
    ['a header without the snapshot columns', 'customer_id,segment\nC-1,Lost\n', /^the header lacks as_of, r, f, m, rfm_code/],
    ['a short line', `${header}2024-06-30,C-1,Lost\n`, /^line 2: 3 fields, no 'r'$/],
    ['a word in a number column', `${header}2024-06-30,C-1,Lost,5,x,3,5x3,12,7,10,,\n`, /^line 2: 'f' is "x", not a whole number$/],
    ['a fraction in a whole-number column', `${header}2024-06-30,C-1,Lost,5,4,3,543,1.5,7,10,,\n`, /^line 2: 'recency_days' is "1.5", not a whole number$/],
    ['an empty customer id', `${header}2024-06-30,,Lost,5,4,3,543,12,7,10,,\n`, /^line 2: 'customer_id' is empty$/],
    ['another date in as_of', `${header}2024-05-31,C-1,Lost,5,4,3,543,12,7,10,,\n`, /^line 2: as_of is 2024-05-31, but the file is the snapshot of 2024-06-30$/],
    ['an unclosed quote', `${header}2024-06-30,"C-1,Lost,5,4,3,543,12,7,10,,`, /^line 2: a quoted field is not closed$/],
    ['a stray quote', `${header}2024-06-30,C"1,Lost,5,4,3,543,12,7,10,,\n`, /^line 2: a quote inside an unquoted field$/],
  ])('rejects %s with the line and the reason', async (_, csv, reason) => {
    await expect(readAll(text(csv))).rejects.toThrow(expect.objectContaining({ name: 'SnapshotUnreadableError', message: expect.stringMatching(reason) }));
  });

  it('rejects bytes that are not UTF-8', async () => {
    const bad = Buffer.concat([Buffer.from(header), Buffer.from([0xff, 0xfe, 0x0a])]);
    await expect(readAll(pieces(bad, 4))).rejects.toThrow('the file is not UTF-8 text');
  });
});
