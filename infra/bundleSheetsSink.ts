/**
 * Builds the Google Sheets sink file of a job function that publishes to Sheets
 * (lambdaBundling.ts: SHEETS_SINK_ENTRY) into the folder NodejsFunction bundled its `index.js`
 * into. The stack runs it from NodejsFunction's `afterBundling` hook (`sheetsSinkBundlingCommand`):
 *
 *   node infra/bundleSheetsSink.ts <project root> <output folder>
 */
import { build } from 'esbuild';
import path from 'node:path';
import { SHEETS_SINK_FILE, sheetsSinkBuildOptions } from './lambdaBundling.ts';

const [projectRoot, outputDir] = process.argv.slice(2);
if (projectRoot === undefined || outputDir === undefined) throw new Error('usage: node infra/bundleSheetsSink.ts <project root> <output folder>');
await build(sheetsSinkBuildOptions(projectRoot, path.join(outputDir, SHEETS_SINK_FILE)));
