import type { JobName } from '../functions/config/awsConfig.ts';

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
 * Left out of the bundle: the AWS SDK v3, which the Node.js 24 runtime provides. This is
 * NodejsFunction's default; it keeps each bundle about 0.49 MB smaller, under the 1 MB target.
 * Bundled, the SDK would start some 25 ms faster (one file instead of resolving a few hundred),
 * at 1.3 MB: test/bench/lambdaBundles.ts reports the size both ways.
 */
export const LAMBDA_EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*'];

/**
 * The bundle is CommonJS (`index.js`), which the Node.js runtime loads with `require`. Loaded
 * that way, the runtime's AWS SDK (external, itself CommonJS) is `require`d as well. From an ES
 * module bundle (`index.mjs`) Node imports the SDK through its ESM loader instead: it scans each
 * SDK entry file for its export names and resolves every nested `require` of the SDK's few hundred
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
 * esbuild `define`s that carry the configuration file into the bundle: the handler reads
 * `process.env.SEGMENT_SHEETS_CONFIG`, which esbuild replaces with the file's JSON text.
 *
 * @example
 * ```ts
 * new NodejsFunction(this, 'Fn', { bundling: { define: configDefine(configInput) } });
 * ```
 */
export function configDefine(configInput: unknown): Record<string, string> {
  return { 'process.env.SEGMENT_SHEETS_CONFIG': JSON.stringify(JSON.stringify(configInput)) };
}

/**
 * Every esbuild `define` of a job bundle: the configuration ({@link configDefine}) and
 * `import.meta.url` for CommonJS output ({@link LAMBDA_BANNER}).
 *
 * @example
 * ```ts
 * new NodejsFunction(this, 'Fn', { bundling: { format: OutputFormat.CJS, banner: LAMBDA_BANNER, define: lambdaDefine(configInput) } });
 * ```
 */
export function lambdaDefine(configInput: unknown): Record<string, string> {
  return { ...configDefine(configInput), 'import.meta.url': IMPORT_META_URL };
}
