import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import { generateSampleData } from '../../functions/sample-data/generateSampleData.ts';
import { runCli } from '../support/runCli.ts';
import { readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

describe('--job all: customers and leads in one workbook', () => {
  let dir: string;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    dir = await tempDirWith();
    await generateSampleData({ outDir: path.join(dir, 'data'), asOf: DEMO_AS_OF, orderRows: 8_000, leads: 1_500, seed: 5 });
    writeFileSync(path.join(dir, 'data', 'config.json'), JSON.stringify({ ...demoConfig(), output: { dir: '../out', sink: 'xlsx', rowCap: 200 } }));
    const cli = runCli(['run', '--config', 'data/config.json', '--job', 'all'], dir);
    expect(cli.stderr).not.toMatch(/segment-sheets:/);
    expect(cli.status).toBe(0);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'out', 'segments.xlsx'));
  });

  it('adds the lead tabs beside the customer tabs', () => {
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Summary');
    expect(names).toEqual(expect.arrayContaining(['CLV', 'Profiles', 'Lead Priority', 'Lead Segments', 'Run Log']));
  });

  it('gives the Summary the open leads per tier, as counted in leads.csv', () => {
    const open = readReferenceCsv(path.join(dir, 'out', 'leads.csv')).filter((l) => l['status'] === 'open');
    const expected = new Map<string, number>();
    for (const l of open) expected.set(l['tier'] as string, (expected.get(l['tier'] as string) ?? 0) + 1);
    const summary = workbook.getWorksheet('Summary')!;
    const found = new Map<string, number>();
    let inBlock = false;
    summary.eachRow((row) => {
      const first = row.getCell(1).value;
      if (first === 'Open leads by priority tier') inBlock = true;
      else if (inBlock && typeof row.getCell(2).value === 'number') found.set(String(first), row.getCell(2).value as number);
    });
    for (const [tier, n] of expected) expect(found.get(tier), tier).toBe(n);
    expect([...found.values()].reduce((a, b) => a + b, 0)).toBe(open.length);
  });
});
