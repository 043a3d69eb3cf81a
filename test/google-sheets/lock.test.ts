import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireSpreadsheetLock,
  lockPath,
  SpreadsheetLockedError,
  withSpreadsheetLock,
} from '../../functions/publishing/google-sheets/spreadsheetLock.ts';
import { createGoogleSheetsSink } from '../../functions/publishing/google-sheets/GoogleSheetsSink.ts';
import { SheetsEmulator } from './emulator/SheetsEmulator.ts';
import { buildModel } from './support/sheetModels.ts';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sheets-lock-'));
});

const exists = (path: string) => stat(path).then(() => true, () => false);

describe('the spreadsheet lock', () => {
  it('admits one holder at a time and names the holder to the others', async () => {
    const lock = await acquireSpreadsheetLock('sheet-a', { directory });

    const error = await acquireSpreadsheetLock('sheet-a', { directory }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpreadsheetLockedError);
    expect((error as Error).message).toContain(`pid ${process.pid} on ${hostname()}`);
    // Other spreadsheets are not blocked.
    await (await acquireSpreadsheetLock('sheet-b', { directory })).release();

    await lock.release();
    expect(await exists(lock.path)).toBe(false);
    await (await acquireSpreadsheetLock('sheet-a', { directory })).release();
  });

  it('lets a waiting run in when the holder releases', async () => {
    const first = await acquireSpreadsheetLock('sheet-a', { directory });
    setTimeout(() => void first.release(), 100);

    const second = await acquireSpreadsheetLock('sheet-a', { directory, waitMs: 5_000, pollMs: 20 });
    await second.release();
  });

  it('takes over a lock whose process is gone', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const path = lockPath('sheet-a', directory);
    await writeFile(path, JSON.stringify({ token: 'old', pid: deadPid, host: hostname(), acquiredAt: '2024-01-01T00:00:00Z' }));

    const lock = await acquireSpreadsheetLock('sheet-a', { directory });

    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('takes over a lock that was not refreshed for too long, and the old holder cannot release the new lock', async () => {
    const stale = await acquireSpreadsheetLock('sheet-a', { directory, staleAfterMs: 60_000 });
    const longAgo = new Date(Date.now() - 120_000);
    await utimes(stale.path, longAgo, longAgo);

    const fresh = await acquireSpreadsheetLock('sheet-a', { directory, staleAfterMs: 60_000 });
    await stale.release();

    expect(await exists(fresh.path)).toBe(true);
    await expect(acquireSpreadsheetLock('sheet-a', { directory })).rejects.toBeInstanceOf(SpreadsheetLockedError);
    await fresh.release();
  });
});

describe('two overlapping publishes to one spreadsheet', () => {
  let emulator: SheetsEmulator;
  afterEach(async () => {
    await emulator.close();
  });

  async function setUp(): Promise<{ spreadsheetId: string; publish: (token: string, run: number) => Promise<unknown> }> {
    emulator = await SheetsEmulator.start();
    emulator.principals.addStaticToken('token-a', 'run-a@example.com');
    emulator.principals.addStaticToken('token-b', 'run-b@example.com');
    const spreadsheetId = emulator.createSpreadsheet({ sharedWith: { 'run-a@example.com': 'writer', 'run-b@example.com': 'writer' } });
    const sinkFor = (token: string) =>
      createGoogleSheetsSink({ spreadsheetId, rootUrl: emulator.rootUrl, credentials: { staticToken: token }, sleep: async () => {} });
    return { spreadsheetId, publish: (token, run) => sinkFor(token).publish(buildModel({ customersPerSegment: [50, 40], run })) };
  }

  function switchesBetweenRuns(): number {
    const order = emulator.calls.map((call) => call.principal);
    return order.filter((principal, index) => index > 0 && principal !== order[index - 1]).length;
  }

  it('interleave without the lock (the hazard)', async () => {
    const { publish } = await setUp();

    await Promise.allSettled([publish('token-a', 1), publish('token-b', 2)]);

    expect(switchesBetweenRuns()).toBeGreaterThan(1);
  });

  it('do not interleave their calls when each holds the lock', async () => {
    const { spreadsheetId, publish } = await setUp();
    const locked = (token: string, run: number) => withSpreadsheetLock(spreadsheetId, () => publish(token, run), { directory, waitMs: 10_000, pollMs: 10 });

    await Promise.all([locked('token-a', 1), locked('token-b', 2)]);

    expect(emulator.calls).toHaveLength(9); // 4 calls for the first publish, 5 (with the run-log read) for the second
    expect(switchesBetweenRuns()).toBe(1);
  });
});
