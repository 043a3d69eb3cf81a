/**
 * Benchmark of lead scoring (not part of `npm test`), on simulated leads with ~10 activity types
 * each. Prints wall and CPU time: on a shared machine the wall clock also counts other work.
 *
 *   export PATH=$PWD/node_modules/.bin:$PATH
 *   node test/leads/leadScoring.bench.ts score [leads=1000000]   # scoreLeads end to end, then tabs + leads.csv rows
 *   node test/leads/leadScoring.bench.ts train [leads=500000]    # the conversion model alone, every lead with a known outcome
 */
import { trainConversionModel } from '../../functions/leads/conversionModel.ts';
import { compileFitGrader } from '../../functions/leads/fitGrading.ts';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { leadsCsvRow } from '../../functions/leads/leadsCsv.ts';
import { leadTabs } from '../../functions/leads/leadTabs.ts';
import { scoreLeads } from '../../functions/leads/scoreLeads.ts';
import { simulateLeads } from './simulateLeads.ts';

const asOf = '2025-06-30';
const mode = process.argv[2] ?? 'score';
const config = leadScoringConfigSchema.parse({});

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const heapMb = (): string => `${Math.round(process.memoryUsage().heapUsed / 1e6)} MB heap`;
let cpuMark = process.cpuUsage();
let wallMark = performance.now();
/** Wall and CPU time since the last call. */
const lap = (): string => {
  const cpu = process.cpuUsage(cpuMark);
  const wall = performance.now() - wallMark;
  cpuMark = process.cpuUsage();
  wallMark = performance.now();
  return `${seconds(wall)} wall, ${seconds((cpu.user + cpu.system) / 1000)} CPU`;
};

if (mode === 'score') benchScoring(Number(process.argv[3] ?? 1_000_000));
else if (mode === 'train') benchTraining(Number(process.argv[3] ?? 500_000));
else throw new Error(`unknown mode "${mode}": use score or train`);

function benchScoring(count: number): void {
  lap();
  const records = simulateLeads({ count, asOf, seed: 11, everyActivityType: true }).map((s) => s.record);
  const types = records.reduce((n, r) => n + Object.keys(r.activity).length, 0) / records.length;
  console.log(`simulated ${count.toLocaleString('en-US')} leads, ${types.toFixed(1)} activity types each: ${lap()}, ${heapMb()}`);

  const result = scoreLeads(records, config, asOf);
  console.log(`scoreLeads: ${lap()} (${heapMb()}); stages (wall ms):`, result.summary.timingsMs);
  const m = result.model;
  console.log(
    m.status === 'trained'
      ? `  model: trained on ${m.trainSize}, validated on ${m.validationSize} (AUC ${m.auc.toFixed(3)}, lift ${m.topDecileLift.toFixed(2)}), refit on ${m.fittedOn}; ${m.features} features, ${m.iterations} Newton iterations in the refit`
      : `  model: ${m.reason}`,
  );
  console.log(`  open leads with p_convert: ${result.summary.predictedLeads}; open leads per tier:`, JSON.stringify(result.summary.byTier));

  const tabs = leadTabs(result, config.sheet);
  let cells = 0;
  for (const lead of result.leads) cells += leadsCsvRow(lead).length;
  console.log(`tabs + leads.csv rows: ${lap()} (${tabs.length} tabs, ${cells.toLocaleString('en-US')} csv cells)`);
}

function benchTraining(count: number): void {
  const grader = compileFitGrader(config.fit);
  // Created 100-465 days before as_of: every lead is past the 90-day window, so every outcome is known.
  const inputs = simulateLeads({ count, asOf, seed: 12, spanDays: 365, everyActivityType: true }).map(({ record }) => {
    const created = new Date(Date.parse(`${record.createdAt}T00:00:00Z`) - 100 * 86_400_000).toISOString().slice(0, 10);
    const known = { ...record, createdAt: created, converted: record.converted ?? false };
    return { record: known, fit: grader.grade(known) };
  });
  console.log(`simulated ${count.toLocaleString('en-US')} known-outcome leads (${heapMb()})`);
  lap();
  const names = { ruleLabels: grader.rules.map((r) => r.label), disqualifierLabels: grader.disqualifierLabels };
  const report = trainConversionModel(inputs, config.model, names, asOf).report;
  console.log(
    `trainConversionModel: ${lap()}`,
    report.status === 'trained'
      ? `(fit on ${report.trainSize}, validated on ${report.validationSize}: AUC ${report.auc.toFixed(3)}; refit on ${report.fittedOn} in ${report.iterations} iterations; ${report.features} features)`
      : report.reason,
  );
}
