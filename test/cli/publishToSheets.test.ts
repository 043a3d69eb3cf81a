import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import { generateSampleData } from '../../functions/sample-data/generateSampleData.ts';
import { SheetsEmulator } from '../google-sheets/emulator/SheetsEmulator.ts';
import { tabValues } from '../google-sheets/emulator/readerView.ts';
import { makeServiceAccount } from '../google-sheets/support/testServiceAccount.ts';
import { runCliAsync } from '../support/runCli.ts';
import { tempDirWith } from '../support/tempDir.ts';

/** The CLI publishing a local run to the Sheets API emulator over HTTP with a real service-account key. */
describe('segment-sheets run --sink sheets', () => {
  let emulator: SheetsEmulator;
  let dir: string;
  let spreadsheetId: string;
  let unsharedId: string;
  const robot = makeServiceAccount('publisher@demo-project.iam.gserviceaccount.com');

  beforeAll(async () => {
    emulator = await SheetsEmulator.start();
    emulator.principals.addServiceAccount(robot.key.client_email, robot.publicKeyPem);
    spreadsheetId = emulator.createSpreadsheet({ title: 'Segments', sheets: [{ title: 'My notes' }], sharedWith: { [robot.key.client_email]: 'writer' } });
    unsharedId = emulator.createSpreadsheet({ title: 'Private', sheets: [{ title: 'Sheet1' }], sharedWith: {} });
    dir = await tempDirWith({ 'key.json': JSON.stringify(robot.key) });
    await generateSampleData({ outDir: path.join(dir, 'data'), asOf: DEMO_AS_OF, orderRows: 5_000, leads: 0, seed: 3 });
    writeFileSync(path.join(dir, 'data', 'config.json'), JSON.stringify({ ...demoConfig(), output: { dir: '../out', sink: 'sheets', rowCap: 100 } }));
  });
  afterAll(() => emulator.close());

  const flags = (id: string) => ['--config', 'data/config.json', '--spreadsheet-id', id, '--key-file', 'key.json', '--sheets-url', emulator.rootUrl];

  it('publishes the tabs, keeps the user tab, and records the requests in run.json', async () => {
    const result = await runCliAsync(['run', ...flags(spreadsheetId)], dir);
    expect(result.stderr).not.toMatch(/segment-sheets:/);
    expect(result.status).toBe(0);
    const state = emulator.spreadsheet(spreadsheetId);
    const visible = state.sheets.filter((s) => !s.properties.hidden).map((s) => s.properties.title);
    expect(visible[0]).toBe('My notes');
    expect(visible).toContain('Summary');
    expect(visible).toContain('Champions');
    expect(visible.slice(-2)).toEqual(['Profiles', 'Run Log']);
    const summary = tabValues(state, 'Summary').flat().map((c) => (c && typeof c === 'object' && 'value' in c ? c.value : c));
    expect(summary).toContain('Champions');
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'run.json'), 'utf8'));
    expect(report.publish.sink).toBe('sheets');
    expect(report.publish.writeRequests).toBeGreaterThan(0);
    expect(report.publish.writeRequests).toBeLessThanOrEqual(5);
  });

  it('doctor reports a healthy setup', async () => {
    const result = await runCliAsync(['doctor', ...flags(spreadsheetId)], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ok\s+access/);
  });

  it('doctor and run name the service account to share an unshared Sheet with', async () => {
    const doctor = await runCliAsync(['doctor', ...flags(unsharedId)], dir);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain(robot.key.client_email);
    const run = await runCliAsync(['run', ...flags(unsharedId)], dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').filter((l) => l.startsWith('segment-sheets:'))).toHaveLength(1);
    expect(run.stderr).toContain(robot.key.client_email);
  });
});
