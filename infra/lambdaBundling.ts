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
 * NodejsFunction's default; it keeps each bundle about 0.45 MB smaller and its start faster.
 */
export const LAMBDA_EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*'];

/**
 * ESM output has no `require`; some bundled CommonJS packages (Google's auth client) call it
 * for Node built-ins, so the bundle defines one.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire as __segmentSheetsCreateRequire } from 'node:module'; const require = __segmentSheetsCreateRequire(import.meta.url);";

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
