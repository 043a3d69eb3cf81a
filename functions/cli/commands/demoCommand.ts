import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfigFile } from '../../config/loadConfig.ts';
import type { Logger, Progress } from '../../runtime/Logger.ts';
import { generateSampleData } from '../../sample-data/generateSampleData.ts';
import { DEMO_AS_OF, demoConfig } from '../demoConfig.ts';
import type { CliArgs } from '../parseCliArgs.ts';
import { runCommand } from './runCommand.ts';

/**
 * `segment-sheets demo`: writes seeded sample exports and a config that maps them into
 * `--data` (default `./demo-data`), then runs both jobs on them (`--job all`) into `--out`
 * (default `./out`).
 */
export async function demoCommand(args: CliArgs, logger: Logger, progress: Progress, cwd: string = process.cwd()): Promise<Record<string, unknown>> {
  const dataDir = path.resolve(cwd, args.data ?? 'demo-data');
  const rows = args.rows ?? 30_000;
  const done = progress.step(`Generating sample data (${rows.toLocaleString('en-US')} order rows)`);
  await generateSampleData({ outDir: dataDir, asOf: DEMO_AS_OF, orderRows: rows, leads: Math.min(3_000, Math.round(rows / 10)) });
  const configFile = path.join(dataDir, 'segment-sheets.config.json');
  await writeFile(configFile, `${JSON.stringify(demoConfig(), null, 2)}\n`);
  done(`in ${dataDir}`);
  const config = await loadConfigFile(configFile);
  const outDir = path.resolve(cwd, args.out ?? 'out');
  const asOf = args.asOf ?? DEMO_AS_OF;
  const runConfig = { ...config, output: { ...config.output, dir: outDir, ...(args.sink ? { sink: args.sink } : {}) } };
  return runCommand(runConfig, asOf, logger, progress, process.stdout, 'all');
}
