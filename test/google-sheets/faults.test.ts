import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './emulator/json.ts';
import type { FaultKind } from './emulator/faults.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { comparableTabs } from './support/publishedState.ts';
import { buildModel } from './support/sheetModels.ts';

/**
 * A fault at every call of a publish. The base spreadsheet holds a previous publish (v1) and a
 * user tab; v2 changes rows and columns and adds a tab. After each faulted run every visible tab
 * must be exactly its v1 or exactly its v2 content (never a mix), and a rerun must finish the job.
 */

const v1 = buildModel({ customersPerSegment: [3, 2], run: 1 });
const v2 = buildModel({ customersPerSegment: [4, 1, 2], run: 2, extraColumns: 1 });
/** Short timeouts only where the fault is a timeout: elsewhere a slow machine must not add retries. */
const timeoutFor = (kind: FaultKind) => ({ requestTimeoutMs: kind === 'timeout' ? 200 : 5_000 });

let harness: Harness;
let baseId: string;
let oldTabs: Map<string, string>;
let newTabs: Map<string, string>;
let callsPerPublish: number;

beforeAll(async () => {
  harness = await startHarness({ sheets: [{ title: 'Sheet1' }, { title: 'Notes', values: [['keep me']] }] });
  baseId = harness.spreadsheetId;
  await harness.sink().publish(v1);
  oldTabs = byTitle(comparableTabs(harness.emulator.spreadsheet(baseId)));
  const referenceId = harness.emulator.copySpreadsheet(baseId);
  const before = harness.emulator.callCount;
  await harness.sink({ spreadsheetId: referenceId }).publish(v2);
  callsPerPublish = harness.emulator.callCount - before;
  newTabs = byTitle(comparableTabs(harness.emulator.spreadsheet(referenceId)));
});
afterAll(async () => {
  await harness.emulator.close();
});

function byTitle(tabs: readonly Json[]): Map<string, string> {
  return new Map(tabs.map((tab) => [JSON.stringify((tab as { title: string }).title), JSON.stringify(tab)]));
}

function hiddenTabs(spreadsheetId: string): string[] {
  return harness.emulator.spreadsheet(spreadsheetId).sheets.filter((sheet) => sheet.properties.hidden).map((sheet) => sheet.properties.title);
}

/** Every visible tab is old-complete or new-complete; every old tab is still there. */
function expectOldOrNewPerTab(spreadsheetId: string): void {
  const now = byTitle(comparableTabs(harness.emulator.spreadsheet(spreadsheetId)));
  for (const title of oldTabs.keys()) expect(now.has(title), `tab ${title} disappeared`).toBe(true);
  for (const [title, tab] of now) {
    const matches = tab === oldTabs.get(title) || tab === newTabs.get(title);
    expect(matches, `tab ${title} is neither its old nor its new content`).toBe(true);
  }
}

const callIndexes = () => Array.from({ length: callsPerPublish }, (_, index) => index);

describe('a publish', () => {
  it('takes few calls: one read, one log read, three writes', () => {
    expect(callsPerPublish).toBe(5);
  });
});

describe.each<FaultKind>(['http429', 'http500', 'http503', 'timeout', 'reset', 'resetAfterApply'])('a single %s', (kind) => {
  it('at any call is retried and the publish completes exactly as without it', async () => {
    for (const index of callIndexes()) {
      const copyId = harness.emulator.copySpreadsheet(baseId);
      harness.emulator.injectFault({ atCall: harness.emulator.callCount + index, kind });

      const report = await harness.sink({ ...timeoutFor(kind), spreadsheetId: copyId }).publish(v2);

      expect(report.retries, `fault at call ${index}`).toBeGreaterThanOrEqual(1);
      expect(byTitle(comparableTabs(harness.emulator.spreadsheet(copyId))), `fault at call ${index}`).toEqual(newTabs);
      expect(hiddenTabs(copyId)).toEqual([]);
    }
  });
});

describe.each<FaultKind>(['http500', 'reset', 'resetAfterApply', 'timeout'])('a run dying with %s', (kind) => {
  it('at any call leaves each tab old-complete or new-complete, fails loudly, and a rerun completes', async () => {
    for (const index of callIndexes()) {
      const copyId = harness.emulator.copySpreadsheet(baseId);
      harness.emulator.injectFault({ atCall: harness.emulator.callCount + index, kind, times: Infinity });

      const error = await harness
        .sink({ ...timeoutFor(kind), spreadsheetId: copyId, maxRetries: 1 })
        .publish(v2)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      harness.emulator.faults.clear();

      expect(error, `fault at call ${index}`).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/failed/);
      if (index >= 2 && index < callsPerPublish - 1) expect((error as Error).message).toContain('nothing visible changed');
      expectOldOrNewPerTab(copyId);

      await harness.sink({ spreadsheetId: copyId }).publish(v2);
      const after = byTitle(comparableTabs(harness.emulator.spreadsheet(copyId)));
      const runLog = JSON.stringify('Run Log');
      for (const [title, tab] of newTabs) if (title !== runLog) expect(after.get(title), `${title} after rerun`).toBe(tab);
      expect(hiddenTabs(copyId)).toEqual([]);
    }
  });
});
