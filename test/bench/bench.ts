/**
 * `npm run bench`: the scale benchmark of issue 7. Prepares seeded sample data (cached in
 * `.bench/`, benchData.ts), then runs each measurement in its own child process (benchRun.ts)
 * so every run's peak memory is its own, prints one table per run, the bad-rows check, and a
 * final comparison against the targets (benchTargets.ts), and writes everything to
 * `test/bench/results/latest.json`.
 *
 * Default: the orders pipeline at 1M, 3M and 10M rows from CSV, 10M from Parquet, 10M from CSV
 * with 1% bad rows, the CLV micro-benchmark on 1M customers, and the lead job on 1M leads
 * with ~10M activities. Flags pick subsets:
 *
 *   npm run bench                                                       # everything (minutes)
 *   npm run bench -- --rows 1000000 --formats csv --bad-rows 0 --clv 0 --leads 0
 *   npm run bench -- --rows 100000 --leads 0                            # a quick check of all kinds of order runs
 *
 * --rows LIST        order-row sizes; CSV runs at each (default 1000000,3000000,10000000)
 * --formats LIST     csv, parquet: CSV runs at every size, Parquet at the largest (default csv,parquet)
 * --bad-rows SHARE   also run the largest size from CSV with SHARE of the rows replaced by bad
 *                    rows, and check the quarantine counts and the time against the clean CSV
 *                    run of that size (added if --formats has no csv); 0 skips (default 0.01)
 * --clv N            CLV fit and prediction on N simulated customers; 0 skips (default 1000000)
 * --leads N          lead job on N leads with ~10 activities each; 0 skips (default 1000000)
 * --memory-limit X   DuckDB's memory limit for the job runs (default: the configuration's, 4GB)
 * --repeat N         make every run N times, in rounds, and keep each run's fastest (default 1):
 *                    on a busy machine this steadies the comparisons, above all bad rows/clean
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SampleDataTruth } from '../../functions/sample-data/SampleDataTruth.ts';
import { INJECTED_ROWS_FILE } from '../../functions/sample-data/injectBadOrderRows.ts';
import { accountBadRows, displacedByReason, type BadRowAccounting } from './badRowAccounting.ts';
import { BENCH_CACHE, BENCH_ROOT, leadsData, ordersData, ordersDir, ordersParquet } from './benchData.ts';
import { runLabel, type JobFigures, type OrdersFormat, type RunFigures, type RunSpec } from './benchRun.ts';
import { badRowTables, comparisonTable, stageTable, timeRatios, type ComparisonRow } from './benchTables.ts';
import { checkTargets, growth, isClv, isJob, TARGETS } from './benchTargets.ts';

const BENCH_RUN = path.join(import.meta.dirname, 'benchRun.ts');
const RESULT_FILE = path.join(BENCH_ROOT, 'test/bench/results/latest.json');

interface FailedRun {
  readonly spec: RunSpec;
  readonly failed: string;
}
type Outcome = RunFigures | FailedRun;

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000,3000000,10000000' },
    formats: { type: 'string', default: 'csv,parquet' },
    'bad-rows': { type: 'string', default: '0.01' },
    clv: { type: 'string', default: '1000000' },
    leads: { type: 'string', default: '1000000' },
    'memory-limit': { type: 'string' },
    repeat: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  const doc = readFileSync(import.meta.filename, 'utf8').split('*/')[0] ?? '';
  process.stdout.write(`${doc.replace(/^\/\*\*\n/, '').replace(/^ \* ?/gm, '').trimEnd()}\n`);
  process.exit(0);
}
const sizes = [...new Set(list(values.rows).map(Number))].filter((n) => n > 0).sort((a, b) => a - b);
const formats = list(values.formats);
for (const format of formats) if (format !== 'csv' && format !== 'parquet') throw new Error(`--formats: csv or parquet, got ${format}`);
const badRowShare = Number(values['bad-rows']);
if (!(badRowShare >= 0 && badRowShare < 1)) throw new Error(`--bad-rows: a share in [0, 1), got ${values['bad-rows']}`);
const memoryLimit = values['memory-limit'];
const repeat = Number(values.repeat);
if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error(`--repeat: a whole number ≥ 1, got ${values.repeat}`);

const plan = planRuns();
mkdirSync(BENCH_CACHE, { recursive: true });
await prepareData(plan);

// Rounds, not N runs in a row: a spell of load on the machine then hits every run alike.
const attempts: Outcome[][] = plan.map(() => []);
for (let round = 1; round <= repeat; round++) {
  for (const [i, spec] of plan.entries()) {
    const name = `${describe(spec)}${repeat > 1 ? ` (round ${round} of ${repeat})` : ''}`;
    process.stderr.write(`\nrunning ${name}…\n`);
    const outcome = await runInChildProcess(spec);
    attempts[i]?.push(outcome);
    process.stdout.write(`\n${name}\n${report(outcome)}\n`);
  }
}
const outcomes: Outcome[] = attempts.map(fastest);

const badRows = await checkBadRows();
if (badRows) {
  process.stdout.write(`\nBad rows: ${describe(badRows.bad.spec)} against the clean file (expected = clean − displaced + injected)\n`);
  process.stdout.write(`${badRowTables(badRows.accounting, badRows.clean, badRows.bad)}\n`);
}
const comparison = outcomes.map(comparisonRow);
process.stdout.write(`\nComparison\n${comparisonTable(comparison)}\n`);
const cleanCsv = outcomes.filter(isSucceeded).filter(isJob).filter((f) => f.spec.kind === 'orders' && f.spec.format === 'csv' && f.spec.badRowShare === 0);
const sizeGrowth = growth(cleanCsv);
if (sizeGrowth) {
  process.stdout.write(
    `\nGrowth (CSV): ${sizeGrowth.smallest.toLocaleString('en-US')} → ${sizeGrowth.largest.toLocaleString('en-US')} rows is ×${sizeGrowth.sizeFactor} ` +
      `the rows and ×${sizeGrowth.timeFactor} the time: ${sizeGrowth.linearOrBetter ? 'linear or better' : 'worse than linear'}\n`,
  );
}
writeResults();

/** The runs to make, in order: CSV sizes ascending, Parquet, bad rows, CLV, leads. */
function planRuns(): RunSpec[] {
  const largest = sizes.at(-1);
  const orders = (rows: number, format: OrdersFormat, share = 0): RunSpec => ({
    kind: 'orders', rows, format, badRowShare: share, ...(memoryLimit ? { memoryLimit } : {}),
  });
  const runs: RunSpec[] = formats.includes('csv') ? sizes.map((rows) => orders(rows, 'csv')) : [];
  if (largest !== undefined) {
    if (formats.includes('parquet')) runs.push(orders(largest, 'parquet'));
    if (badRowShare > 0) {
      // The comparison needs the clean file at the same size.
      if (!formats.includes('csv')) runs.push(orders(largest, 'csv'));
      runs.push(orders(largest, 'csv', badRowShare));
    }
  }
  const clv = Number(values.clv);
  if (clv > 0) runs.push({ kind: 'clv', rows: clv, format: 'csv', badRowShare: 0 });
  const leads = Number(values.leads);
  if (leads > 0) runs.push({ kind: 'leads', rows: leads, format: 'csv', badRowShare: 0, ...(memoryLimit ? { memoryLimit } : {}) });
  return runs;
}

/** Generates and converts what the runs need, before any is timed. */
async function prepareData(runs: readonly RunSpec[]): Promise<void> {
  for (const spec of runs) {
    if (spec.kind === 'orders') {
      const dir = await ordersData(spec.rows, spec.badRowShare);
      if (spec.format === 'parquet') await ordersParquet(dir);
    } else if (spec.kind === 'leads') await leadsData(spec.rows);
  }
}

/** Runs benchRun.ts for one spec in a fresh Node process and reads its figures. */
async function runInChildProcess(spec: RunSpec): Promise<Outcome> {
  const resultFile = path.join(BENCH_CACHE, `result-${runLabel(spec)}.json`);
  rmSync(resultFile, { force: true });
  const args = [
    BENCH_RUN, '--kind', spec.kind, '--rows', String(spec.rows), '--format', spec.format, '--bad-rows', String(spec.badRowShare),
    ...(spec.memoryLimit ? ['--memory-limit', spec.memoryLimit] : []), '--result', resultFile,
  ];
  const child = spawn(process.execPath, [...process.execArgv, ...args], { cwd: BENCH_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (code !== 0 || !existsSync(resultFile)) return { spec, failed: signal ? `killed by ${signal}` : `exit code ${code}` };
  return JSON.parse(readFileSync(resultFile, 'utf8')) as RunFigures;
}

/** The fastest successful attempt of a run, else its last failure. */
function fastest(tries: readonly Outcome[]): Outcome {
  const seconds = (o: RunFigures): number => (isClv(o) ? (o.fitTotalMs + o.predictMs) / 1000 : o.totalSeconds);
  const succeeded = tries.filter(isSucceeded).sort((a, b) => seconds(a) - seconds(b));
  return succeeded[0] ?? (tries.at(-1) as Outcome);
}

/** The bad-rows run checked against the clean CSV run of its size. */
async function checkBadRows(): Promise<{ bad: JobFigures; clean: JobFigures; accounting: BadRowAccounting } | undefined> {
  const jobs = outcomes.filter(isSucceeded).filter(isJob).filter((f) => f.spec.kind === 'orders' && f.spec.format === 'csv');
  const bad = jobs.find((f) => f.spec.badRowShare > 0);
  const clean = bad && jobs.find((f) => f.spec.badRowShare === 0 && f.spec.rows === bad.spec.rows);
  if (!bad || !clean) return undefined;
  const dataDir = ordersDir(bad.spec.rows, bad.spec.badRowShare);
  const truth = JSON.parse(readFileSync(path.join(dataDir, 'truth.json'), 'utf8')) as SampleDataTruth;
  const cleanQuarantine = path.join(clean.outDir, 'quarantine_orders.csv');
  const accounting = accountBadRows({
    clean: clean.quarantinedByReason['orders'] ?? {},
    displaced: await displacedByReason(existsSync(cleanQuarantine) ? cleanQuarantine : undefined, path.join(dataDir, INJECTED_ROWS_FILE)),
    injected: truth.injectedBadRows?.['orders.csv'].byReason ?? {},
    actual: bad.quarantinedByReason['orders'] ?? {},
  });
  return { bad, clean, accounting };
}

function comparisonRow(outcome: Outcome): ComparisonRow {
  const run = describe(outcome.spec);
  const format = outcome.spec.kind === 'orders' ? outcome.spec.format : '';
  if (!isSucceeded(outcome)) return { run, rows: undefined, format, totalSeconds: undefined, peakRssMb: undefined, target: '', met: `failed: ${outcome.failed}` };
  if (isClv(outcome)) {
    const check = checkTargets(outcome);
    return { run, rows: outcome.customers, format, totalSeconds: (outcome.fitTotalMs + outcome.predictMs) / 1000, peakRssMb: outcome.peakRssMb, target: check.target, met: metText(check.met, check.misses) };
  }
  const figures = { run, rows: outcome.rows, format, totalSeconds: outcome.totalSeconds, peakRssMb: outcome.peakRssMb };
  if (outcome.spec.badRowShare > 0) {
    const target = `quarantine = injected, time ≤ ${TARGETS.badRowsTimeRatio} × clean`;
    if (!badRows || badRows.bad !== outcome) return { ...figures, target, met: 'not checked (no clean run)' };
    const ratio = timeRatios(badRows.clean, badRows.bad).at(-1)?.ratio ?? Number.NaN;
    const misses = [
      ...(badRows.accounting.matches ? [] : ['quarantine counts differ']),
      ...(ratio <= TARGETS.badRowsTimeRatio ? [] : [`time ×${ratio.toFixed(3)}`]),
    ];
    return { ...figures, target, met: metText(misses.length === 0, misses) };
  }
  const check = checkTargets(outcome);
  return { ...figures, target: check.target, met: metText(check.met, check.misses) };
}

function metText(met: boolean | undefined, misses: readonly string[]): string {
  if (met === undefined) return '—';
  return met ? 'yes' : `no: ${misses.join('; ')}`;
}

function report(outcome: Outcome): string {
  if (!isSucceeded(outcome)) return `failed: ${outcome.failed}`;
  if (isClv(outcome)) {
    return (
      `${outcome.customers.toLocaleString('en-US')} simulated customers (${outcome.uniqueHistories.toLocaleString('en-US')} unique histories): ` +
      `fit BG/NBD + Gamma-Gamma ${(outcome.fitTotalMs / 1000).toFixed(2)} s, predict all ${(outcome.predictMs / 1000).toFixed(2)} s, ` +
      `peak RSS ${outcome.peakRssMb.toLocaleString('en-US')} MB`
    );
  }
  const note = outcome.preparedInProcess ? '\n(the data was generated in the measured process: its peak includes that)' : '';
  return `${stageTable(outcome)}\n(${outcome.rows.toLocaleString('en-US')} rows read; limits: DuckDB ${outcome.duckdbMemoryLimit}, JS heap ${outcome.nodeHeapLimitMb.toLocaleString('en-US')} MB)${note}`;
}

/** A run in words, e.g. `orders 10M, parquet` or `orders 10M, csv, 1% bad rows`. */
function describe(spec: RunSpec): string {
  const count = compact(spec.rows);
  if (spec.kind === 'clv') return `CLV ${count} customers`;
  if (spec.kind === 'leads') return `leads ${count}`;
  return `orders ${count}, ${spec.format}${spec.badRowShare > 0 ? `, ${spec.badRowShare * 100}% bad rows` : ''}`;
}

function compact(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

function isSucceeded(outcome: Outcome): outcome is RunFigures {
  return !('failed' in outcome);
}

function list(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function writeResults(): void {
  const succeeded = outcomes.filter(isSucceeded);
  const jobs = succeeded.filter(isJob);
  const orders = jobs.filter((f) => f.spec.kind === 'orders');
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    // Other work on the machine moves the figures: the load average at the end says how busy it was.
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const args = process.argv.slice(2);
  const results = {
    date: new Date().toISOString(),
    machine,
    command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    settings: {
      rows: sizes, formats, badRowShare, clvCustomers: Number(values.clv), leads: Number(values.leads),
      memoryLimit: memoryLimit ?? 'configuration default', repeat,
    },
    // With --repeat, the figures below are each run's fastest attempt; these are all attempts' totals.
    attempts: plan.map((spec, i) => ({
      run: describe(spec),
      totalSeconds: (attempts[i] ?? []).map((o) => (!isSucceeded(o) ? null : isClv(o) ? (o.fitTotalMs + o.predictMs) / 1000 : o.totalSeconds)),
    })),
    orders: orders.filter((f) => f.spec.format === 'csv' && f.spec.badRowShare === 0),
    parquet: orders.filter((f) => f.spec.format === 'parquet'),
    badRows: badRows ? {
      share: badRows.bad.spec.badRowShare,
      rows: badRows.bad.rows,
      run: badRows.bad,
      countsMatch: badRows.accounting.matches,
      accounting: badRows.accounting.reasons,
      timeRatios: timeRatios(badRows.clean, badRows.bad),
    } : null,
    clv: succeeded.find(isClv) ?? null,
    leads: jobs.find((f) => f.spec.kind === 'leads') ?? null,
    growth: sizeGrowth ?? null,
    comparison,
    failures: outcomes.filter((o): o is FailedRun => !isSucceeded(o)),
  };
  mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  writeFileSync(RESULT_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nwritten ${path.relative(BENCH_ROOT, RESULT_FILE)}\n`);
}
