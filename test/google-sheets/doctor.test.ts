import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorGoogleSheets } from '../../functions/publishing/google-sheets/doctor.ts';
import { SheetsEmulator } from './emulator/SheetsEmulator.ts';
import { ROBOT, TOKEN } from './support/harness.ts';
import { makeServiceAccount } from './support/testServiceAccount.ts';
import { createGoogleSheetsSink } from '../../functions/publishing/google-sheets/GoogleSheetsSink.ts';
import { buildModel } from './support/sheetModels.ts';

const account = makeServiceAccount();
let emulator: SheetsEmulator;
let keyFile: string;

beforeAll(async () => {
  emulator = await SheetsEmulator.start();
  emulator.principals.addStaticToken(TOKEN, ROBOT);
  emulator.principals.addServiceAccount(account.key.client_email, account.publicKeyPem);
  keyFile = join(await mkdtemp(join(tmpdir(), 'doctor-')), 'sa.json');
  await writeFile(keyFile, JSON.stringify(account.key));
});
afterAll(async () => {
  await emulator.close();
});

const noSleep = { sleep: async () => {} };
const summary = (findings: readonly { check: string; level: string }[]) => findings.map((finding) => `${finding.check}:${finding.level}`);

describe('doctor', () => {
  it('reports every check ok for a shared spreadsheet and a good key', async () => {
    const spreadsheetId = emulator.createSpreadsheet({ title: 'Weekly segments', sharedWith: { [account.key.client_email]: 'writer' } });

    const findings = await doctorGoogleSheets({ spreadsheetId, rootUrl: emulator.rootUrl, key: { file: keyFile } }, noSleep);

    expect(summary(findings)).toEqual(['config:ok', 'key:ok', 'auth:ok', 'access:ok', 'edit-access:ok', 'cells:ok', 'leftovers:ok']);
    expect(findings.find((finding) => finding.check === 'access')?.message).toContain('"Weekly segments"');
    expect(findings.find((finding) => finding.check === 'key')?.message).toContain(account.key.client_email);
  });

  it('says which email to share the spreadsheet with', async () => {
    const spreadsheetId = emulator.createSpreadsheet({ sharedWith: {} });

    const findings = await doctorGoogleSheets({ spreadsheetId, rootUrl: emulator.rootUrl, key: { file: keyFile } }, noSleep);

    expect(summary(findings).at(-1)).toBe('access:error');
    expect(findings.at(-1)?.message).toContain(`add ${account.key.client_email} as an Editor`);
    expect(findings.at(-1)?.fix).toMatch(/Share the spreadsheet/);
  });

  it('notices view-only access', async () => {
    const spreadsheetId = emulator.createSpreadsheet({ sharedWith: { [account.key.client_email]: 'reader' } });

    const findings = await doctorGoogleSheets({ spreadsheetId, rootUrl: emulator.rootUrl, key: { file: keyFile } }, noSleep);

    expect(summary(findings).slice(-2)).toEqual(['access:ok', 'edit-access:error']);
    expect(findings.at(-1)?.message).toContain('can read but not edit');
  });

  it('names a bad config field and stops there', async () => {
    const findings = await doctorGoogleSheets({ spreadsheetId: 'oops', key: { file: keyFile } });

    expect(findings).toEqual([expect.objectContaining({ check: 'config', level: 'error', message: expect.stringMatching(/^sinks\.sheets\.spreadsheetId: /) })]);
  });

  it('reports a missing key', async () => {
    const findings = await doctorGoogleSheets({ spreadsheetId: 'a'.repeat(44), key: { envVar: 'NOT_SET_ANYWHERE' } }, { env: {} });

    expect(summary(findings)).toEqual(['config:ok', 'key:error']);
    expect(findings[1]?.message).toContain('NOT_SET_ANYWHERE is not set');
  });

  it('warns about leftovers of an interrupted run and a nearly full spreadsheet', async () => {
    const spreadsheetId = emulator.createSpreadsheet({ sharedWith: { [ROBOT]: 'writer' } });
    const sink = createGoogleSheetsSink({ spreadsheetId, rootUrl: emulator.rootUrl, credentials: { staticToken: TOKEN }, maxRetries: 0, ...noSleep });
    emulator.injectFault({ atCall: emulator.callCount + 2, kind: 'reset', times: Infinity });
    await sink.publish(buildModel({ customersPerSegment: [2], run: 1 })).catch(() => undefined);
    emulator.faults.clear();

    const findings = await doctorGoogleSheets(
      { spreadsheetId, rootUrl: emulator.rootUrl, key: { staticTokenEnvVar: 'SHEETS_TOKEN' } },
      { env: { SHEETS_TOKEN: TOKEN }, cellLimit: 27_000, ...noSleep },
    );

    expect(summary(findings)).toEqual(['config:ok', 'key:ok', 'auth:ok', 'access:ok', 'edit-access:ok', 'cells:warning', 'leftovers:warning']);
    expect(findings.at(-1)?.message).toMatch(/hidden staging tab\(s\) from an interrupted run/);
  });
});
