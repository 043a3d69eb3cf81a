/**
 * `npm run bench`: generates seeded sample data (cached in .bench/) and times each stage of
 * the local pipeline — load, features SQL, scoring, render — with rows per second and the
 * process's peak memory (RSS, which includes DuckDB's native memory). Prints a table and
 * writes test/bench/results/latest.json.
 *
 * Also fits BG/NBD + Gamma-Gamma on one million simulated customers and predicts for all of them
 * (issue 3's figure), and runs the lead job on generated leads with ten activities each.
 *
 *   npm run bench                                   # 1M order rows, CLV at 1M, 1M leads
 *   npm run bench -- --rows 1000000,3000000 --leads 0
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import { loadConfigFile } from '../../functions/config/loadConfig.ts';
import { runCustomerSegmentsJob } from '../../functions/jobs/runCustomerSegmentsJob.ts';
import { runLeadPriorityJob } from '../../functions/jobs/runLeadPriorityJob.ts';
import { benchClv } from './clvBench.ts';
import { XlsxSheetSink } from '../../functions/publishing/xlsx/XlsxSheetSink.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { systemClock } from '../../functions/runtime/Clock.ts';
import { silentLogger, type Progress } from '../../functions/runtime/Logger.ts';
import { generateSampleData } from '../../functions/sample-data/generateSampleData.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(ROOT, '.bench');

interface StageFigure {
  stage: string;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

/** Progress that records each stage's wall time and the peak RSS seen while it ran. */
function measuringProgress(figures: { label: string; ms: number; peak: number }[]): Progress {
  return {
    step(label) {
      const start = performance.now();
      let peak = process.memoryUsage.rss();
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
      }, 25);
      return () => {
        clearInterval(timer);
        figures.push({ label, ms: performance.now() - start, peak: Math.max(peak, process.memoryUsage.rss()) });
      };
    },
  };
}

type JobFigures = { rows: number; totalSeconds: number; peakRssMb: number; stages: StageFigure[] };

async function benchOrders(rows: number): Promise<JobFigures> {
  const dataDir = path.join(CACHE, `orders-${rows}`);
  if (!existsSync(path.join(dataDir, 'truth.json'))) {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} order rows…\n`);
    await generateSampleData({ outDir: dataDir, asOf: DEMO_AS_OF, orderRows: rows, leads: 0 });
  }
  const configFile = path.join(dataDir, 'bench.config.json');
  writeFileSync(configFile, JSON.stringify({ ...demoConfig(), output: { dir: path.join(CACHE, `out-${rows}`), sink: 'xlsx', rowCap: 10_000 } }));
  const config = await loadConfigFile(configFile);
  const figures: { label: string; ms: number; peak: number }[] = [];
  const engine = await DuckDbQueryEngine.open({ memoryLimit: config.engine.memoryLimit, threads: config.engine.threads });
  const results = await LocalResultStore.open(config.output.dir);
  const sink = new XlsxSheetSink({ stagingPath: (name) => results.stagingPath(name), publishedDir: results.location });
  const started = performance.now();
  const { runReport } = await runCustomerSegmentsJob({
    config, asOf: DEMO_AS_OF, engine, results, sink, clock: systemClock, logger: silentLogger, progress: measuringProgress(figures),
  });
  const totalSeconds = (performance.now() - started) / 1000;
  await engine.close();
  const rowsRead = (runReport['sources'] as { orders: { rowsRead: number } }).orders.rowsRead;
  const stages = figures.map((f) => ({
    stage: f.label,
    seconds: round(f.ms / 1000, 2),
    rowsPerSecond: Math.round(rowsRead / Math.max(f.ms / 1000, 1e-3)),
    peakRssMb: Math.round(f.peak / 2 ** 20),
  }));
  return { rows: rowsRead, totalSeconds: round(totalSeconds, 2), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), stages };
}

async function benchLeads(leads: number): Promise<JobFigures> {
  const dataDir = path.join(CACHE, `leads-${leads}`);
  if (!existsSync(path.join(dataDir, 'truth.json'))) {
    process.stderr.write(`generating ${leads.toLocaleString('en-US')} leads with ~10 activities each…\n`);
    await generateSampleData({ outDir: dataDir, asOf: DEMO_AS_OF, orderRows: Math.min(leads, 1_000_000), leads, activitiesPerLead: 10 });
  }
  const configFile = path.join(dataDir, 'bench.config.json');
  writeFileSync(configFile, JSON.stringify({ ...demoConfig(), output: { dir: path.join(CACHE, `out-leads-${leads}`), sink: 'xlsx', rowCap: 10_000 } }));
  const config = await loadConfigFile(configFile);
  const figures: { label: string; ms: number; peak: number }[] = [];
  const engine = await DuckDbQueryEngine.open({ memoryLimit: config.engine.memoryLimit, threads: config.engine.threads });
  const results = await LocalResultStore.open(config.output.dir);
  const sink = new XlsxSheetSink({ stagingPath: (name) => results.stagingPath(name), publishedDir: results.location, fileName: 'leads.xlsx' });
  const started = performance.now();
  const { runReport } = await runLeadPriorityJob({
    config, asOf: DEMO_AS_OF, engine, results, sink, clock: systemClock, logger: silentLogger, progress: measuringProgress(figures),
  });
  const totalSeconds = (performance.now() - started) / 1000;
  await engine.close();
  const sources = runReport['sources'] as Record<string, { rowsRead: number }>;
  const rowsRead = (sources['leads']?.rowsRead ?? 0) + (sources['leadActivities']?.rowsRead ?? 0);
  const stages = figures.map((f) => ({
    stage: f.label,
    seconds: round(f.ms / 1000, 2),
    rowsPerSecond: Math.round(rowsRead / Math.max(f.ms / 1000, 1e-3)),
    peakRssMb: Math.round(f.peak / 2 ** 20),
  }));
  return { rows: rowsRead, totalSeconds: round(totalSeconds, 2), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), stages };
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function table(result: JobFigures): string {
  const header = ['stage', 'wall (s)', 'rows/s', 'peak RSS (MB)'];
  const rows = result.stages.map((s) => [s.stage, s.seconds.toFixed(2), s.rowsPerSecond.toLocaleString('en-US'), String(s.peakRssMb)]);
  rows.push(['total', result.totalSeconds.toFixed(2), Math.round(result.rows / result.totalSeconds).toLocaleString('en-US'), String(result.peakRssMb)]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, clv: { type: 'string', default: '1000000' }, leads: { type: 'string', default: '1000000' } },
});
mkdirSync(CACHE, { recursive: true });
const sizes = (values.rows ?? '1000000').split(',').map(Number).filter((n) => n > 0);
const runs = [];
for (const rows of sizes) {
  // Each size in a fresh process would isolate peaks; one process keeps the bench simple, so
  // sizes run smallest first and the peak column is the peak so far.
  const result = await benchOrders(rows);
  process.stdout.write(`\nOrders pipeline, ${result.rows.toLocaleString('en-US')} rows\n${table(result)}\n`);
  runs.push(result);
}
const clvCustomers = Number(values.clv ?? 0);
const clv = clvCustomers > 0 ? benchClv(clvCustomers) : undefined;
if (clv) {
  process.stdout.write(
    `\nCLV on ${clv.customers.toLocaleString('en-US')} simulated customers (${clv.uniqueHistories.toLocaleString('en-US')} unique histories): ` +
      `fit BG/NBD + Gamma-Gamma ${(clv.fitTotalMs / 1000).toFixed(2)} s (target < 5 s), predict all ${(clv.predictMs / 1000).toFixed(2)} s (target < 2 s)\n`,
  );
}
// The lead job runs last: its peak memory then includes whatever the runs above left behind.
const leadCount = Number(values.leads ?? 0);
const leadRun = leadCount > 0 ? await benchLeads(leadCount) : undefined;
if (leadRun) process.stdout.write(`\nLead job, ${leadCount.toLocaleString('en-US')} leads, ${leadRun.rows.toLocaleString('en-US')} lead and activity rows\n${table(leadRun)}\n`);
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
const out = path.join(ROOT, 'test/bench/results/latest.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, command: 'npm run bench', orders: runs, clv, leads: leadRun }, null, 2)}\n`);
process.stdout.write(`\nwritten ${path.relative(ROOT, out)}\n`);
