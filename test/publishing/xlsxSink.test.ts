import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SheetModel } from '../../functions/publishing/SheetModel.ts';
import { buildRunLogTab } from '../../functions/publishing/tabs/runLogTab.ts';
import { XlsxSheetSink } from '../../functions/publishing/xlsx/XlsxSheetSink.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { tempDirWith } from '../support/tempDir.ts';

function model(runNote: string): SheetModel {
  return {
    title: 'Test',
    currency: 'EUR',
    tabs: [
      {
        name: 'Champions',
        role: 'segment',
        notes: ['Best customers.', 'Showing the top 2 of 5 customers by revenue; the full list is in customers.csv.'],
        cap: { totalRows: 5, shownRows: 2, fullListIn: 'customers.csv' },
        blocks: [
          {
            colourBy: 'segment',
            columns: [
              { key: 'customer_id', header: 'Customer', type: 'text', note: 'Id from the export.' },
              { key: 'segment', header: 'Segment', type: 'text' },
              { key: 'revenue', header: 'Revenue', type: 'currency' },
              { key: 'share', header: 'Share', type: 'percent' },
              { key: 'last', header: 'Last order', type: 'date' },
            ],
            rows: [
              ['=HYPERLINK("http://evil")', 'Champions', 1234.5, 0.25, '2024-06-01'],
              ['+1 555', 'Champions', 99, 0.1, null],
              ['c3', 'At Risk', 5, 0.3, '2024-05-01'],
            ],
          },
        ],
      },
      buildRunLogTab({ runAt: '2024-07-01 06:00:00', asOf: '2024-06-30', job: 'customers', status: 'succeeded', rowsRead: 10, rowsUsed: 9, rowsQuarantined: 1, customers: 3, durationSeconds: 1.5, note: runNote }, 2),
    ],
  };
}

async function publish(dir: string, note: string): Promise<void> {
  const store = await LocalResultStore.open(dir);
  const sink = new XlsxSheetSink({ stagingPath: (name) => store.stagingPath(name), publishedDir: dir });
  await sink.publish(model(note));
  await store.commit();
}

async function read(dir: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(dir, 'segments.xlsx'));
  return workbook;
}

describe('xlsx sink', () => {
  it('writes tabs with notes, a frozen header, formats and header notes; formula-like text stays text', async () => {
    const dir = await tempDirWith();
    await publish(dir, 'first');
    const sheet = (await read(dir)).getWorksheet('Champions')!;
    expect(sheet.getCell('A2').value).toContain('full list is in customers.csv');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getCell('A3').value).toBe('Customer');
    expect(sheet.getCell('A3').note).toBeTruthy();
    expect(sheet.getCell('A4').value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.getCell('A4').formula).toBeUndefined();
    expect(sheet.getCell('A5').value).toBe('+1 555');
    expect(sheet.getCell('C4').value).toBe(1234.5);
    expect(sheet.getCell('C4').numFmt).toContain('EUR');
    expect(sheet.getCell('D4').numFmt).toBe('0.0%');
    expect(sheet.getCell('E4').value).toEqual(new Date('2024-06-01T00:00:00Z'));
    expect(sheet.getCell('E4').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B4').fill).toMatchObject({ type: 'pattern' });
    // Cells share style objects per column and colour: each row still gets its own colour and format.
    expect(sheet.getCell('B5').fill).toEqual(sheet.getCell('B4').fill);
    expect(sheet.getCell('B6').fill).toMatchObject({ type: 'pattern' });
    expect(sheet.getCell('B6').fill).not.toEqual(sheet.getCell('B4').fill);
    expect(sheet.getCell('C6').numFmt).toContain('EUR');
    expect(sheet.getCell('A6').numFmt).toBeUndefined();
  });

  it('appends to the Run Log across runs and keeps only the newest rows', async () => {
    const dir = await tempDirWith();
    for (const note of ['run 1', 'run 2', 'run 3']) await publish(dir, note);
    const log = (await read(dir)).getWorksheet('Run Log')!;
    const notes: unknown[] = [];
    log.eachRow((row, i) => {
      if (i > 2) notes.push(row.getCell(10).value);
    });
    expect(notes).toEqual(['run 2', 'run 3']);
  });

  it('leaves the previous workbook in place when a run is aborted', async () => {
    const dir = await tempDirWith();
    await publish(dir, 'good');
    const store = await LocalResultStore.open(dir);
    await new XlsxSheetSink({ stagingPath: (name) => store.stagingPath(name), publishedDir: dir }).publish(model('never committed'));
    await store.abort();
    const log = (await read(dir)).getWorksheet('Run Log')!;
    expect(log.getRow(3).getCell(10).value).toBe('good');
    expect(existsSync(path.join(dir, 'segments.xlsx'))).toBe(true);
  });
});
