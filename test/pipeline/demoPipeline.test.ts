import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import { generateSampleData, type SampleDataTruth } from '../../functions/sample-data/generateSampleData.ts';
import { runCli } from '../support/runCli.ts';
import { tempDirWith } from '../support/tempDir.ts';

/**
 * The whole local pipeline on the seeded sample data, checked against what the generator knows
 * it put in (its truth file), not against an earlier run.
 */
describe('demo pipeline on generated sample data', () => {
  let truth: SampleDataTruth;
  let dir: string;
  // run.json is JSON read back from disk; its shape is what this test checks.
  let report: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    dir = await tempDirWith();
    truth = await generateSampleData({ outDir: path.join(dir, 'data'), asOf: DEMO_AS_OF, orderRows: 20_000, leads: 0, seed: 7 });
    const config = { ...demoConfig(), output: { dir: '../out', sink: 'xlsx', rowCap: 50 } };
    const file = path.join(dir, 'data', 'config.json');
    writeFileSync(file, JSON.stringify(config));
    const cli = runCli(['run', '--config', file], dir);
    expect(cli.stderr).not.toMatch(/segment-sheets:/);
    expect(cli.status).toBe(0);
    report = JSON.parse(readFileSync(path.join(dir, 'out', 'run.json'), 'utf8'));
  });

  it('quarantines exactly the bad rows the generator injected, by reason', () => {
    expect(report['sources'].orders.quarantinedByReason).toEqual(
      Object.fromEntries(Object.entries(truth.badRows['orders.csv']).filter(([, n]) => n > 0)),
    );
    expect(report['sources'].orders.rowsRead).toBe(truth.orders.rowsWritten);
    expect(report['sources'].orders.rowsUsed).toBe(truth.orders.goodRows);
  });

  it('finds every customer with a paid order and puts each in exactly one segment', () => {
    expect(report['customers']).toBe(truth.orders.customersWithGoodPaidOrder);
    const inSegments = report['rfm'].segments.reduce((a: number, s: { customers: number }) => a + s.customers, 0);
    expect(inSegments).toBe(truth.orders.customersWithGoodPaidOrder);
    const lines = readFileSync(path.join(dir, 'out', 'customers.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(truth.orders.customersWithGoodPaidOrder + 1);
  });

  it('writes the workbook: Summary, one capped tab per non-empty segment, CLV, Movements, Migration, Profiles, Run Log', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'out', 'segments.xlsx'));
    const names = workbook.worksheets.map((w) => w.name);
    const nonEmpty = report['rfm'].segments.filter((s: { customers: number }) => s.customers > 0).map((s: { segment: string }) => s.segment);
    expect(names).toEqual(['Summary', ...nonEmpty, 'CLV', 'Movements', 'Migration', 'Profiles', 'Run Log']);
    const big = report['rfm'].segments.find((s: { customers: number }) => s.customers > 50);
    const sheet = workbook.getWorksheet(big.segment)!;
    expect(String(sheet.getCell('A3').value)).toContain(`top 50 of ${big.customers.toLocaleString('en-US')}`);
    expect(sheet.rowCount).toBe(4 + 50);
  });

  it('keeps the run\'s segment snapshot in the output folder\'s history, beside the result files', () => {
    const snapshot = readFileSync(path.join(dir, 'out', 'history', `as_of=${DEMO_AS_OF}`, 'snapshot.csv'), 'utf8').trim().split('\n');
    expect(snapshot).toHaveLength(truth.orders.customersWithGoodPaidOrder + 1);
    expect(report['history']).toEqual(expect.objectContaining({ status: 'first run: no previous snapshot', previousAsOf: null }));
  });
});
