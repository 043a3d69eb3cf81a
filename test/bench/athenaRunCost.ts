/**
 * An offline estimate of one customer-segments run on AWS, for the cost section of
 * infra/README.md. It runs the real scheduled-job path (runScheduledJob: Athena engine, S3 result
 * store, the customer job; no Sheets) against S3 in memory and Athena on DuckDB
 * (test/aws/e2e/DuckDbAthena.ts) over seeded sample data, and reports:
 * - the exports' sizes as CSV, and as Parquet (DuckDB's conversion with typed columns, Snappy):
 *   whole, and only the columns the configuration's mapping uses;
 * - per Athena query, the bytes it would scan: the export objects it reads, plus the run's own
 *   tables it reads, each at the size of its Parquet file (whole tables: an upper bound, Athena
 *   reads only the columns a query uses; DuckDB's Parquet writer is not Athena's). Then the bytes
 *   billed (rounded up to MB, 10 MB minimum per query) and the cost at $5 per TB, with CSV
 *   exports and with Parquet exports (the snapshot queries reading the Parquet files instead);
 * - the function's own share of the run: wall time outside the queries, and the peak of the
 *   JavaScript heap plus array buffers (the function's memory; DuckDB's memory is Athena's here).
 * Writes test/bench/results/athenaRunCost-<rows>.json (the lead job: athenaRunCost-leadPriority-<leads>.json).
 *
 *   export PATH=$PWD/node_modules/.bin:$PATH
 *   node test/bench/athenaRunCost.ts --rows 1000000
 *   node test/bench/athenaRunCost.ts --rows 10000000
 *   node test/bench/athenaRunCost.ts --job leadPriority --rows 1000000   # 1M leads, the lead bench's data
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import type { ConfigInput } from '../../functions/config/configSchema.ts';
import { runCustomerSegmentsJob } from '../../functions/jobs/runCustomerSegmentsJob.ts';
import { runLeadPriorityJob } from '../../functions/jobs/runLeadPriorityJob.ts';
import type { SourceKind } from '../../functions/config/canonicalFields.ts';
import { parseDeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import { runScheduledJob } from '../../functions/lambda/runScheduledJob.ts';
import { NullSheetSink } from '../../functions/publishing/none/NullSheetSink.ts';
import { billedBytes, estimateAthenaCostUsd } from '../../functions/query-engine/athena/athenaQueryCost.ts';
import { exportTables, type ExportTable } from '../../functions/query-engine/athena/exportTables.ts';
import { systemClock } from '../../functions/runtime/Clock.ts';
import { silentLogger, silentProgress } from '../../functions/runtime/Logger.ts';
import { generateSampleData } from '../../functions/sample-data/generateSampleData.ts';
import { DuckDbAthena, type AthenaExecution } from '../aws/e2e/DuckDbAthena.ts';
import { InMemoryS3 } from '../aws/e2e/InMemoryS3.ts';
import { leadsData, leadsDir } from './benchData.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, job: { type: 'string', default: 'customerSegments' } } });
const rows = Number(values.rows);
const JOB_NAMES = ['customerSegments', 'leadPriority'] as const;
const requestedJob = JOB_NAMES.find((name) => name === values.job);
if (requestedJob === undefined) throw new Error(`--job customerSegments|leadPriority, got ${values.job}`);
const jobName: (typeof JOB_NAMES)[number] = requestedJob;
const leadJob = jobName === 'leadPriority';
// The same cache as `npm run bench`, so the data is generated once. The lead job runs on the lead
// bench's data (--rows leads, ~10 activities each, and the orders they convert into).
const dataDir = leadJob ? leadsDir(rows) : path.join(ROOT, '.bench', `orders-${rows}`);
const work = path.join(ROOT, '.bench', `athena-run-${jobName}-${rows}`);
if (leadJob) await leadsData(rows);
else if (!existsSync(path.join(dataDir, 'truth.json'))) await generateSampleData({ outDir: dataDir, asOf: DEMO_AS_OF, orderRows: rows, leads: 0 });
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

/** The job's sources (as the deployment gives them to it) and their export files. */
const EXPORT_FILES: Partial<Record<SourceKind, string>> = leadJob
  ? { leads: 'leads.csv', leadActivities: 'lead_activities.csv', orders: 'orders.csv' }
  : { orders: 'orders.csv', customers: 'customers.csv' };
const KINDS = Object.keys(EXPORT_FILES) as SourceKind[];
const fileOf = (kind: SourceKind): string => EXPORT_FILES[kind] as string;
/** An export's header: its first line (the files are too large to read whole). */
function header(kind: SourceKind): string[] {
  const descriptor = openSync(path.join(dataDir, fileOf(kind)), 'r');
  try {
    const start = Buffer.alloc(4096);
    const read = readSync(descriptor, start, 0, start.length, 0);
    return (start.subarray(0, read).toString('utf8').split('\n')[0] ?? '').split(',');
  } finally {
    closeSync(descriptor);
  }
}
// The demo's mappings of the sample data, for the job's sources.
const demo = demoConfig();
const configInput: ConfigInput = {
  ...demo,
  sources: Object.fromEntries(KINDS.map((kind) => {
    const source = demo.sources[kind];
    if (!source) throw new Error(`the demo configuration maps no ${kind} source`);
    return [kind, { ...source, path: path.join(dataDir, fileOf(kind)) }];
  })) as ConfigInput['sources'],
  output: { dir: path.join(work, 'out'), sink: 'none' },
  aws: {
    sink: 'none',
    exports: Object.fromEntries(KINDS.map((kind) => [kind, { columns: header(kind), firstPartition: '2020-01-01' }])),
  },
};
const deployment = parseDeploymentConfig(configInput, 'athenaRunCost');
/** The Glue tables over the exports, as the stack defines them: key prefixes (the configuration's defaults) and table names. */
const tables = exportTables(deployment.config, deployment.aws);
const tableOf = (kind: SourceKind): ExportTable => tables.find((t) => t.source === kind) as ExportTable;

/** The exports as CSV and as Parquet, whole and in the columns the mapping uses. */
async function exportSizes() {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const sizes: Record<string, { csvBytes: number; parquetBytes: number; parquetUsedColumnBytes: number; usedColumns: number; columns: number }> = {};
  for (const kind of KINDS) {
    const csv = path.join(dataDir, fileOf(kind));
    const parquet = path.join(work, `${kind}.parquet`);
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    const source = deployment.config.sources[kind];
    const expressions = [...Object.values(source?.mapping ?? {}), ...(source?.filters ?? [])].join(' ');
    const used = header(kind).filter((column) => new RegExp(`\\b${column}\\b`).test(expressions));
    const list = used.map((c) => `'${c}'`).join(', ');
    const reader = await connection.runAndReadAll(`SELECT sum(total_compressed_size) AS b FROM parquet_metadata('${parquet}') WHERE path_in_schema IN (${list})`);
    sizes[kind] = {
      csvBytes: statSync(csv).size,
      parquetBytes: statSync(parquet).size,
      parquetUsedColumnBytes: Number(reader.getRowObjectsJson()[0]?.['b'] ?? 0),
      usedColumns: used.length,
      columns: header(kind).length,
    };
  }
  connection.closeSync();
  instance.closeSync();
  return sizes;
}

/** The run on the fakes; the fake Athena's executions, the wall time and the function's peak memory. */
async function runOnFakes() {
  const buckets = { EXPORTS_BUCKET: 'exports', RESULTS_BUCKET: 'results', ATHENA_RESULTS_BUCKET: 'athena-results', GOOGLE_KEY_SECRET_ARN: 'unused' };
  const s3 = new InMemoryS3([buckets.EXPORTS_BUCKET, buckets.RESULTS_BUCKET, buckets.ATHENA_RESULTS_BUCKET]);
  // S3's own page size and large chunks: the tiny defaults exercise paging and parsers in tests.
  for (const name of [buckets.EXPORTS_BUCKET, buckets.RESULTS_BUCKET, buckets.ATHENA_RESULTS_BUCKET]) {
    s3.bucket(name).pageSize = 1000;
    s3.bucket(name).chunkBytes = 1 << 20;
  }
  for (const kind of KINDS) s3.bucket(buckets.EXPORTS_BUCKET).putObject(`${tableOf(kind).prefix}dt=${DEMO_AS_OF}/${fileOf(kind)}`, readFileSync(path.join(dataDir, fileOf(kind))));
  const athena = await DuckDbAthena.start({
    exports: s3.bucket(buckets.EXPORTS_BUCKET),
    queryResults: s3.bucket(buckets.ATHENA_RESULTS_BUCKET),
    exportsDatabase: deployment.aws.athena.database,
    exportTables: tables,
    localRoot: path.join(work, 'athena'),
    meterRunTables: true,
    retainRows: false,
  });
  // The function's memory: the heap and buffers, less what the buckets hold (S3's on AWS),
  // sampled while no query runs (the fake's own work is Athena's on AWS).
  const held = () =>
    Object.values(buckets)
      .filter((name) => name !== 'unused')
      .reduce((sum, name) => sum + [...s3.bucket(name).objects.values()].reduce((total, o) => total + o.body.length, 0), 0);
  let peak = 0;
  const sample = () => {
    if (athena.busy) return;
    const memory = process.memoryUsage();
    peak = Math.max(peak, memory.heapUsed + memory.arrayBuffers - held());
  };
  const sampler = setInterval(sample, 20);
  const startedAt = performance.now();
  try {
    await runScheduledJob(
      { asOf: DEMO_AS_OF },
      { requestId: 'athena-run-cost', remainingTimeMs: () => 900_000 },
      {
        jobName,
        job: leadJob ? runLeadPriorityJob : runCustomerSegmentsJob,
        deployment,
        environment: buckets,
        athena: new AthenaClient({ region: 'us-east-1' }),
        s3: new S3Client({ region: 'us-east-1' }),
        createSink: async () => new NullSheetSink(),
        clock: systemClock,
        logger: { ...silentLogger, ...silentProgress },
        metrics: { addMetric: () => undefined },
        sleep: async () => undefined,
      },
    );
  } finally {
    clearInterval(sampler);
    sample();
  }
  const wallMs = performance.now() - startedAt;
  const executions = [...athena.executions];
  const bytesIn = (name: string) => [...s3.bucket(name).objects.values()].reduce((sum, o) => sum + o.body.length, 0);
  const storage = { resultsBytes: bytesIn(buckets.RESULTS_BUCKET), queryResultFileBytes: bytesIn(buckets.ATHENA_RESULTS_BUCKET) };
  const functionS3Requests = s3.requestCounts();
  await athena.close();
  s3.restore();
  return { executions, wallMs, peakBytes: peak, storage, functionS3Requests };
}

function billed(execution: AthenaExecution, scanned = execution.dataScannedBytes): number {
  return billedBytes({ state: 'SUCCEEDED', statementType: execution.statementType, substatementType: execution.substatementType, dataScannedBytes: scanned });
}

const exportsBySize = await exportSizes();
const run = await runOnFakes();
const failed = run.executions.filter((e) => e.state !== 'SUCCEEDED');
if (failed.length > 0) throw new Error(`queries failed on the fake Athena: ${failed.map((e) => e.reason).join('; ')}`);
const reading = run.executions.filter((e) => billed(e) > 0);
const snapshotOf = (e: AthenaExecution) => KINDS.find((kind) => new RegExp(`\\.${tableOf(kind).tableName}\\b`).test(e.sql));
// With Parquet exports the two snapshot queries read the Parquet files (every column: the snapshot copies them all).
const withParquet = (e: AthenaExecution) => {
  const kind = snapshotOf(e);
  const sizes = kind ? exportsBySize[kind] : undefined;
  return sizes ? e.dataScannedBytes - sizes.csvBytes + sizes.parquetBytes : e.dataScannedBytes;
};
const csvBilled = reading.reduce((sum, e) => sum + billed(e), 0);
const parquetBilled = reading.reduce((sum, e) => sum + billed(e, withParquet(e)), 0);
const athenaMs = run.executions.reduce((sum, e) => sum + e.durationMs, 0);
const figures = {
  measuredAt: new Date().toISOString(),
  job: jobName,
  rows,
  exports: exportsBySize,
  queries: run.executions.length,
  dataReadingQueries: reading.length,
  perQuery: reading.map((e) => ({ statement: e.substatementType, scannedBytes: e.dataScannedBytes, billedBytes: billed(e) })),
  scannedBytes: reading.reduce((sum, e) => sum + e.dataScannedBytes, 0),
  billedBytesCsvExports: csvBilled,
  costUsdCsvExports: estimateAthenaCostUsd(csvBilled),
  billedBytesParquetExports: parquetBilled,
  costUsdParquetExports: estimateAthenaCostUsd(parquetBilled),
  functionWallMsOutsideQueries: Math.round(run.wallMs - athenaMs),
  functionPeakHeapBytes: run.peakBytes,
  functionS3Requests: run.functionS3Requests,
  /** What one run leaves in the results bucket (kept), and in the Athena results bucket (expires): result files and CTAS tables. */
  storage: { ...run.storage, ctasTableBytes: run.executions.reduce((sum, e) => sum + (e.writtenBytes ?? 0), 0) },
};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(`${jobName}: ${rows.toLocaleString('en-US')} ${leadJob ? 'leads' : 'order rows'} (sample data in ${path.relative(ROOT, dataDir)})`);
for (const kind of KINDS) {
  const s = exportsBySize[kind];
  if (s) console.log(`${kind.padEnd(14)} CSV ${mb(s.csvBytes).padEnd(10)} Parquet ${mb(s.parquetBytes).padEnd(10)} (${s.usedColumns} of ${s.columns} columns used: ${mb(s.parquetUsedColumnBytes)})`);
}
console.log(`queries: ${figures.queries}, reading data: ${figures.dataReadingQueries}`);
for (const q of figures.perQuery) console.log(`  ${String(q.statement).padEnd(24)} scans ${mb(q.scannedBytes).padStart(10)}  billed ${mb(q.billedBytes).padStart(10)}`);
console.log(`per run, CSV exports:     billed ${mb(csvBilled)}  $${figures.costUsdCsvExports.toFixed(5)}`);
console.log(`per run, Parquet exports: billed ${mb(parquetBilled)}  $${figures.costUsdParquetExports.toFixed(5)}`);
console.log(`function: ${(figures.functionWallMsOutsideQueries / 1000).toFixed(1)} s outside the queries, peak heap + buffers ${mb(figures.functionPeakHeapBytes)}`);
console.log(`function's S3 requests: ${Object.entries(figures.functionS3Requests).map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`).join(', ')}`);
console.log(
  `stored per run: results ${mb(figures.storage.resultsBytes)}; Athena results bucket: query result files ${mb(figures.storage.queryResultFileBytes)}, CTAS tables ${mb(figures.storage.ctasTableBytes)}`,
);
mkdirSync(path.join(ROOT, 'test/bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, `test/bench/results/athenaRunCost-${leadJob ? 'leadPriority-' : ''}${rows}.json`), `${JSON.stringify(figures, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
