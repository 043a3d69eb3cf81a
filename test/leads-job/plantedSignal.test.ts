import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../functions/cli/demoConfig.ts';
import { rocAuc } from '../../functions/leads/auc.ts';
import { generateSampleData, type SampleDataTruth } from '../../functions/sample-data/generateSampleData.ts';
import { runCli } from '../support/runCli.ts';
import { readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

const GENERATED_AS_OF = '2025-06-30';
// Score as if it were 120 days earlier: the leads open then have outcomes the generator knows now.
const SCORED_AS_OF = '2025-03-02';

/**
 * The lead job on generated leads with a planted conversion signal, judged by the generator's
 * truth (lead_truth.csv), not by the metrics the job prints. The export's status and
 * last_activity_at columns describe the later date, so they are left unmapped; orders and
 * activities after the scored date are quarantined by the job itself, so nothing leaks.
 */
describe('lead job on the planted conversion signal', () => {
  let dir: string;
  let truth: SampleDataTruth;
  let leads: Record<string, string>[];
  let outcome: Map<string, number>;
  let report: { leads: { model: { status: string; auc: number; topDecileLift: number } }; sources: Record<string, { quarantinedByReason: Record<string, number> }> };

  beforeAll(async () => {
    dir = await tempDirWith();
    truth = await generateSampleData({ outDir: path.join(dir, 'data'), asOf: GENERATED_AS_OF, orderRows: 40_000, leads: 20_000, seed: 11 });
    const config = demoConfig();
    const leadsSource = config.sources.leads!;
    const { status: _status, last_activity_at: _last, ...mapping } = leadsSource.mapping;
    writeFileSync(
      path.join(dir, 'data', 'config.json'),
      JSON.stringify({ ...config, sources: { ...config.sources, leads: { ...leadsSource, mapping } }, output: { dir: '../out', sink: 'none' } }),
    );
    const cli = runCli(['run', '--config', 'data/config.json', '--job', 'leads', '--as-of', SCORED_AS_OF], dir);
    expect(cli.stderr).not.toMatch(/segment-sheets:/);
    expect(cli.status).toBe(0);
    leads = readReferenceCsv(path.join(dir, 'out', 'leads.csv'));
    outcome = new Map(readReferenceCsv(path.join(dir, 'data', 'lead_truth.csv')).map((r) => [r['lead_id'] as string, Number(r['converted'])]));
    report = JSON.parse(readFileSync(path.join(dir, 'out', 'run-leads.json'), 'utf8'));
  });

  it('trains the conversion model on the known outcomes', () => {
    expect(report.leads.model.status).toBe('trained');
    expect(truth.leads?.convertedLeads).toBeGreaterThan(500);
  });

  it('reaches AUC 0.75 on the later time slice: held-out scores of the newest known leads against the true outcome', () => {
    // The job writes the scores its model (trained on older leads) gave the newest known-outcome
    // leads; the outcome comes from the generator, not from the job's labels.
    const slice = readReferenceCsv(path.join(dir, 'out', 'lead_model_validation.csv'));
    expect(slice.length).toBeGreaterThan(1_000);
    const truth = slice.map((r) => outcome.get(r['lead_id'] as string) ?? 0);
    expect(truth.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    expect(rocAuc(slice.map((r) => Number(r['p_convert_holdout'])), truth)).toBeGreaterThanOrEqual(0.75);
  });

  // Open leads are young and only partly observed, so this slice is harder: the generator's own
  // probabilities reach about 0.80 here and the model about 0.71.
  it('ranks the open leads that later converted: AUC of p_convert against the true outcome is at least 0.70', () => {
    const predicted = leads.filter((l) => l['p_convert'] !== '' && l['status'] === 'open');
    expect(predicted.length).toBeGreaterThan(1_000);
    const auc = rocAuc(predicted.map((l) => Number(l['p_convert'])), predicted.map((l) => outcome.get(l['lead_id'] as string) ?? 0));
    expect(auc).toBeGreaterThanOrEqual(0.7);
  });

  it('puts clearly more true converters in the top decile of the priority list than random', () => {
    // leads.csv lists open leads in priority order (tier, then p_convert, then engagement).
    const open = leads.filter((l) => l['status'] === 'open' && l['p_convert'] !== '');
    const top = open.slice(0, Math.ceil(open.length / 10));
    const rate = (rows: typeof open) => rows.filter((l) => outcome.get(l['lead_id'] as string) === 1).length / rows.length;
    const lift = rate(top) / rate(open);
    expect(lift).toBeGreaterThan(2);
  });

  it('quarantines future-dated activity instead of letting it leak', () => {
    expect(report.sources['leadActivities']?.quarantinedByReason['occurred_at after as_of']).toBeGreaterThan(0);
  });
});
