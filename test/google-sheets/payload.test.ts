import { afterEach, describe, expect, it } from 'vitest';
import { cellAt, tabValues } from './emulator/readerView.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { largeTabModel } from './support/largeTabModel.ts';

let harness: Harness;
afterEach(async () => {
  await harness.emulator.close();
});

const writes = () => harness.emulator.calls.filter((call) => call.route === 'batchUpdate' || call.route === 'values.batchUpdate');

describe('a large tab', () => {
  it('goes in requests of at most 1.5 MB, few of them, and arrives whole', async () => {
    harness = await startHarness({ maxPayloadBytes: 1_500_000 });
    const report = await harness.sink({ requestTimeoutMs: 30_000 }).publish(largeTabModel(40_000));
    const state = harness.emulator.spreadsheet(harness.spreadsheetId);

    // ~2.8 MB of values: two value writes, plus the staging and the switch-over batches.
    expect(writes().map((call) => call.route)).toEqual(['batchUpdate', 'values.batchUpdate', 'values.batchUpdate', 'batchUpdate']);
    expect(Math.max(...writes().map((call) => call.bytes))).toBeLessThanOrEqual(1_500_000);
    expect(report.writeRequests).toBe(4);
    const values = tabValues(state, 'Lead Priority');
    expect(values).toHaveLength(40_003);
    expect(values[40_002]).toEqual(['L-39999', 'D', 99, 0.5, 'B', 49, 'owner3', 45444, 'Retail', 120, 5000, 'Call']);
    expect(cellAt(state, 'Lead Priority', 40_002, 10).format?.['numberFormat']).toEqual({ type: 'CURRENCY' });
  });

  it('with a small payload budget is split into many requests that rebuild the same tab', async () => {
    harness = await startHarness({ maxPayloadBytes: 60_000 });
    const small = await harness.sink({ maxPayloadBytes: 60_000 }).publish(largeTabModel(2_000));
    const chunked = tabValues(harness.emulator.spreadsheet(harness.spreadsheetId), 'Lead Priority');
    expect(small.writeRequests).toBe(5); // staging, three value writes, switch-over
    expect(Math.max(...writes().map((call) => call.bytes))).toBeLessThanOrEqual(60_000);

    const reference = await startHarness();
    await reference.sink().publish(largeTabModel(2_000));
    expect(chunked).toEqual(tabValues(reference.emulator.spreadsheet(reference.spreadsheetId), 'Lead Priority'));
    await reference.emulator.close();
  });
});
