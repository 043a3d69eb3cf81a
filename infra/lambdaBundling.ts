import type { BuildOptions } from 'esbuild';
import path from 'node:path';
import type { JobName } from '../functions/config/awsConfig.ts';
import type { DeploymentConfig } from '../functions/lambda/deploymentConfig.ts';

/**
 * How every job function is bundled, shared by the stack (NodejsFunction) and the bundle
 * benchmark (test/bench/lambdaBundles.ts), so the figures measured are the figures deployed.
 */

/** Handler entry of each job, relative to the project root. */
export const LAMBDA_ENTRIES: Readonly<Record<JobName, string>> = {
  customerSegments: 'functions/lambda/customerSegmentsHandler.ts',
  leadPriority: 'functions/lambda/leadPriorityHandler.ts',
};

/** esbuild target matching the `nodejs24.x` runtime. */
export const LAMBDA_ESBUILD_TARGET = 'node24';

/** Prefer packages' ES module builds, which tree-shake better. */
export const LAMBDA_MAIN_FIELDS: readonly string[] = ['module', 'main'];

/**
 * Left out of `index.js`: nothing. The AWS SDK clients the job uses are bundled, tree-shaken from
 * their ES module builds (about 0.45 MB). Loading the runtime's own `@aws-sdk/*` packages instead
 * (NodejsFunction's default) means compiling their complete CommonJS builds, some 1.2 MB over three
 * dozen files each found through node_modules. test/bench/lambdaBundles.ts measures both ways on
 * every run: bundled, init took 35-45 ms less and the first invocation about 15 ms more (its SDK
 * code is compiled when first called), some 25 ms less in all.
 */
export const LAMBDA_EXTERNAL_MODULES: readonly string[] = [];

/** The AWS SDK v3 as the Lambda runtime provides it. */
export const RUNTIME_AWS_SDK: readonly string[] = ['@aws-sdk/*'];

/**
 * The Google Sheets sink of a function that publishes to Sheets, bundled as a file of its own
 * beside `index.js` ({@link SHEETS_SINK_FILE}), which the handler imports on the first run that
 * publishes: the Google client libraries and their dependencies (about 0.5 MB) are then neither
 * in the file every cold start compiles nor, with `aws.sink: "none"`, in the function at all.
 */
export const SHEETS_SINK_ENTRY = 'functions/lambda/lambdaSheetsSink.ts';
export const SHEETS_SINK_FILE = 'sheets-sink.js';
/**
 * Left out of the Sheets sink file: the AWS SDK. The handler passes the sink its own Secrets
 * Manager client (functions/lambda/lambdaSecretsManager.ts), so the file never loads an SDK; the
 * publishing code's fallback import of the SDK, for callers that pass none, stays an import of
 * the runtime's, never made.
 */
export const SHEETS_SINK_EXTERNAL_MODULES: readonly string[] = RUNTIME_AWS_SDK;

/**
 * Licence comments go to `index.js.LEGAL.txt` beside the bundle: kept in the deployed asset,
 * not in the code the runtime parses at every cold start (40 kB of the customer bundle).
 */
export const LAMBDA_LEGAL_COMMENTS = 'external';

/**
 * The bundle is CommonJS (`index.js`), which the Node.js runtime loads with `require`. Measured
 * when the bundle still took the whole AWS SDK from the runtime, CommonJS initialised faster than
 * an ES module bundle (`index.mjs`), whose imports of the runtime's CommonJS SDK go through Node's
 * ESM loader (it scans each SDK entry file for its export names and resolves every nested
 * `require` through the ESM resolver): a median 144 against 157 ms on the quiet 2-core reference
 * machine, 167 against 248 ms on a busy one. Now that nothing the handler runs comes from the
 * runtime's SDK, that reason is gone, but nothing speaks for ESM either: the job code uses no
 * top-level await, the one thing ESM output would be needed for.
 */
export const LAMBDA_OUTPUT_FORMAT = 'cjs';

/** File name of the bundled handler (`index.handler`): `.js` without `"type": "module"` is CommonJS. */
export const LAMBDA_BUNDLE_FILE = 'index.js';

/**
 * `import.meta.url` does not exist in CommonJS; the banner defines the bundle file's URL under this
 * name and {@link lambdaDefine} points `import.meta.url` at it, so code that resolves files beside
 * itself (the SQL catalogue's fallback) keeps working and esbuild has nothing to warn about.
 */
const IMPORT_META_URL = '__segmentSheetsImportMetaUrl';
/**
 * Starts the bundle. It opens with `"use strict"` because the banner comes before esbuild's own
 * directive, which would then no longer count: the code was written as (always strict) ES modules.
 */
export const LAMBDA_BANNER = `"use strict"; const ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;`;

/** Folder, inside the bundle, the `sql/` files are copied to; `/var/task` is the bundle root on Lambda. */
export const SQL_FOLDER_IN_BUNDLE = 'sql';
export const SQL_DIR_ON_LAMBDA = `/var/task/${SQL_FOLDER_IN_BUNDLE}`;

/**
 * esbuild `define`s that carry the configuration into the bundle: the deployment configuration as
 * `parseDeploymentConfig` returned it at synth (validated, defaults applied), which the handler
 * reads from `process.env.SEGMENT_SHEETS_DEPLOYMENT` without validating it again; its sink, a
 * constant that lets esbuild drop the Google Sheets code from a bundle built for no sink; and the
 * file the Sheets sink is in ({@link SHEETS_SINK_FILE}). functions/lambda/bundledDeployment.ts and
 * createJobHandler.ts say how they are read.
 *
 * @example
 * ```ts
 * new NodejsFunction(this, 'Fn', { bundling: { define: deploymentDefine(parseDeploymentConfig(input, 'config.json')) } });
 * ```
 */
export function deploymentDefine(deployment: DeploymentConfig): Record<string, string> {
  return {
    'process.env.SEGMENT_SHEETS_DEPLOYMENT': JSON.stringify(JSON.stringify(deployment)),
    'process.env.SEGMENT_SHEETS_SINK': JSON.stringify(deployment.aws.sink),
    'process.env.SEGMENT_SHEETS_SINK_MODULE': JSON.stringify(`./${SHEETS_SINK_FILE}`),
  };
}

/**
 * Every esbuild `define` of a job bundle: the configuration ({@link deploymentDefine}) and
 * `import.meta.url` for CommonJS output ({@link LAMBDA_BANNER}).
 *
 * @example
 * ```ts
 * new NodejsFunction(this, 'Fn', { bundling: { format: OutputFormat.CJS, banner: LAMBDA_BANNER, define: lambdaDefine(deployment) } });
 * ```
 */
export function lambdaDefine(deployment: DeploymentConfig): Record<string, string> {
  return { ...deploymentDefine(deployment), 'import.meta.url': IMPORT_META_URL };
}

/**
 * The esbuild options of a job's `index.js`: what the stack's NodejsFunction passes esbuild (see
 * infra/constructs/JobFunction.ts, which sets the same constants), for the benchmark and the
 * tests that build bundles without synthesising the stack. `externalModules` overrides
 * {@link LAMBDA_EXTERNAL_MODULES}, to measure the other choice.
 *
 * @example
 * ```ts
 * await esbuild.build(lambdaBuildOptions({ entry: 'functions/lambda/customerSegmentsHandler.ts', outfile: 'out/index.js', deployment }));
 * ```
 */
export function lambdaBuildOptions(bundle: {
  readonly entry: string;
  readonly outfile: string;
  readonly deployment: DeploymentConfig;
  readonly externalModules?: readonly string[];
}): BuildOptions {
  return {
    ...commonBuildOptions(bundle.entry, bundle.outfile),
    external: [...(bundle.externalModules ?? LAMBDA_EXTERNAL_MODULES)],
    define: lambdaDefine(bundle.deployment),
  };
}

/**
 * The shell command NodejsFunction's `afterBundling` hook runs to build the Sheets sink file beside
 * `index.js`: infra/bundleSheetsSink.ts, with the Node.js that runs the synth (bundling is local,
 * with the project's esbuild).
 *
 * @example
 * ```ts
 * commandHooks: { afterBundling: (inputDir, outputDir) => [sheetsSinkBundlingCommand(inputDir, outputDir)], … }
 * ```
 */
export function sheetsSinkBundlingCommand(projectRoot: string, outputDir: string): string {
  return [process.execPath, path.join(projectRoot, 'infra', 'bundleSheetsSink.ts'), projectRoot, outputDir].map(shellQuoted).join(' ');
}

function shellQuoted(argument: string): string {
  return `'${argument.replaceAll("'", "'\\''")}'`;
}

/**
 * The esbuild options of the Sheets sink file ({@link SHEETS_SINK_ENTRY}), which the stack builds
 * after NodejsFunction's own bundling (infra/bundleSheetsSink.ts), as the benchmark and the tests do.
 *
 * @example
 * ```ts
 * await esbuild.build(sheetsSinkBuildOptions('/work/segment-sheets', 'out/sheets-sink.js'));
 * ```
 */
export function sheetsSinkBuildOptions(projectRoot: string, outfile: string): BuildOptions {
  return {
    ...commonBuildOptions(path.join(projectRoot, SHEETS_SINK_ENTRY), outfile),
    external: [...SHEETS_SINK_EXTERNAL_MODULES],
    define: { 'import.meta.url': IMPORT_META_URL },
  };
}

function commonBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: LAMBDA_OUTPUT_FORMAT,
    target: LAMBDA_ESBUILD_TARGET,
    minify: true,
    mainFields: [...LAMBDA_MAIN_FIELDS],
    legalComments: LAMBDA_LEGAL_COMMENTS,
    banner: { js: LAMBDA_BANNER },
    logLevel: 'silent',
  };
}
