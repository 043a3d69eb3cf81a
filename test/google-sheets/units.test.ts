import { describe, expect, it } from 'vitest';
import { a1Range, columnLetters } from '../../functions/publishing/google-sheets/a1Notation.ts';
import { classifyFailure } from '../../functions/publishing/google-sheets/apiFailure.ts';
import { encodeCell, isoDateToSerial, MAX_CELL_CHARACTERS } from '../../functions/publishing/google-sheets/cellEncoding.ts';
import { InvalidSheetModelError } from '../../functions/publishing/google-sheets/errors.ts';
import { appendRows } from '../../functions/publishing/google-sheets/runLog.ts';
import { layoutTab } from '../../functions/publishing/google-sheets/tabLayout.ts';
import { validateSheetModel } from '../../functions/publishing/google-sheets/validateSheetModel.ts';
import { chunkValueWrites } from '../../functions/publishing/google-sheets/valueChunks.ts';
import type { SheetTab } from '../../functions/publishing/SheetModel.ts';

describe('cell encoding', () => {
  it('turns ISO dates into Sheets serial numbers (days since 1899-12-30)', () => {
    expect(isoDateToSerial('1899-12-30')).toBe(0);
    expect(isoDateToSerial('1970-01-01')).toBe(25_569);
    expect(isoDateToSerial('2024-03-01')).toBe(45_352);
    expect(isoDateToSerial('2024-03-01T12:00:00Z')).toBe(45_352.5);
    expect(isoDateToSerial('2024-02-30')).toBeUndefined();
    expect(isoDateToSerial('01/03/2024')).toBeUndefined();
  });

  it('lets the column type decide, never the value', () => {
    expect(encodeCell('2024-03-01', 'date')).toBe(45_352);
    expect(encodeCell('2024-03-01', 'text')).toBe('2024-03-01');
    expect(encodeCell('00123', 'text')).toBe('00123');
    expect(encodeCell('=1+1', 'text')).toBe('=1+1');
    expect(encodeCell(45_352, 'date')).toBe(45_352); // already a serial (read back from the sheet)
    expect(encodeCell(Number.NaN, 'number')).toBe('');
    expect(encodeCell(null, 'currency')).toBe('');
    expect(encodeCell(true, 'text')).toBe(true);
  });

  it('truncates text over Google’s 50,000-character cell limit, saying so', () => {
    const encoded = encodeCell('x'.repeat(60_000), 'text');
    expect(typeof encoded === 'string' && encoded.length).toBe(MAX_CELL_CHARACTERS);
    expect(String(encoded).endsWith('…[truncated]')).toBe(true);
  });
});

describe('A1 notation', () => {
  it('quotes titles and names columns past Z', () => {
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(25)).toBe('Z');
    expect(columnLetters(26)).toBe('AA');
    expect(columnLetters(18_277)).toBe('ZZZ');
    expect(a1Range("Bob's tab", 0, 0, 10, 3)).toBe("'Bob''s tab'!A1:C10");
  });
});

describe('tab layout', () => {
  const tab: SheetTab = {
    name: 'T',
    role: 'segment',
    notes: ['n1'],
    cap: { totalRows: 10, shownRows: 2, fullListIn: 'customers.csv' },
    blocks: [
      { title: 'First', columns: [{ key: 'a', header: 'A', type: 'text' }, { key: 'b', header: 'B', type: 'integer' }], rows: [['x', null], [null, 2]] },
      { columns: [{ key: 'c', header: 'C', type: 'date' }], rows: [['2024-03-01']] },
    ],
  };

  it('stacks notes, cap line, then blocks with titles and a blank row between them', () => {
    const layout = layoutTab(tab);
    expect(layout.rows).toEqual([['n1'], ['Showing the first 2 of 10 rows; the full list is in customers.csv.'], [], ['First'], ['A', 'B'], ['x'], ['', 2], [], ['C'], [45_352]]);
    expect(layout.blocks.map((block) => [block.titleRow, block.headerRow, block.firstDataRow, block.rowCount])).toEqual([
      [3, 4, 5, 2],
      [undefined, 8, 9, 1],
    ]);
    expect(layout).toMatchObject({ width: 2, height: 10, noteRowCount: 2, capRow: 1, frozenRowCount: 0, gridRowCount: 10 });
  });

  it('freezes down to the header of a single table, keeping a row below it', () => {
    const single = layoutTab({ ...tab, cap: undefined, blocks: [{ columns: [{ key: 'a', header: 'A', type: 'text' }], rows: [] }] });
    expect(single).toMatchObject({ frozenRowCount: 3, height: 3, gridRowCount: 4 });
  });
});

describe('value chunks', () => {
  it('fill requests up to the budget and continue a tab in the next request', () => {
    const rows = Array.from({ length: 100 }, (_, index) => [`row-${index}`, index]);
    const requests = chunkValueWrites([{ title: 'A', width: 2, rows }, { title: 'B', width: 2, rows: rows.slice(0, 3) }], 2_000);

    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(Buffer.byteLength(JSON.stringify({ valueInputOption: 'RAW', data: request }))).toBeLessThanOrEqual(2_000);
    const ranges = requests.flat().map((range) => range.range);
    expect(ranges[0]).toMatch(/^'A'!A1:B\d+$/);
    expect(ranges.at(-1)).toBe("'B'!A1:B3");
    expect(requests.flat().filter((range) => range.range?.startsWith("'A'")).flatMap((range) => range.values ?? [])).toEqual(rows);
  });
});

describe('failure classification', () => {
  it('marks what to retry and what may have been applied', () => {
    expect(classifyFailure({ status: 429, message: 'Quota exceeded' })).toMatchObject({ retryable: true, ambiguous: false });
    expect(classifyFailure({ status: 503, message: 'unavailable' })).toMatchObject({ retryable: true, ambiguous: true });
    expect(classifyFailure({ status: 403, message: 'Rate Limit Exceeded' })).toMatchObject({ retryable: true, ambiguous: false });
    expect(classifyFailure({ status: 403, message: 'The caller does not have permission' })).toMatchObject({ retryable: false });
    expect(classifyFailure({ code: 'ECONNRESET', message: 'socket hang up' })).toMatchObject({ retryable: true, ambiguous: true });
    expect(classifyFailure({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toMatchObject({ retryable: true, ambiguous: false });
    expect(classifyFailure({ code: 'TimeoutError', message: 'The operation was aborted due to timeout' })).toMatchObject({ retryable: true, ambiguous: true });
    expect(classifyFailure({ status: 400, message: 'invalid_grant', config: { url: 'https://oauth2.googleapis.com/token' } })).toMatchObject({
      retryable: false,
      fromTokenEndpoint: true,
    });
  });
});

describe('run log', () => {
  it('appends to earlier rows, matched by column key, keeping the newest', () => {
    const tab: SheetTab = {
      name: 'Run Log',
      role: 'run-log',
      notes: [],
      append: { keepRows: 3 },
      blocks: [{ columns: [{ key: 'run', header: 'Run', type: 'text' }, { key: 'rows', header: 'Rows', type: 'integer' }, { key: 'new', header: 'New', type: 'text' }], rows: [['r4', 40, 'n']] }],
    };
    const result = appendRows(tab, ['rows', 'run'], [[10, 'r1'], [20, 'r2'], [30, 'r3']]);
    expect(result.blocks[0]?.rows).toEqual([['r2', 20, null], ['r3', 30, null], ['r4', 40, 'n']]);
  });
});

describe('model validation', () => {
  it('lists every problem at once', () => {
    const column = { key: 'a', header: 'A', type: 'text' } as const;
    const block = { columns: [column], rows: [['x', 'too many']] };
    expect(() =>
      validateSheetModel({
        title: 't',
        tabs: [
          { name: 'Dup', role: 'segment', notes: [], blocks: [block] },
          { name: 'dup', role: 'segment', notes: [], blocks: [{ columns: [column, column], rows: [], colourBy: 'nope' }] },
          { name: 'a/b', role: 'summary', notes: [], blocks: [{ columns: [column], rows: [] }], charts: [{ title: 'c', kind: 'bar', block: 0, categoryKey: 'a', seriesKeys: ['zzz'] }] },
        ],
      }),
    ).toThrow(
      new InvalidSheetModelError(
        'The sheet model cannot be published: tab name "dup" is used twice (names are case-insensitive in Google Sheets); ' +
          'tab name "a/b" contains one of []*?/\\:; tab "Dup" block 0 row 0 has 2 cells for 1 columns; ' +
          'tab "dup" block 0 has duplicate column keys; tab "dup" block 0 colours by "nope", which is not one of its columns; ' +
          'chart "c" on tab "a/b" uses column "zzz", which block 0 lacks.',
      ),
    );
  });
});
