import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SheetsEmulator } from './emulator/SheetsEmulator.ts';
import { cellAt, tabValues } from './emulator/readerView.ts';

/** The emulator's own fidelity: the real client against it, checking Google's validation rules. */
let emulator: SheetsEmulator;
let api: sheets_v4.Sheets;
let spreadsheetId: string;

beforeAll(async () => {
  emulator = await SheetsEmulator.start({ cellLimit: 100_000, maxPayloadBytes: 80_000 });
  emulator.principals.addStaticToken('token', 'robot@example.com');
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'token', expiry_date: Date.now() + 3_600_000 });
  api = sheets({ version: 'v4', rootUrl: emulator.rootUrl, auth, retry: false });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  spreadsheetId = emulator.createSpreadsheet({
    sheets: [{ title: 'Sheet1', rowCount: 10, columnCount: 5 }, { title: "Bob's data", rowCount: 10, columnCount: 3 }],
    sharedWith: { 'robot@example.com': 'writer' },
  });
});

const state = () => emulator.spreadsheet(spreadsheetId);
const batchUpdate = (requests: sheets_v4.Schema$Request[]) => api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });
const writeValues = (valueInputOption: string, data: sheets_v4.Schema$ValueRange[]) =>
  api.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption, data } });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: unknown) => `${(error as { status?: number }).status}: ${(error as Error).message}`,
  );

describe('values', () => {
  it('RAW keeps formula-like text as text; USER_ENTERED makes formulas and numbers', async () => {
    await writeValues('RAW', [{ range: 'Sheet1!A1:C1', values: [['=1+1', '+2', '007']] }]);
    await writeValues('USER_ENTERED', [{ range: 'Sheet1!A2:C2', values: [['=1+1', '+2', '007']] }]);

    expect(tabValues(state(), 'Sheet1')).toEqual([
      ['=1+1', '+2', '007'],
      [{ formula: '=1+1' }, 2, 7],
    ]);
  });

  it('null leaves a cell alone and "" clears it', async () => {
    await writeValues('RAW', [{ range: 'Sheet1!A1:B1', values: [['a', 'b']] }]);
    await writeValues('RAW', [{ range: 'Sheet1!A1:B1', values: [[null, '']] }]);

    expect(tabValues(state(), 'Sheet1')).toEqual([['a']]);
  });

  it('validates A1 ranges, tab names and the size of what is written', async () => {
    expect(await failure(writeValues('RAW', [{ range: 'Sheet1!A1:B', values: [['x']] }]))).toBe('succeeded');
    expect(await failure(writeValues('RAW', [{ range: 'Sheet1!1A:B2', values: [['x']] }]))).toBe('400: Unable to parse range: Sheet1!1A:B2');
    expect(await failure(writeValues('RAW', [{ range: "'Nope'!A1", values: [['x']] }]))).toBe("400: Unable to parse range: 'Nope'!A1");
    expect(await failure(writeValues('RAW', [{ range: 'Sheet1!A1:B1', values: [['x'], ['y']] }]))).toMatch(/^400: Requested writing within range \[Sheet1!A1:B1\], but tried writing to row \[2\]/);
    expect(await failure(writeValues('RAW', [{ range: 'Sheet1!A1', values: [['x'.repeat(50_001)]] }]))).toMatch(/^400: Your input contains more than the maximum of 50000 characters/);
  });

  it('reads back unformatted with trailing blanks trimmed, and refuses ranges outside the grid', async () => {
    await writeValues('RAW', [{ range: "'Bob''s data'!A1:C2", values: [['a', '', ''], [1, true]] }]);
    const read = await api.spreadsheets.values.batchGet({ spreadsheetId, ranges: ["'Bob''s data'!A1:C5"], valueRenderOption: 'UNFORMATTED_VALUE' });

    expect(read.data.valueRanges).toEqual([{ range: "'Bob''s data'!A1:C5", majorDimension: 'ROWS', values: [['a'], [1, true]] }]);
    expect(await failure(api.spreadsheets.values.batchGet({ spreadsheetId, ranges: ['Sheet1!A1:Z99'], valueRenderOption: 'UNFORMATTED_VALUE' }))).toMatch(
      /^400: Range \(Sheet1!A1:Z99\) exceeds grid limits/,
    );
  });

  it('batchClear clears values and keeps formatting', async () => {
    await writeValues('RAW', [{ range: 'Sheet1!A1', values: [[5]] }]);
    await batchUpdate([{ repeatCell: { range: { sheetId: 0, endRowIndex: 1, endColumnIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' } }]);
    await api.spreadsheets.values.batchClear({ spreadsheetId, requestBody: { ranges: ['Sheet1!A1:A2'] } });

    expect(cellAt(state(), 'Sheet1', 0, 0)).toEqual({ format: { textFormat: { bold: true } } });
  });
});

describe('batchUpdate', () => {
  it('is atomic: one bad request and none of the batch applies', async () => {
    const error = await failure(batchUpdate([{ addSheet: { properties: { title: 'New' } } }, { deleteSheet: { sheetId: 4242 } }]));

    expect(error).toBe('400: Invalid requests[1].deleteSheet: No grid with id: 4242');
    expect(state().sheets.map((sheet) => sheet.properties.title)).toEqual(['Sheet1', "Bob's data"]);
  });

  it('refuses duplicate tab names (case-insensitive), freezing every row, and an unknown request', async () => {
    expect(await failure(batchUpdate([{ addSheet: { properties: { title: 'SHEET1' } } }]))).toMatch(/A sheet with the name "SHEET1" already exists/);
    expect(await failure(batchUpdate([{ updateSheetProperties: { properties: { sheetId: 0, gridProperties: { frozenRowCount: 10 } }, fields: 'gridProperties.frozenRowCount' } }]))).toMatch(
      /You can't freeze all visible rows/,
    );
    expect(await failure(batchUpdate([{ pasteData: { data: 'x' } }]))).toMatch(/Unknown name "pasteData"/);
  });

  it('enforces the cell limit and the payload size', async () => {
    expect(await failure(batchUpdate([{ addSheet: { properties: { gridProperties: { rowCount: 4_000, columnCount: 26 } } } }]))).toBe(
      '400: Invalid requests[0].addSheet: This action would increase the number of cells in the workbook above the limit of 100000 cells.',
    );
    expect(await failure(writeValues('RAW', [{ range: 'Sheet1!A1:A10', values: Array.from({ length: 10 }, () => ['y'.repeat(10_000)]) }]))).toBe(
      '400: Request payload size exceeds the limit: 80000 bytes.',
    );
  });

  it('copies values between tabs, resizes, and keeps developer metadata with the sheet', async () => {
    await writeValues('RAW', [{ range: 'Sheet1!A1:B2', values: [['a', 1], ['b', 2]] }]);
    const bob = state().sheets[1]?.properties.sheetId ?? -1;
    await batchUpdate([
      { updateSheetProperties: { properties: { sheetId: bob, title: 'Renamed', gridProperties: { rowCount: 3 } }, fields: 'title,gridProperties.rowCount' } },
      { copyPaste: { source: { sheetId: 0, endRowIndex: 2, endColumnIndex: 2 }, destination: { sheetId: bob, endRowIndex: 2, endColumnIndex: 2 }, pasteType: 'PASTE_VALUES' } },
      { createDeveloperMetadata: { developerMetadata: { metadataKey: 'k', metadataValue: 'v1', location: { sheetId: bob }, visibility: 'DOCUMENT' } } },
    ]);
    const read = await api.spreadsheets.get({ spreadsheetId, fields: 'sheets(properties(title,gridProperties/rowCount,hidden),developerMetadata(metadataKey,metadataValue))' });

    expect(tabValues(state(), 'Renamed')).toEqual([['a', 1], ['b', 2]]);
    expect(read.data.sheets?.[1]).toEqual({
      properties: { title: 'Renamed', gridProperties: { rowCount: 3 } },
      developerMetadata: [{ metadataKey: 'k', metadataValue: 'v1' }],
    });

    await batchUpdate([{ deleteSheet: { sheetId: bob } }]);
    expect(state().developerMetadata).toEqual([]);
  });
});

describe('access', () => {
  it('answers 401 without credentials, 403 when not shared, 404 for an unknown spreadsheet', async () => {
    const anonymous = sheets({ version: 'v4', rootUrl: emulator.rootUrl, retry: false });
    const notShared = emulator.createSpreadsheet({ sharedWith: { 'owner@example.com': 'writer' } });

    expect(await failure(anonymous.spreadsheets.get({ spreadsheetId }))).toMatch(/^401: Request had invalid authentication credentials/);
    expect(await failure(api.spreadsheets.get({ spreadsheetId: notShared }))).toBe('403: The caller does not have permission');
    expect(await failure(api.spreadsheets.get({ spreadsheetId: 'missing000000000000000000' }))).toBe('404: Requested entity was not found.');
  });
});

describe('fault injection', () => {
  it('fails the N-th call as asked, and only that one', async () => {
    emulator.injectFault({ atCall: emulator.callCount + 1, kind: 'http503' });

    expect(await failure(api.spreadsheets.get({ spreadsheetId }))).toBe('succeeded');
    expect(await failure(api.spreadsheets.get({ spreadsheetId }))).toMatch(/^503: /);
    expect(await failure(api.spreadsheets.get({ spreadsheetId }))).toBe('succeeded');
  });

  it('resetAfterApply applies the write but drops the answer', async () => {
    emulator.injectFault({ atCall: emulator.callCount, kind: 'resetAfterApply' });

    expect(await failure(writeValues('RAW', [{ range: 'Sheet1!A1', values: [['landed']] }]))).toMatch(/^undefined: .*(socket hang up|ECONNRESET|other side closed|fetch failed)/i);
    expect(tabValues(state(), 'Sheet1')).toEqual([['landed']]);
  });
});
