/**
 * Bundles each job's Lambda entry the way the stack's NodejsFunction does (esbuild: one minified
 * CommonJS file for node24, AWS SDK v3 left to the runtime, the configuration inlined, the SQL
 * copied) and measures, per bundle:
 * - its size (and, for comparison, the size with the AWS SDK bundled too);
 * - its cold module-initialisation time: loading the bundle in a fresh Node process the way the
 *   Lambda runtime loads `index.js` (with `require`), the part of a Lambda cold start the code
 *   controls (median of several runs).
 * Targets: under 1 MB and under 150 ms each. Writes test/bench/results/lambdaBundles.json.
 *
 *   export PATH=$PWD/node_modules/.bin:$PATH
 *   node test/bench/lambdaBundles.ts                  # 7 runs each, infra/example.config.json
 *   node test/bench/lambdaBundles.ts --runs 15 --config my.config.json
 */
import { build, type BuildOptions } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { JobName } from '../../functions/config/awsConfig.ts';
import { jobSlug } from '../../functions/lambda/jobIdentity.ts';
import {
  LAMBDA_BANNER,
  LAMBDA_BUNDLE_FILE,
  LAMBDA_ENTRIES,
  LAMBDA_ESBUILD_TARGET,
  LAMBDA_EXTERNAL_MODULES,
  LAMBDA_MAIN_FIELDS,
  LAMBDA_OUTPUT_FORMAT,
  lambdaDefine,
  SQL_FOLDER_IN_BUNDLE,
} from '../../infra/lambdaBundling.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Inside the project, so the bundle's external @aws-sdk imports resolve from node_modules as they
// resolve from the runtime on Lambda.
const OUT = path.join(ROOT, '.bench', 'lambda');
const MAX_BYTES = 1_000_000;
const MAX_INIT_MS = 150;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    config: { type: 'string', default: 'infra/example.config.json' },
  },
});
const runs = Math.max(1, Number(values.runs));
const configInput = JSON.parse(readFileSync(path.resolve(ROOT, values.config), 'utf8')) as unknown;

interface BundleFigure {
  job: string;
  bytes?: number;
  gzipBytes?: number;
  bytesWithSdk?: number;
  initMsMedian?: number;
  initMsMin?: number;
  initMsMax?: number;
  initCpuMsMedian?: number;
  withinTargets?: boolean;
  error?: string;
}

function esbuildOptions(entry: string, outfile: string, bundleSdk: boolean): BuildOptions {
  return {
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: LAMBDA_OUTPUT_FORMAT,
    target: LAMBDA_ESBUILD_TARGET,
    minify: true,
    mainFields: [...LAMBDA_MAIN_FIELDS],
    external: bundleSdk ? [] : [...LAMBDA_EXTERNAL_MODULES],
    banner: { js: LAMBDA_BANNER },
    define: lambdaDefine(configInput),
    logLevel: 'silent',
  };
}

interface ImportTime {
  /** Wall-clock time of the import. */
  readonly wallMs: number;
  /** CPU time (user + system) the process spent on it: barely affected by other load on the machine. */
  readonly cpuMs: number;
}

/**
 * Loads the bundle in a fresh process as the Lambda runtime loads `index.js` from a folder with no
 * `"type": "module"` package.json (with `require`), and returns how long that took.
 */
function coldImport(file: string): ImportTime {
  const script =
    `const { createRequire } = await import('node:module'); const load = createRequire(import.meta.url); ` +
    `const c = process.cpuUsage(); const t = performance.now(); load(${JSON.stringify(file)}); ` +
    `const wall = performance.now() - t; const cpu = process.cpuUsage(c); ` +
    `process.stdout.write(JSON.stringify({ wallMs: wall, cpuMs: (cpu.user + cpu.system) / 1000 }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.dirname(file),
    env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'us-east-1' },
    encoding: 'utf8',
  });
  return JSON.parse(output) as ImportTime;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(job: JobName): Promise<BundleFigure> {
  const slug = jobSlug(job);
  const dir = path.join(OUT, slug);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, LAMBDA_BUNDLE_FILE);
  // The project's package.json says "type": "module"; /var/task has no package.json, so there a
  // `.js` file is CommonJS. This one says so for the folder.
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  try {
    await build(esbuildOptions(LAMBDA_ENTRIES[job], outfile, false));
    cpSync(path.join(ROOT, 'sql'), path.join(dir, SQL_FOLDER_IN_BUNDLE), { recursive: true });
    const withSdk = path.join(dir, 'with-sdk.js');
    await build(esbuildOptions(LAMBDA_ENTRIES[job], withSdk, true));
    const bytesWithSdk = statSync(withSdk).size;
    rmSync(withSdk);
    const bytes = statSync(outfile).size;
    coldImport(outfile); // warms the file system cache, as on a Lambda host
    const times = Array.from({ length: runs }, () => coldImport(outfile));
    const wall = times.map((t) => t.wallMs);
    const cpu = median(times.map((t) => t.cpuMs));
    return {
      job: slug,
      bytes,
      gzipBytes: gzipSync(readFileSync(outfile)).length,
      bytesWithSdk,
      initMsMedian: round(median(wall)),
      initMsMin: round(Math.min(...wall)),
      initMsMax: round(Math.max(...wall)),
      initCpuMsMedian: round(cpu),
      withinTargets: bytes < MAX_BYTES && median(wall) < MAX_INIT_MS,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { job: slug, error: message.split('\n').slice(0, 3).join(' ') };
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

const figures: BundleFigure[] = [];
for (const job of Object.keys(LAMBDA_ENTRIES) as JobName[]) figures.push(await measure(job));

const kb = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1000).toFixed(1)} kB`);
console.log(`Lambda bundles (esbuild ${LAMBDA_ESBUILD_TARGET}, minified ${LAMBDA_OUTPUT_FORMAT.toUpperCase()}, AWS SDK from the runtime); init = ${runs} fresh-process loads on ${process.version}`);
console.log(`load average while measuring: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores (wall times grow with it; CPU time hardly)`);
console.log('job                 bundle      gzip       with SDK    init wall median (min-max)   init CPU median   targets <1 MB, <150 ms wall');
for (const f of figures) {
  if (f.error) {
    console.log(`${f.job.padEnd(20)}not measurable: ${f.error}`);
    continue;
  }
  console.log(
    `${f.job.padEnd(20)}${kb(f.bytes).padEnd(12)}${kb(f.gzipBytes).padEnd(11)}${kb(f.bytesWithSdk).padEnd(12)}` +
      `${`${f.initMsMedian} ms (${f.initMsMin}-${f.initMsMax})`.padEnd(29)}${`${f.initCpuMsMedian} ms`.padEnd(18)}${f.withinTargets ? 'met' : 'MISSED'}`,
  );
}
mkdirSync(path.join(ROOT, 'test/bench/results'), { recursive: true });
writeFileSync(
  path.join(ROOT, 'test/bench/results/lambdaBundles.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, runs, loadAverage: os.loadavg(), config: values.config, figures }, null, 2)}\n`,
);
if (figures.some((f) => f.error || !f.withinTargets)) process.exitCode = 1;
