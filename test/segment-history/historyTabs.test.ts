import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SheetModel } from '../../functions/publishing/SheetModel.ts';
import { buildMigrationTab } from '../../functions/publishing/tabs/migrationTab.ts';
import { buildMovementsTab } from '../../functions/publishing/tabs/movementsTab.ts';
import { XlsxSheetSink } from '../../functions/publishing/xlsx/XlsxSheetSink.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { FIRST_RUN, type HistoryOutcome } from '../../functions/segment-history/HistoryOutcome.ts';
import { GONE_CUSTOMERS, MigrationMatrix, NEW_CUSTOMERS } from '../../functions/segment-history/MigrationMatrix.ts';
import type { Mover } from '../../functions/segment-history/Mover.ts';
import { tabValues } from '../google-sheets/emulator/readerView.ts';
import { startHarness, type Harness } from '../google-sheets/support/harness.ts';
import { tempDirWith } from '../support/tempDir.ts';

const SEGMENTS = ['Champions', 'Loyal Customers', 'At Risk'];

function compared(): HistoryOutcome {
  const matrix = new MigrationMatrix();
  matrix.add('Champions', 'Champions', 5);
  matrix.add('Champions', 'At Risk', 2);
  matrix.add('Loyal Customers', GONE_CUSTOMERS, 1);
  matrix.add('Loyal Customers', 'Loyal Customers', 3);
  matrix.add(NEW_CUSTOMERS, 'Loyal Customers', 4);
  const mover = (customerId: string, valueAtStake: number): Mover => ({
    customerId, email: `${customerId}@example.com`, fromSegment: 'Champions', toSegment: 'At Risk', valueAtStake, valueSource: 'CLV',
    pAlive: 0.31, lastOrderDate: '2024-02-01', recencyDays: 150, frequency: 6, monetary: 880.5,
  });
  return {
    status: 'compared',
    asOf: '2024-06-30',
    previous: { asOf: '2024-03-31', location: 'history/as_of=2024-03-31/snapshot.csv' },
    valuableSegments: ['Champions', 'Loyal Customers'],
    valueBasis: 'CLV',
    comparison: { matrix, movers: [mover('C-7', 410.25), mover('=C-2', 90)], moved: 2 },
  };
}

const firstRun: HistoryOutcome = { status: FIRST_RUN, asOf: '2024-03-31', valuableSegments: ['Champions'], valueBasis: 'CLV' };

function model(outcome: HistoryOutcome): SheetModel {
  return { title: 'History', currency: 'USD', tabs: [buildMovementsTab(outcome), buildMigrationTab(outcome, SEGMENTS)] };
}

describe('the Movements and Migration tabs', () => {
  it('lay out the movers and the matrix with totals both ways', () => {
    const [movements, migration] = model(compared()).tabs;
    expect(movements?.blocks[0]?.rows.map((r) => r.slice(0, 6))).toEqual([
      ['C-7', 'C-7@example.com', 'Champions', 'At Risk', 410.25, 'CLV'],
      ['=C-2', '=C-2@example.com', 'Champions', 'At Risk', 90, 'CLV'],
    ]);
    expect(movements?.notes[0]).toContain('(Champions, Loyal Customers) between the snapshot of 2024-03-31 and 2024-06-30');
    expect(migration?.blocks[0]?.columns.map((c) => c.header)).toEqual(['Then \\ now', ...SEGMENTS, 'Gone', 'Total then']);
    expect(migration?.blocks[0]?.rows).toEqual([
      ['Champions', 5, 0, 2, 0, 7],
      ['Loyal Customers', 0, 3, 0, 1, 4],
      ['At Risk', 0, 0, 0, 0, 0],
      ['New since last run', 0, 4, 0, 0, 4],
      ['Total now', 5, 7, 2, 1, null],
    ]);
    expect(migration?.blocks[1]?.rows).toEqual([
      // segment, then, now, change, stayed, moved in, moved out, new, gone
      ['Champions', 7, 5, -2, 5, 0, 2, 0, 0],
      ['Loyal Customers', 4, 7, 3, 3, 0, 0, 4, 1],
      ['At Risk', 0, 2, 2, 0, 2, 0, 0, 0],
    ]);
  });

  it('say first run plainly and list nobody when there is nothing to compare with', () => {
    for (const tab of model(firstRun).tabs) {
      expect(tab.notes).toEqual([expect.stringMatching(/^First run: no previous snapshot to compare with\./)]);
      expect(tab.blocks).toEqual([]);
    }
  });

  it('go into the xlsx workbook', async () => {
    const dir = await tempDirWith();
    const store = await LocalResultStore.open(dir);
    await new XlsxSheetSink({ stagingPath: (name) => store.stagingPath(name), publishedDir: dir }).publish(model(compared()));
    await store.commit();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'segments.xlsx'));
    const movements = workbook.getWorksheet('Movements')!;
    expect(movements.getRow(5).values).toEqual(expect.arrayContaining(['C-7', 'Champions', 'At Risk', 410.25]));
    // Text from the data stays text.
    expect(movements.getRow(6).getCell(1).value).toBe('=C-2');
    const migration = workbook.getWorksheet('Migration')!;
    const rows: unknown[][] = [];
    migration.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['New since last run', 0, 4, 0, 0, 4]);
  });

  describe('in Google Sheets', () => {
    let harness: Harness;
    beforeEach(async () => {
      harness = await startHarness();
    });
    afterEach(async () => {
      await harness.emulator.close();
    });

    it('are published as managed tabs, from a first run with notes only to a compared run with tables', async () => {
      await harness.sink().publish(model(firstRun));
      const state = () => harness.emulator.spreadsheet(harness.spreadsheetId);
      expect(tabValues(state(), 'Movements')[0]?.[0]).toMatch(/^First run: no previous snapshot/);

      await harness.sink().publish(model(compared()));
      const movements = tabValues(state(), 'Movements');
      // Three notes, a blank row, the header.
      expect(movements[4]).toEqual(['Customer', 'Email', 'From segment', 'To segment', 'Value at stake', 'Value from', 'P(alive)', 'Last order', 'Days since last order', 'Orders', 'Net revenue']);
      expect(movements[5]?.slice(0, 5)).toEqual(['C-7', 'C-7@example.com', 'Champions', 'At Risk', 410.25]);
      expect(movements[6]?.[0]).toBe('=C-2');
      expect(tabValues(state(), 'Migration')).toContainEqual(['Total now', 5, 7, 2, 1]);
    });
  });
});
