import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdnowOrdersSource } from '../support/cdnowConfig.ts';
import { runCli } from '../support/runCli.ts';
import { hasSharedData, readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

// BTYD walkthrough (research clv.md §3.3, §5.1): CDNOW sample, calibration to 1997-09-30, a
// 39-week holdout to 1998-06-30, customers grouped by calibration repeat purchases 0..6, 7+.
const ACTUAL_MEANS = [0.237, 0.697, 1.393, 1.56, 2.532, 2.947, 3.862, 6.359];
const GROUP_SIZES = [1411, 439, 214, 100, 62, 38, 29, 64];
const BGNBD_PREDICTED = [0.2251, 0.5231, 1.0441, 1.5203, 2.1638, 2.6538, 3.504, 6.157];
const PNBD_PREDICTED = [0.138, 0.6, 1.196, 1.714, 2.399, 2.907, 3.819, 6.403];

/** The whole pipeline (CLI, SQL data preparation, fits, holdout check) on the raw CDNOW sample. */
describe.skipIf(!hasSharedData('cdnow'))('CLV through the pipeline on CDNOW', () => {
  let dir: string;
  const run = (model: string) => {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({
      sources: { orders: cdnowOrdersSource() },
      clv: { model, timeUnit: 'week', holdout: 39, horizon: 39 },
      profiles: { dimensions: [] },
      output: { dir: `out-${model}`, sink: 'none' },
    }));
    const result = runCli(['run', '--config', 'config.json', '--as-of', '1998-06-30'], dir);
    expect(result.stderr).not.toMatch(/segment-sheets:/);
    expect(result.status).toBe(0);
    return JSON.parse(readFileSync(path.join(dir, `out-${model}`, 'run.json'), 'utf8'));
  };
  beforeAll(async () => {
    dir = await tempDirWith();
  });

  it('reproduces the published holdout table for BG/NBD (actual and predicted by frequency)', () => {
    const report = run('bgnbd');
    const groups = report.clv.holdout.chosen.byFrequency as { customers: number; predictedMean: number; actualMean: number }[];
    expect(groups.map((g) => g.customers)).toEqual(GROUP_SIZES);
    groups.forEach((g, i) => {
      expect(Math.abs(g.actualMean - (ACTUAL_MEANS[i] as number))).toBeLessThan(0.0006);
      expect(Math.abs(g.predictedMean - (BGNBD_PREDICTED[i] as number))).toBeLessThan(0.002);
    });
    expect(report.clv.holdout.chosen.totalActual).toBe(1882);
    expect(report.clv.converged).toBe(true);
  });

  it('picks the model with the lowest holdout error under auto and says so', () => {
    const report = run('auto');
    const checks = report.clv.holdout.checks as { model: string; rmsePerCustomer: number }[];
    expect(checks.map((c) => c.model).sort()).toEqual(['bgnbd', 'mbgnbd', 'pareto-nbd']);
    const best = checks.reduce((a, b) => (b.rmsePerCustomer < a.rmsePerCustomer ? b : a));
    expect(report.clv.model).toBe(best.model);
    expect(report.clv.choiceReason).toContain('auto');
    const pnbd = report.clv.holdout.checks.find((c: { model: string }) => c.model === 'pareto-nbd');
    pnbd.byFrequency.forEach((g: { predictedMean: number }, i: number) => expect(Math.abs(g.predictedMean - (PNBD_PREDICTED[i] as number))).toBeLessThan(0.002));
  });

  it('writes the CLV columns for every customer', () => {
    const rows = readReferenceCsv(path.join(dir, 'out-bgnbd', 'customers.csv'));
    expect(rows).toHaveLength(2357);
    for (const r of rows) {
      const pAlive = Number(r['p_alive']);
      expect(pAlive).toBeGreaterThanOrEqual(0);
      expect(pAlive).toBeLessThanOrEqual(1);
      // Under BG/NBD a customer who never came back cannot have dropped out after a repeat purchase.
      if (r['clv_frequency'] === '0') expect(pAlive).toBe(1);
      expect(Number(r['clv'])).toBeGreaterThanOrEqual(0);
    }
  });
});
