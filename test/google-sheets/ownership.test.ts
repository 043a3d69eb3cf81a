import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishFailedError, TabNameCollisionError } from '../../functions/publishing/google-sheets/errors.ts';
import { readerView, requireTab, tabValues } from './emulator/readerView.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { visibleTab } from './support/publishedState.ts';
import { buildModel } from './support/sheetModels.ts';
import { addColumnAtRight, columnValues, renameTab } from './support/userEdits.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({
    sheets: [
      { title: 'Sheet1' },
      { title: 'My analysis', rowCount: 20, columnCount: 5, values: [['Total', 42], ['Formula-ish', '=SUM(A1)']] },
    ],
  });
});
afterEach(async () => {
  await harness.emulator.close();
});

const state = () => harness.emulator.spreadsheet(harness.spreadsheetId);

describe('user tabs', () => {
  it('are never touched, however often the product publishes', async () => {
    const before = visibleTab(requireTab(state(), 'My analysis'));
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));
    await sink.publish(buildModel({ customersPerSegment: [1], run: 2 }));

    expect(visibleTab(requireTab(state(), 'My analysis'))).toEqual(before);
    expect(visibleTab(requireTab(state(), 'Sheet1')).values).toEqual([]);
  });

  it('with a name the product needs stops the publish before anything is written', async () => {
    const before = JSON.stringify(readerView(state()));
    const model = buildModel({ customersPerSegment: [2], run: 1 });
    const withCollision = { ...model, tabs: [...model.tabs, { ...model.tabs[1]!, name: 'My analysis' }] };

    const error = await harness.sink().publish(withCollision).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TabNameCollisionError);
    expect((error as Error).message).toContain('"My analysis"');
    expect(harness.emulator.calls.filter((call) => call.route !== 'get' && call.route !== 'values.batchGet')).toEqual([]);
    expect(JSON.stringify(readerView(state()))).toBe(before);
  });

  it('with a name that differs only in case also counts as a collision', async () => {
    const model = buildModel({ customersPerSegment: [2], run: 1 });
    const withCollision = { ...model, tabs: [...model.tabs, { ...model.tabs[1]!, name: 'MY ANALYSIS' }] };

    await expect(harness.sink().publish(withCollision)).rejects.toBeInstanceOf(TabNameCollisionError);
  });
});

describe('a column a user adds beside a managed table', () => {
  it('survives publishes with more rows, fewer rows, more and fewer columns', async () => {
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [4], run: 1 }));
    const userColumn = addColumnAtRight(state(), 'Champions', ['', '', 'My notes', 'call back', 'VIP', '=NOT A FORMULA', 'x']);
    const expected = columnValues(state(), 'Champions', userColumn);

    await sink.publish(buildModel({ customersPerSegment: [30], run: 2 }));
    expect(columnValues(state(), 'Champions', 7).slice(0, 7)).toEqual(expected);

    await sink.publish(buildModel({ customersPerSegment: [1], run: 3 }));
    expect(columnValues(state(), 'Champions', 7).slice(0, 7)).toEqual(expected);
    // Managed cells below the new table are cleared, the user's cells beside them kept.
    expect(tabValues(state(), 'Champions')[5]).toEqual([null, null, null, null, null, null, null, '=NOT A FORMULA']);

    await sink.publish(buildModel({ customersPerSegment: [2], run: 4, extraColumns: 2 }));
    expect(columnValues(state(), 'Champions', 9).slice(0, 7)).toEqual(expected);
    expect(tabValues(state(), 'Champions')[2]?.slice(7)).toEqual(['Extra 0', 'Extra 1', 'My notes']);

    await sink.publish(buildModel({ customersPerSegment: [2], run: 5 }));
    expect(columnValues(state(), 'Champions', 7).slice(0, 7)).toEqual(expected);
    expect(requireTab(state(), 'Champions').properties.columnCount).toBe(8);
  });
});

describe('a managed tab a user renamed', () => {
  it('is still recognised by its metadata and keeps the user’s name', async () => {
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));
    const sheetId = requireTab(state(), 'Champions').properties.sheetId;
    renameTab(state(), 'Champions', 'Best customers');

    await sink.publish(buildModel({ customersPerSegment: [5, 2], run: 2 }));

    const renamed = requireTab(state(), 'Best customers');
    expect(renamed.properties.sheetId).toBe(sheetId);
    expect(tabValues(state(), 'Best customers')[0]).toEqual(['5 customers in Champions, best first.']);
    expect(readerView(state()).map((tab) => tab.title)).not.toContain('Champions');
  });
});

describe('leftovers of a run that died', () => {
  it('are hidden while they exist and removed by the next publish', async () => {
    const sink = harness.sink({ maxRetries: 0 });
    await sink.publish(buildModel({ customersPerSegment: [2], run: 1 }));
    // Die right after the staging tabs were created: every later call fails.
    harness.emulator.injectFault({ atCall: harness.emulator.callCount + 3, kind: 'reset', times: Infinity });

    await expect(sink.publish(buildModel({ customersPerSegment: [3], run: 2 }))).rejects.toBeInstanceOf(PublishFailedError);
    const hidden = state().sheets.filter((sheet) => sheet.properties.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((sheet) => sheet.properties.title.startsWith('~segment-sheets staging '))).toBe(true);

    harness.emulator.faults.clear();
    await sink.publish(buildModel({ customersPerSegment: [3], run: 2 }));
    expect(state().sheets.filter((sheet) => sheet.properties.hidden)).toEqual([]);
    expect(tabValues(state(), 'Champions')[0]).toEqual(['3 customers in Champions, best first.']);
  });
});

describe('a run log a user trimmed', () => {
  it('still gets this run’s row appended to what is left', async () => {
    const sink = harness.sink();
    for (const run of [1, 2, 3]) await sink.publish(buildModel({ customersPerSegment: [1], run }));
    const log = requireTab(state(), 'Run Log');
    log.grid.truncate(4, log.properties.columnCount); // the user deleted the last two log rows
    log.properties.rowCount = 4;

    await sink.publish(buildModel({ customersPerSegment: [1], run: 4 }));

    expect(tabValues(state(), 'Run Log').slice(3).map((row) => row[0])).toEqual(['run-1', 'run-4']);
  });
});

describe('decorations users add to a managed tab', () => {
  it('their own conditional rules and charts are kept', async () => {
    const sink = harness.sink();
    await sink.publish(buildModel({ customersPerSegment: [3, 2], run: 1 }));
    const summary = requireTab(state(), 'Summary');
    const userRule = { ranges: [{ sheetId: summary.properties.sheetId }], booleanRule: { condition: { type: 'NUMBER_GREATER', values: [{ userEnteredValue: '5' }] }, format: {} } };
    summary.conditionalFormats.push(userRule);
    summary.charts.push({ chartId: 4242, spec: { title: 'Mine' }, position: {} });

    await sink.publish(buildModel({ customersPerSegment: [1, 4], run: 2 }));

    const after = requireTab(state(), 'Summary');
    expect(after.conditionalFormats).toContainEqual(userRule);
    expect(after.conditionalFormats).toHaveLength(3);
    expect(after.charts.map((chart) => chart.chartId)).toContain(4242);
    expect(after.charts).toHaveLength(2);
  });
});
