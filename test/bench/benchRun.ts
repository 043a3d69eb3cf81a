/**
 * One measured benchmark run, meant to run in its own process so that its peak memory is its
 * own: `process.resourceUsage().maxRSS` is the whole process's peak resident set — the JS heap,
 * buffers and DuckDB's native memory — and a process that ran something before would report
 * that too. `npm run bench` (bench.ts) spawns one of these per run; each can also run alone:
 *
 *   node test/bench/benchRun.ts --kind orders --rows 1000000 [--format parquet] [--bad-rows 0.01] [--memory-limit 2GB]
 *   node test/bench/benchRun.ts --kind leads --rows 1000000
 *   node test/bench/benchRun.ts --kind clv --rows 1000000
 *
 * The data comes from `.bench/` (benchData.ts); missing data is generated first, inside this
 * process, and the result then says so (its peak includes the preparation). The figures go to
 * `--result FILE` as JSON, or to stdout.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { buildLocalJobContext } from '../../functions/cli/buildLocalJobContext.ts';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import type { ConfigInput } from '../../functions/config/configSchema.ts';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import type { SourceCounts } from '../../functions/ingestion/SourceCounts.ts';
import { runCustomerSegmentsJob } from '../../functions/jobs/runCustomerSegmentsJob.ts';
import { runLeadPriorityJob } from '../../functions/jobs/runLeadPriorityJob.ts';
import { silentLogger } from '../../functions/runtime/Logger.ts';
import { BENCH_CACHE, leadsData, leadsDir, ordersData, ordersDir, ordersParquet } from './benchData.ts';
import { benchClv, type ClvBenchResult } from './clvBench.ts';
import { measuringProgress, type MeasuredStage } from './measuringProgress.ts';

export type RunKind = 'orders' | 'leads' | 'clv';
export type OrdersFormat = 'csv' | 'parquet';

/** What to run: `rows` is order rows (orders), leads (leads) or simulated customers (clv). */
export interface RunSpec {
  readonly kind: RunKind;
  readonly rows: number;
  readonly format: OrdersFormat;
  /** Share of order rows replaced by injected bad rows; 0 for the plain sample. */
  readonly badRowShare: number;
  /** DuckDB's memory limit; default the configuration's (`engine.memoryLimit`). */
  readonly memoryLimit?: string;
}

export interface StageFigure {
  readonly stage: string;
  readonly seconds: number;
  /** Rows read (all sources of the job) per second of this stage. */
  readonly rowsPerSecond: number;
  /** Highest RSS / JS heap sampled while the stage ran (every 25 ms, so a lower bound). */
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
}

/** The figures of one job run (orders or leads). */
export interface JobFigures {
  readonly spec: RunSpec;
  /** Rows read from the exports the run is sized by (orders; leads + activities). */
  readonly rows: number;
  readonly totalSeconds: number;
  /** The process's peak RSS over the whole run (maxRSS), DuckDB's native memory included. */
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly duckdbMemoryLimit: string;
  /** V8's limit for the JS heap of the run's process. */
  readonly nodeHeapLimitMb: number;
  readonly stages: readonly StageFigure[];
  /** Rows quarantined per reason, per source (from run.json). */
  readonly quarantinedByReason: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The run's result folder (run.json, quarantine files, workbook). */
  readonly outDir: string;
  /** True when the data had to be generated in this process (its peak then includes that). */
  readonly preparedInProcess: boolean;
}

export interface ClvFigures extends ClvBenchResult {
  readonly spec: RunSpec;
  readonly peakRssMb: number;
}

export type RunFigures = JobFigures | ClvFigures;

/**
 * A short, stable name of a run, also its result folder's suffix.
 * @example runLabel({ kind: 'orders', rows: 1e6, format: 'csv', badRowShare: 0.01 }); // 'orders-1000000-csv-bad-0.01'
 */
export function runLabel(spec: RunSpec): string {
  if (spec.kind !== 'orders') return `${spec.kind}-${spec.rows}`;
  return `orders-${spec.rows}-${spec.format}${spec.badRowShare > 0 ? `-bad-${spec.badRowShare}` : ''}`;
}

/**
 * Runs one benchmark in this process and returns its figures.
 * @example const figures = await runBenchmark({ kind: 'orders', rows: 100_000, format: 'csv', badRowShare: 0 });
 */
export async function runBenchmark(spec: RunSpec): Promise<RunFigures> {
  if (spec.kind === 'clv') {
    const result = benchClv(spec.rows);
    return { ...result, spec, peakRssMb: peakRssMb() };
  }
  const dataDir = spec.kind === 'orders' ? ordersDir(spec.rows, spec.badRowShare) : leadsDir(spec.rows);
  const preparedInProcess = !existsSync(path.join(dataDir, 'truth.json')) || (spec.format === 'parquet' && !existsSync(path.join(dataDir, 'orders.parquet')));
  if (spec.kind === 'orders') {
    await ordersData(spec.rows, spec.badRowShare);
    if (spec.format === 'parquet') await ordersParquet(dataDir);
  } else await leadsData(spec.rows);

  const outDir = path.join(BENCH_CACHE, `out-${runLabel(spec)}`);
  const config = parseConfig(benchConfig(spec, dataDir, outDir), `bench ${runLabel(spec)}`);
  const measured: MeasuredStage[] = [];
  const ctx = await buildLocalJobContext(config, DEMO_AS_OF, silentLogger, measuringProgress(measured), spec.kind === 'leads' ? 'leads.xlsx' : 'segments.xlsx');
  const started = performance.now();
  const { runReport } = spec.kind === 'orders' ? await runCustomerSegmentsJob(ctx) : await runLeadPriorityJob(ctx);
  const totalSeconds = (performance.now() - started) / 1000;
  await ctx.engine.close();

  const sources = runReport['sources'] as Record<string, SourceCounts | undefined>;
  const sized = spec.kind === 'orders' ? ['orders'] : ['leads', 'leadActivities'];
  const rows = sized.reduce((sum, name) => sum + (sources[name]?.rowsRead ?? 0), 0);
  const stages = measured.map((s) => ({
    stage: s.label,
    seconds: round(s.ms / 1000, 2),
    rowsPerSecond: Math.round(rows / Math.max(s.ms / 1000, 1e-3)),
    peakRssMb: toMb(s.peakRssBytes),
    peakHeapMb: toMb(s.peakHeapBytes),
  }));
  return {
    spec,
    rows,
    totalSeconds: round(totalSeconds, 2),
    peakRssMb: peakRssMb(),
    peakHeapMb: Math.max(0, ...stages.map((s) => s.peakHeapMb)),
    duckdbMemoryLimit: config.engine.memoryLimit,
    nodeHeapLimitMb: toMb(getHeapStatistics().heap_size_limit),
    stages,
    quarantinedByReason: Object.fromEntries(Object.entries(sources).flatMap(([name, counts]) => (counts ? [[name, counts.quarantinedByReason]] : []))),
    outDir,
    preparedInProcess,
  };
}

/** The demo's configuration over the bench data: xlsx with the usual row cap of 10,000 per tab. */
function benchConfig(spec: RunSpec, dataDir: string, outDir: string): ConfigInput {
  const demo = demoConfig();
  const inData = (file: string): string => path.join(dataDir, file);
  const sources = Object.fromEntries(Object.entries(demo.sources).map(([name, source]) => [name, source && { ...source, path: inData(source.path) }]));
  const orders = { ...demo.sources.orders, path: inData(spec.format === 'parquet' ? 'orders.parquet' : 'orders.csv'), format: spec.format };
  return {
    ...demo,
    sources: { ...sources, orders } as ConfigInput['sources'],
    output: { dir: outDir, sink: 'xlsx', rowCap: 10_000 },
    ...(spec.memoryLimit ? { engine: { memoryLimit: spec.memoryLimit } } : {}),
  };
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in kilobytes
}

function toMb(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string', default: 'orders' },
      rows: { type: 'string', default: '1000000' },
      format: { type: 'string', default: 'csv' },
      'bad-rows': { type: 'string', default: '0' },
      'memory-limit': { type: 'string' },
      result: { type: 'string' },
    },
  });
  const kind = values.kind as RunKind;
  const format = values.format as OrdersFormat;
  if (!['orders', 'leads', 'clv'].includes(kind)) throw new Error(`--kind orders|leads|clv, got ${kind}`);
  if (!['csv', 'parquet'].includes(format)) throw new Error(`--format csv|parquet, got ${format}`);
  const spec: RunSpec = {
    kind,
    rows: Number(values.rows),
    format,
    badRowShare: Number(values['bad-rows']),
    ...(values['memory-limit'] ? { memoryLimit: values['memory-limit'] } : {}),
  };
  const json = `${JSON.stringify(await runBenchmark(spec), null, 2)}\n`;
  if (values.result) writeFileSync(values.result, json);
  else process.stdout.write(json);
}
