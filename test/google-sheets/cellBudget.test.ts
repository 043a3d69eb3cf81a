import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CellBudgetError, PublishFailedError } from '../../functions/publishing/google-sheets/errors.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { visibleTabs } from './support/publishedState.ts';
import { buildModel } from './support/sheetModels.ts';

/**
 * Google's real limit (10,000,000 cells) with a user tab that already allocates 9,990,000 of them.
 * The model's tabs would fit (≈7,500 cells), but not together with their staging copies.
 */
let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({
    sheets: [
      { title: 'Sheet1', rowCount: 10, columnCount: 5 },
      { title: 'Huge user tab', rowCount: 999_000, columnCount: 10, values: [['raw data']] },
    ],
  });
});
afterEach(async () => {
  await harness.emulator.close();
});

const state = () => harness.emulator.spreadsheet(harness.spreadsheetId);
const writes = () => harness.emulator.calls.filter((call) => call.route === 'batchUpdate' || call.route.startsWith('values.batch') && call.route !== 'values.batchGet');

describe('the cell budget', () => {
  it('refuses a publish whose staging copies would cross 10,000,000 cells, before writing anything', async () => {
    const before = JSON.stringify(visibleTabs(state()));

    const error = await harness.sink().publish(buildModel({ customersPerSegment: [1_000], run: 1 })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CellBudgetError);
    expect((error as CellBudgetError).cellLimit).toBe(10_000_000);
    expect((error as Error).message).toMatch(/over Google's limit of 10,000,000.*Nothing was changed.*row caps/s);
    expect(writes()).toEqual([]);
    expect(JSON.stringify(visibleTabs(state()))).toBe(before);
  });

  it('lets a publish through that fits, counting the staging copies', async () => {
    const report = await harness.sink().publish(buildModel({ customersPerSegment: [200], run: 1 }));

    expect(report.peakCells).toBeLessThanOrEqual(10_000_000);
    expect(report.peakCells).toBeGreaterThan(9_990_050 + report.cells);
  });

  it('is enforced by the emulator too: without the check the staging write fails and nothing changes', async () => {
    const before = JSON.stringify(visibleTabs(state()));

    const error = await harness
      .sink({ cellLimit: 20_000_000 })
      .publish(buildModel({ customersPerSegment: [1_000], run: 1 }))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PublishFailedError);
    expect((error as Error).message).toContain('above the limit of 10000000 cells');
    expect((error as Error).message).toContain('nothing visible changed');
    expect(JSON.stringify(visibleTabs(state()))).toBe(before);
    expect(state().sheets.filter((sheet) => sheet.properties.hidden)).toEqual([]);
  });
});
