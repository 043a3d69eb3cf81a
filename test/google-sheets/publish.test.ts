import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SheetModel } from '../../functions/publishing/SheetModel.ts';
import { METADATA_KEYS } from '../../functions/publishing/google-sheets/managedTabRecord.ts';
import { cellAt, readerView, requireTab, tabValues } from './emulator/readerView.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { comparableTabs, visibleTab } from './support/publishedState.ts';
import { buildModel } from './support/sheetModels.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.emulator.close();
});

const state = () => harness.emulator.spreadsheet(harness.spreadsheetId);

describe('first publish', () => {
  it('creates every tab with its values, typed and laid out', async () => {
    const report = await harness.sink().publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));

    expect(readerView(state()).map((tab) => tab.title)).toEqual(['Sheet1', 'Summary', 'Champions', 'Loyal', 'CLV', 'Run Log']);
    expect(tabValues(state(), 'Champions')).toEqual([
      ['3 customers in Champions, best first.'],
      [],
      ['Customer', 'Segment', 'Recency (days)', 'Orders', 'Revenue', 'Last order', 'Revenue share'],
      ['C-00001', 'Champions', 8, 2, 14.37, 45414, 0.001], // 2024-05-02 as a date serial
      ['C-00002', 'Champions', 15, 3, 27.74, 45415, 0.002],
      ['C-00003', 'Champions', 22, 4, 41.11, 45416, 0.003],
    ]);
    expect(tabValues(state(), 'Run Log')).toEqual([['One row per run.'], [], ['Run', 'As of', 'Customers'], ['run-1', 45473, 5]]);
    // No staging tab is left behind, visible or hidden.
    expect(state().sheets.filter((sheet) => sheet.properties.hidden)).toEqual([]);
    expect(report).toMatchObject({ sink: 'sheets', tabs: 5, writeRequests: 3, retries: 0 });
    expect(report.location).toBe(`https://docs.google.com/spreadsheets/d/${harness.spreadsheetId}/edit`);
  });

  it('sizes the grid to the data and freezes the header of single-table tabs', async () => {
    await harness.sink().publish(buildModel({ customersPerSegment: [3], run: 1 }));

    expect(requireTab(state(), 'Champions').properties).toMatchObject({ rowCount: 6, columnCount: 7, frozenRowCount: 3 });
    expect(requireTab(state(), 'Summary').properties).toMatchObject({ rowCount: 10, columnCount: 4, frozenRowCount: 0 });
  });

  it('formats numbers, currency, percentages and dates by column type, with notes on headers', async () => {
    await harness.sink().publish(buildModel({ customersPerSegment: [3], run: 1 }));
    const format = (column: number) => cellAt(state(), 'Champions', 3, column).format?.['numberFormat'];

    expect(format(2)).toEqual({ type: 'NUMBER', pattern: '#,##0' });
    expect(format(4)).toEqual({ type: 'CURRENCY' });
    expect(format(5)).toEqual({ type: 'DATE', pattern: 'yyyy-mm-dd' });
    expect(format(6)).toEqual({ type: 'PERCENT', pattern: '0.0%' });
    expect(cellAt(state(), 'Champions', 2, 0)).toMatchObject({ value: 'Customer', note: 'Customer id from the orders export.' });
    expect(cellAt(state(), 'Champions', 2, 0).format?.['textFormat']).toEqual({ bold: true });
    expect(cellAt(state(), 'Champions', 2, 1).note).toBeUndefined();
    expect(requireTab(state(), 'Champions').columnWidths.get(0)).toBeGreaterThan(0);
  });

  it('colours rows by segment with one conditional rule per value', async () => {
    await harness.sink().publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));
    const rules = requireTab(state(), 'Summary').conditionalFormats;

    expect(rules.map((rule) => JSON.stringify(rule))).toEqual([
      expect.stringContaining('=$A10=\\"Champions\\"'),
      expect.stringContaining('=$A10=\\"Loyal\\"'),
    ]);
  });

  it('draws the charts the model asks for, over the right ranges', async () => {
    await harness.sink().publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));
    const summary = requireTab(state(), 'Summary');
    const [chart] = summary.charts;

    expect(summary.charts).toHaveLength(1);
    expect(chart?.spec).toMatchObject({
      title: 'Customers and revenue by segment',
      basicChart: {
        chartType: 'COLUMN',
        domains: [{ domain: { sourceRange: { sources: [{ sheetId: summary.properties.sheetId, startRowIndex: 8, endRowIndex: 11, startColumnIndex: 0, endColumnIndex: 1 }] } } }],
        series: [
          { series: { sourceRange: { sources: [{ startColumnIndex: 1, endColumnIndex: 2 }] } }, targetAxis: 'LEFT_AXIS' },
          { series: { sourceRange: { sources: [{ startColumnIndex: 2, endColumnIndex: 3 }] } }, targetAxis: 'RIGHT_AXIS' },
        ],
      },
    });
    expect(requireTab(state(), 'CLV').charts[0]?.spec).toMatchObject({ title: 'Predicted vs actual holdout purchases', basicChart: { chartType: 'LINE' } });
  });

  it('records each published tab in developer metadata on the tab', async () => {
    await harness.sink().publish(buildModel({ customersPerSegment: [3], run: 1 }));
    const champions = requireTab(state(), 'Champions').properties.sheetId;
    const metadata = state().developerMetadata.find((item) => 'sheetId' in item.location && item.location.sheetId === champions);

    expect(metadata).toMatchObject({ metadataKey: METADATA_KEYS.managedTab, visibility: 'DOCUMENT' });
    expect(JSON.parse(metadata?.metadataValue ?? '{}')).toMatchObject({ tab: 'Champions', width: 7, height: 6 });
  });
});

describe('text that looks like a formula', () => {
  it('stays text: =, +, - and @ are never executed', async () => {
    const tricky = ['=1+1', '+SUM(A1:A2)', '-2+3', '@handle', '=IMPORTXML("http://evil","//a")', '00123'];
    const model: SheetModel = {
      title: 't',
      tabs: [
        {
          name: 'Leads',
          role: 'lead-priority',
          notes: ['=HYPERLINK("http://x")'],
          blocks: [{ columns: [{ key: 'v', header: '=A1', type: 'text' }, { key: 'n', header: 'N', type: 'integer' }], rows: tricky.map((text, index) => [text, index]) }],
        },
      ],
    };
    await harness.sink().publish(model);
    const values = tabValues(state(), 'Leads');

    expect(values[0]).toEqual(['=HYPERLINK("http://x")']);
    expect(values[2]).toEqual(['=A1', 'N']);
    expect(values.slice(3).map((row) => row[0])).toEqual(tricky);
    for (const sheet of state().sheets) {
      for (const row of sheet.grid.populatedRowIndexes()) {
        for (let column = 0; column < sheet.properties.columnCount; column += 1) {
          expect(typeof sheet.grid.get(row, column).value).not.toBe('object'); // no formula anywhere
        }
      }
    }
  });
});

describe('publishing again', () => {
  it('with the same data changes nothing but the run log, which gains one row', async () => {
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));
    const before = comparableTabs(state());
    const idsBefore = state().sheets.map((sheet) => sheet.properties.sheetId);

    await sink.publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));

    const after = comparableTabs(state());
    const withoutLog = (tabs: typeof before) => tabs.filter((tab) => JSON.stringify(tab).includes('"title":"Run Log"') === false);
    expect(withoutLog(after)).toEqual(withoutLog(before));
    expect(state().sheets.map((sheet) => sheet.properties.sheetId)).toEqual(idsBefore);
    expect(tabValues(state(), 'Run Log').slice(3)).toEqual([
      ['run-1', 45473, 5],
      ['run-1', 45473, 5],
    ]);
  });

  it('with fewer rows and columns shrinks the tab, keeps its sheet id, and leaves no old cells behind', async () => {
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [6, 2], run: 1, extraColumns: 2 }));
    const championsId = requireTab(state(), 'Champions').properties.sheetId;

    await sink.publish(buildModel({ customersPerSegment: [2, 2], run: 2 }));

    const champions = requireTab(state(), 'Champions');
    expect(champions.properties).toMatchObject({ sheetId: championsId, rowCount: 5, columnCount: 7 });
    expect(tabValues(state(), 'Champions')).toEqual([
      ['2 customers in Champions, best first.'],
      [],
      ['Customer', 'Segment', 'Recency (days)', 'Orders', 'Revenue', 'Last order', 'Revenue share'],
      ['C-00001', 'Champions', 9, 2, 15.37, 45414, 0.001],
      ['C-00002', 'Champions', 16, 3, 28.74, 45415, 0.002],
    ]);
    expect(visibleTab(champions).notes).toEqual(['2,0:Customer id from the orders export.', '2,2:Days since the last order, as of the run date.', '2,4:Net revenue over the whole history.']);
  });

  it('with more rows and columns grows the tab in place', async () => {
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [2], run: 1 }));
    const championsId = requireTab(state(), 'Champions').properties.sheetId;

    await sink.publish(buildModel({ customersPerSegment: [40], run: 2, extraColumns: 3 }));

    const champions = requireTab(state(), 'Champions');
    expect(champions.properties).toMatchObject({ sheetId: championsId, rowCount: 43, columnCount: 10 });
    expect(tabValues(state(), 'Champions')[2]?.slice(7)).toEqual(['Extra 0', 'Extra 1', 'Extra 2']);
    expect(tabValues(state(), 'Champions')[42]?.[0]).toBe('C-00040');
    expect(cellAt(state(), 'Champions', 42, 9).format?.['numberFormat']).toEqual({ type: 'NUMBER', pattern: '#,##0.00' });
  });

  it('updates charts in place and replaces colour rules instead of stacking them', async () => {
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));
    const chartId = requireTab(state(), 'Summary').charts[0]?.chartId;

    await sink.publish(buildModel({ customersPerSegment: [3, 2, 4], run: 2 }));
    await sink.publish(buildModel({ customersPerSegment: [3, 2, 4], run: 3 }));

    const summary = requireTab(state(), 'Summary');
    expect(summary.charts.map((chart) => chart.chartId)).toEqual([chartId]);
    expect(JSON.stringify(summary.charts[0]?.spec)).toContain('"endRowIndex":12');
    expect(summary.conditionalFormats).toHaveLength(3);
    expect(requireTab(state(), 'Champions').conditionalFormats).toHaveLength(1);
  });

  it('keeps only the configured number of run-log rows, newest last', async () => {
    const sink = harness.sink();
    for (const run of [1, 2, 3, 4]) await sink.publish(buildModel({ customersPerSegment: [1], run, keepLogRows: 3 }));

    expect(tabValues(state(), 'Run Log').slice(3).map((row) => row[0])).toEqual(['run-2', 'run-3', 'run-4']);
  });
});

describe('capped tabs', () => {
  it('say that they are capped and where the full list is', async () => {
    const model = buildModel({ customersPerSegment: [3], run: 1 });
    const capped: SheetModel = {
      ...model,
      tabs: model.tabs.map((tab) => (tab.name === 'Champions' ? { ...tab, cap: { totalRows: 123_456, shownRows: 3, fullListIn: 'customers.csv' } } : tab)),
    };
    await harness.sink().publish(capped);

    expect(tabValues(state(), 'Champions')[1]).toEqual(['Showing the first 3 of 123,456 rows; the full list is in customers.csv.']);
    expect(cellAt(state(), 'Champions', 1, 0).format).toMatchObject({ textFormat: { bold: true } });
  });
});
