/**
 * Bundles each job's Lambda entry the way the stack's NodejsFunction does (lambdaBuildOptions:
 * one minified CommonJS file for node24, the validated configuration inlined, the SQL copied, and
 * for a function that publishes to Sheets the Sheets sink file beside it), for each sink a
 * deployment can have (what the bundle holds depends on it), and measures per bundle:
 * - its size (`index.js`, and the sink file), and the size with the AWS SDK the other way
 *   (bundled / from the runtime);
 * - its cold module-initialisation time: loading the bundle in a fresh Node process the way the
 *   Lambda runtime loads `index.js` (with `require`), the part of a Lambda cold start the code
 *   controls. Median of several runs, alternating with the bundle built the other way, so both
 *   are measured in the same conditions;
 * - in the same processes, the first and the second invocation of the handler, each up to the
 *   job's first Athena query (against a local fake S3 serving the configured CSV exports' headers,
 *   and an Athena that refuses queries): what the bundle leaves to the first invocation shows as
 *   the difference.
 * Targets: under 1 MB and under 150 ms init (median wall time) each. Writes
 * test/bench/results/lambdaBundles.json.
 *
 *   export PATH=$PWD/node_modules/.bin:$PATH
 *   node test/bench/lambdaBundles.ts                  # 7 runs each, infra/example.config.json
 *   node test/bench/lambdaBundles.ts --runs 15 --config my.config.json
 */
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { AwsConfig, JobName } from '../../functions/config/awsConfig.ts';
import { parseDeploymentConfig, type DeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import { jobSlug } from '../../functions/lambda/jobIdentity.ts';
import { googleSheetsConfigSchema } from '../../functions/publishing/google-sheets/googleSheetsConfigSchema.ts';
import {
  LAMBDA_BUNDLE_FILE,
  LAMBDA_ENTRIES,
  LAMBDA_ESBUILD_TARGET,
  LAMBDA_OUTPUT_FORMAT,
  LAMBDA_EXTERNAL_MODULES,
  lambdaBuildOptions,
  RUNTIME_AWS_SDK,
  SHEETS_SINK_FILE,
  sheetsSinkBuildOptions,
  SQL_FOLDER_IN_BUNDLE,
} from '../../infra/lambdaBundling.ts';
import { makeServiceAccount } from '../google-sheets/support/testServiceAccount.ts';
import { startFakeAwsEndpoint, type FakeAwsEndpoint } from './support/fakeAwsEndpoint.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Inside the project, so a bundle's external @aws-sdk imports resolve from node_modules as they
// resolve from the runtime on Lambda.
const OUT = path.join(ROOT, '.bench', 'lambda');
const MAX_BYTES = 1_000_000;
const MAX_INIT_MS = 150;
const SINKS: readonly AwsConfig['sink'][] = ['none', 'sheets'];
const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    config: { type: 'string', default: 'infra/example.config.json' },
  },
});
const runs = Math.max(1, Number(values.runs));
// Validated as the stack does at synth: the bundle carries the result.
const deployment = parseDeploymentConfig(JSON.parse(readFileSync(path.resolve(ROOT, values.config), 'utf8')), values.config);

/** What one fresh process measured. */
interface ColdRun {
  /** Loading the bundle: wall-clock time, and the CPU time (user + system) the process spent on it. */
  readonly initMs: number;
  readonly initCpuMs: number;
  /** The first and the second invocation, each up to the job's first Athena query. */
  readonly firstInvocationMs: number;
  readonly secondInvocationMs: number;
}

interface Variant {
  readonly awsSdk: 'bundled' | 'runtime';
  readonly file: string;
  readonly bytes: number;
  readonly runs: ColdRun[];
}

interface BundleFigure {
  job: string;
  sink: AwsConfig['sink'];
  awsSdk?: Variant['awsSdk'];
  bytes?: number;
  gzipBytes?: number;
  /** The Sheets sink file beside index.js, loaded by the first invocation of a function that publishes. */
  sheetsSinkBytes?: number;
  initMsMedian?: number;
  initMsMin?: number;
  initMsMax?: number;
  initCpuMsMedian?: number;
  firstInvocationMsMedian?: number;
  secondInvocationMsMedian?: number;
  /** The same code with the AWS SDK the other way, measured in alternation with the deployed bundle. */
  otherWay?: { awsSdk: Variant['awsSdk']; bytes: number; initMsMedian: number; initMsMin: number; initCpuMsMedian: number; firstInvocationMsMedian: number };
  withinTargets?: boolean;
  error?: string;
}

/**
 * Loads the bundle in a fresh process as the Lambda runtime loads `index.js` from a folder with no
 * `"type": "module"` package.json (with `require`), times that, then invokes the handler twice
 * (two schedule times) against the fake endpoint. Powertools logs to stdout; the figures come on
 * the last line.
 */
async function coldRun(file: string, endpoint: FakeAwsEndpoint): Promise<ColdRun> {
  const script =
    `const { createRequire } = await import('node:module'); const load = createRequire(import.meta.url); ` +
    `const c = process.cpuUsage(); const t = performance.now(); const { handler } = load(${JSON.stringify(file)}); ` +
    `const initMs = performance.now() - t; const cpu = process.cpuUsage(c); ` +
    `const invoke = async (id, scheduledTime) => { const s = performance.now(); ` +
    `await handler({ scheduledTime }, { awsRequestId: id, functionName: 'bench', getRemainingTimeInMillis: () => 900000 }).catch(() => undefined); ` +
    `return performance.now() - s; }; ` +
    `const firstInvocationMs = await invoke('bench-1', '2024-05-06T04:00:00Z'); const secondInvocationMs = await invoke('bench-2', '2024-05-13T04:00:00Z'); ` +
    `process.stdout.write('\\n' + JSON.stringify({ initMs, initCpuMs: (cpu.user + cpu.system) / 1000, firstInvocationMs, secondInvocationMs }) + '\\n');`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.dirname(file),
    maxBuffer: 16 * 1024 * 1024,
    env: {
      PATH: process.env['PATH'] ?? '',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_ENDPOINT_URL_S3: endpoint.url,
      AWS_ENDPOINT_URL_ATHENA: endpoint.url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint.url,
      EXPORTS_BUCKET: 'bench-exports',
      RESULTS_BUCKET: 'bench-results',
      ATHENA_RESULTS_BUCKET: 'bench-athena-results',
      GOOGLE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:bench',
    },
  });
  const lines = stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as ColdRun;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

async function bundle(job: JobName, forSink: DeploymentConfig, dir: string, name: string, awsSdk: Variant['awsSdk']): Promise<Variant> {
  const file = path.join(dir, name);
  await build(
    lambdaBuildOptions({
      entry: path.join(ROOT, LAMBDA_ENTRIES[job]),
      outfile: file,
      deployment: forSink,
      externalModules: awsSdk === 'runtime' ? RUNTIME_AWS_SDK : [],
    }),
  );
  return { awsSdk, file, bytes: statSync(file).size, runs: [] };
}

/**
 * The configuration as it would be deployed with `sink`. Publishing to Sheets needs a `sinks.sheets`
 * section: when the configuration has none, a placeholder spreadsheet (the benchmark never reaches
 * the publishing step).
 */
function withSink(sink: AwsConfig['sink']): DeploymentConfig {
  if (sink === 'none') return { config: deployment.config, aws: { ...deployment.aws, sink } };
  const sheets = deployment.config.sinks.sheets ?? googleSheetsConfigSchema.parse({ spreadsheetId: 'BenchSpreadsheet0123456789' });
  return { config: { ...deployment.config, sinks: { ...deployment.config.sinks, sheets } }, aws: { ...deployment.aws, sink } };
}

async function bundleSheetsSink(dir: string): Promise<number> {
  const file = path.join(dir, SHEETS_SINK_FILE);
  await build(sheetsSinkBuildOptions(ROOT, file));
  return statSync(file).size;
}

async function measure(job: JobName, sink: AwsConfig['sink'], endpoint: FakeAwsEndpoint): Promise<BundleFigure> {
  const slug = jobSlug(job);
  const dir = path.join(OUT, `${slug}-${sink}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The project's package.json says "type": "module"; /var/task has no package.json, so there a
  // `.js` file is CommonJS. This one says so for the folder.
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  cpSync(path.join(ROOT, 'sql'), path.join(dir, SQL_FOLDER_IN_BUNDLE), { recursive: true });
  const forSink = withSink(sink);
  const deployedSdk = LAMBDA_EXTERNAL_MODULES.length === 0 ? 'bundled' : 'runtime';
  try {
    // Beside index.js, as the stack builds it for a function that publishes to Sheets.
    const sheetsSinkBytes = sink === 'sheets' ? await bundleSheetsSink(dir) : undefined;
    const deployed = await bundle(job, forSink, dir, LAMBDA_BUNDLE_FILE, deployedSdk);
    const other = await bundle(job, forSink, dir, 'other-sdk.js', deployedSdk === 'bundled' ? 'runtime' : 'bundled');
    // Warms the file system cache, as on a Lambda host.
    for (const variant of [deployed, other]) await coldRun(variant.file, endpoint);
    for (let i = 0; i < runs; i++) for (const variant of [deployed, other]) variant.runs.push(await coldRun(variant.file, endpoint));
    const init = deployed.runs.map((r) => r.initMs);
    const stat = (variant: Variant, key: keyof ColdRun) => round(median(variant.runs.map((r) => r[key])));
    return {
      job: slug,
      sink,
      awsSdk: deployed.awsSdk,
      bytes: deployed.bytes,
      gzipBytes: gzipSync(readFileSync(deployed.file)).length,
      sheetsSinkBytes,
      initMsMedian: stat(deployed, 'initMs'),
      initMsMin: round(Math.min(...init)),
      initMsMax: round(Math.max(...init)),
      initCpuMsMedian: stat(deployed, 'initCpuMs'),
      firstInvocationMsMedian: stat(deployed, 'firstInvocationMs'),
      secondInvocationMsMedian: stat(deployed, 'secondInvocationMs'),
      otherWay: {
        awsSdk: other.awsSdk,
        bytes: other.bytes,
        initMsMedian: stat(other, 'initMs'),
        initMsMin: round(Math.min(...other.runs.map((r) => r.initMs))),
        initCpuMsMedian: stat(other, 'initCpuMs'),
        firstInvocationMsMedian: stat(other, 'firstInvocationMs'),
      },
      withinTargets: deployed.bytes < MAX_BYTES && median(init) < MAX_INIT_MS,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { job: slug, sink, error: message.split('\n').slice(0, 3).join(' ') };
  }
}

/** Each configured export's CSV header, as the fake S3 serves it (a Parquet export would fail to read, before Athena). */
function exportHeaders(aws: AwsConfig): Map<string, string> {
  const exports = Object.values(aws.exports).filter((table) => table !== undefined);
  return new Map(exports.map((table) => [table.prefix, `${table.columns.map((c) => (typeof c === 'string' ? c : c.name)).join(',')}\n`]));
}

const endpoint = await startFakeAwsEndpoint({ exportFiles: exportHeaders(deployment.aws), secretString: JSON.stringify(makeServiceAccount().key) });
const figures: BundleFigure[] = [];
try {
  for (const job of Object.keys(LAMBDA_ENTRIES) as JobName[]) for (const sink of SINKS) figures.push(await measure(job, sink, endpoint));
} finally {
  await endpoint.close();
}

const kb = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1000).toFixed(1)} kB`);
const ms = (value: number | undefined) => (value === undefined ? '-' : `${value} ms`);
console.log(
  `Lambda bundles (esbuild ${LAMBDA_ESBUILD_TARGET}, minified ${LAMBDA_OUTPUT_FORMAT.toUpperCase()}, ${values.config}); ${runs} fresh processes each on ${process.version}, ` +
    'alternating with the AWS SDK the other way',
);
console.log(`load average while measuring: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores (wall times grow with it; CPU time less)`);
console.log('bundle = index.js, what a cold start loads (+ the Sheets sink file beside it, loaded by the first invocation of a function that publishes)');
console.log('init = loading index.js (median wall, min-max; median CPU); 1st / 2nd = the first and second invocation up to the first Athena query (median wall)');
console.log('job                 sink    AWS SDK   bundle (+ sink file)   gzip      init wall            init CPU   1st / 2nd call      | SDK other way: bundle, init wall (min), CPU, 1st call | targets <1 MB, <150 ms');
for (const f of figures) {
  const head = `${f.job.padEnd(20)}${f.sink.padEnd(8)}`;
  if (f.error || !f.otherWay) {
    console.log(`${head}not measurable: ${f.error}`);
    continue;
  }
  const o = f.otherWay;
  const bundle = `${kb(f.bytes)}${f.sheetsSinkBytes === undefined ? '' : ` (+${kb(f.sheetsSinkBytes)})`}`;
  console.log(
    `${head}${(f.awsSdk ?? '').padEnd(10)}${bundle.padEnd(23)}${kb(f.gzipBytes).padEnd(10)}` +
      `${`${f.initMsMedian} (${f.initMsMin}-${f.initMsMax})`.padEnd(21)}${ms(f.initCpuMsMedian).padEnd(11)}` +
      `${`${f.firstInvocationMsMedian} / ${ms(f.secondInvocationMsMedian)}`.padEnd(20)}| ${o.awsSdk}: ${kb(o.bytes)}, ${o.initMsMedian} (${o.initMsMin}), ${ms(o.initCpuMsMedian)}, ${ms(o.firstInvocationMsMedian)} | ` +
      `${f.withinTargets ? 'met' : 'MISSED'}`,
  );
}
mkdirSync(path.join(ROOT, 'test/bench/results'), { recursive: true });
writeFileSync(
  path.join(ROOT, 'test/bench/results/lambdaBundles.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, runs, loadAverage: os.loadavg(), config: values.config, figures }, null, 2)}\n`,
);
if (figures.some((f) => f.error || !f.withinTargets)) process.exitCode = 1;
