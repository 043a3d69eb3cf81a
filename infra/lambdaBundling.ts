import type { BuildOptions } from 'esbuild';
import type { AwsConfig, JobName } from '../functions/config/awsConfig.ts';
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
 * Modules left out of a bundle, by the sink the function publishes to.
 *
 * - `"none"`: nothing. The AWS SDK clients the job uses are bundled, tree-shaken from their ES
 *   module builds: about 0.45 MB. Loading the runtime's own `@aws-sdk/*` packages instead
 *   (NodejsFunction's default) means compiling their complete CommonJS builds, some 1.2 MB over
 *   three dozen files, each found through node_modules, and took about 45 ms more CPU per cold
 *   start in test/bench/lambdaBundles.ts, which measures both ways on every run.
 * - `"sheets"`: the AWS SDK v3 (`@aws-sdk/*`), which the Node.js 24 runtime provides. The Google
 *   client libraries the bundle then carries (about 0.5 MB) and a bundled SDK would take it to
 *   1.27 MB, past the 1 MB target; with the runtime's SDK it is 0.79 MB and still starts within
 *   the 150 ms one.
 *
 * @example
 * ```ts
 * new NodejsFunction(this, 'Fn', { bundling: { externalModules: [...lambdaExternalModules(aws.sink)] } });
 * ```
 */
export function lambdaExternalModules(sink: AwsConfig['sink']): readonly string[] {
  return sink === 'sheets' ? RUNTIME_AWS_SDK : [];
}

/** The AWS SDK v3 as the Lambda runtime provides it. */
export const RUNTIME_AWS_SDK: readonly string[] = ['@aws-sdk/*'];

/**
 * Licence comments go to `index.js.LEGAL.txt` beside the bundle: kept in the deployed asset,
 * not in the code the runtime parses at every cold start (40 kB of the customer bundle).
 */
export const LAMBDA_LEGAL_COMMENTS = 'external';

/**
 * The bundle is CommonJS (`index.js`), which the Node.js runtime loads with `require`. Loaded
 * that way, the runtime's AWS SDK, when left out ({@link lambdaExternalModules}; itself
 * CommonJS), is `require`d as well. From an ES module bundle (`index.mjs`) Node imports the SDK
 * through its ESM loader instead: it scans each SDK entry file for its export names and resolves every nested `require` of the SDK's few hundred
 * files through the ESM resolver. The same customer-segments code, loaded in alternating fresh
 * processes on the 2-core reference machine, initialised in a median 157 ms as ESM and 144 ms as
 * CommonJS when the machine was quiet, and 248 ms against 167 ms when it was busy (the ESM
 * loader's extra file lookups suffer most from contention). test/bench/lambdaBundles.ts measures
 * the deployed form. The job code uses no top-level await, the one thing ESM output would be
 * needed for.
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
 * reads from `process.env.SEGMENT_SHEETS_DEPLOYMENT` without validating it again, and its sink,
 * a constant that lets esbuild drop the Google Sheets code from a bundle built for no sink
 * (functions/lambda/bundledDeployment.ts and createJobHandler.ts say how).
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
 * The esbuild options of a job's bundle: what the stack's NodejsFunction passes esbuild (see
 * infra/constructs/JobFunction.ts, which sets the same constants), for the benchmark and the
 * tests that build bundles without synthesising the stack. `externalModules` overrides
 * {@link lambdaExternalModules}, to measure the other choice.
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
    entryPoints: [bundle.entry],
    outfile: bundle.outfile,
    bundle: true,
    platform: 'node',
    format: LAMBDA_OUTPUT_FORMAT,
    target: LAMBDA_ESBUILD_TARGET,
    minify: true,
    mainFields: [...LAMBDA_MAIN_FIELDS],
    external: [...(bundle.externalModules ?? lambdaExternalModules(bundle.deployment.aws.sink))],
    legalComments: LAMBDA_LEGAL_COMMENTS,
    banner: { js: LAMBDA_BANNER },
    define: lambdaDefine(bundle.deployment),
    logLevel: 'silent',
  };
}
