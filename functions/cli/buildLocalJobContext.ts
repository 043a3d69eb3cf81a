import path from 'node:path';
import type { Config } from '../config/configSchema.ts';
import type { JobContext } from '../jobs/JobContext.ts';
import { NullSheetSink } from '../publishing/none/NullSheetSink.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import { XlsxSheetSink } from '../publishing/xlsx/XlsxSheetSink.ts';
import { DuckDbQueryEngine } from '../query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../result-files/local/LocalResultStore.ts';
import { LocalSnapshotStore } from '../segment-history/local/LocalSnapshotStore.ts';
import { systemClock } from '../runtime/Clock.ts';
import type { Logger, Progress } from '../runtime/Logger.ts';
import { UserError } from '../runtime/UserError.ts';

/** The local adapters: DuckDB, result files in the output folder, segment snapshots in its `history/` folder, and the configured sink. */
export async function buildLocalJobContext(config: Config, asOf: string, logger: Logger, progress: Progress, workbook = 'segments.xlsx'): Promise<JobContext> {
  const results = await LocalResultStore.open(config.output.dir);
  let sink: SheetSink;
  switch (config.output.sink) {
    case 'xlsx':
      sink = new XlsxSheetSink({
        stagingPath: (name) => results.stagingPath(name),
        publishedDir: results.location,
        fileName: workbook,
      });
      break;
    case 'none':
      sink = new NullSheetSink();
      break;
    case 'sheets':
      try {
        sink = await lockedGoogleSheetsSink(config);
      } catch (error) {
        await results.abort();
        throw error;
      }
      break;
  }
  const engine = await DuckDbQueryEngine.open({ memoryLimit: config.engine.memoryLimit, threads: config.engine.threads });
  // Beside the result files, outside their staging folder: every run's snapshot stays.
  const history = new LocalSnapshotStore(path.join(config.output.dir, 'history'));
  return { config, asOf, engine, results, history, sink, clock: systemClock, logger, progress };
}

/**
 * The Google Sheets sink behind a local lock file, so two runs on this machine never interleave
 * their writes to one spreadsheet (on AWS, reserved concurrency 1 does this).
 */
async function lockedGoogleSheetsSink(config: Config): Promise<SheetSink> {
  const section = config.sinks.sheets;
  if (!section) throw new UserError('--sink sheets: name the spreadsheet with --spreadsheet-id or sinks.sheets in the config');
  // Loaded only when used: the Google client is not needed for xlsx runs.
  const { createGoogleSheetsSink, googleSheetsSinkOptionsFromConfig, withSpreadsheetLock } = await import('../publishing/google-sheets/index.ts');
  const sink = createGoogleSheetsSink(await googleSheetsSinkOptionsFromConfig(section));
  return {
    name: sink.name,
    publish: (model) => withSpreadsheetLock(section.spreadsheetId, () => sink.publish(model)),
  };
}
