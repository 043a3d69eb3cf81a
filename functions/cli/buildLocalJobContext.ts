import type { Config } from '../config/configSchema.ts';
import type { JobContext } from '../jobs/JobContext.ts';
import { NullSheetSink } from '../publishing/none/NullSheetSink.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import { XlsxSheetSink } from '../publishing/xlsx/XlsxSheetSink.ts';
import { DuckDbQueryEngine } from '../query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../result-files/local/LocalResultStore.ts';
import { systemClock } from '../runtime/Clock.ts';
import type { Logger, Progress } from '../runtime/Logger.ts';
import { UserError } from '../runtime/UserError.ts';

/** The local adapters: DuckDB, result files in the output folder, and the configured sink. */
export async function buildLocalJobContext(config: Config, asOf: string, logger: Logger, progress: Progress): Promise<JobContext> {
  const results = await LocalResultStore.open(config.output.dir);
  let sink: SheetSink;
  switch (config.output.sink) {
    case 'xlsx':
      sink = new XlsxSheetSink({
        stagingPath: (name) => results.stagingPath(name),
        publishedDir: results.location,
      });
      break;
    case 'none':
      sink = new NullSheetSink();
      break;
    default:
      await results.abort();
      throw new UserError(`--sink ${config.output.sink}: this build has no Google Sheets sink configured; use xlsx or none`);
  }
  const engine = await DuckDbQueryEngine.open({ memoryLimit: config.engine.memoryLimit, threads: config.engine.threads });
  return { config, asOf, engine, results, sink, clock: systemClock, logger, progress };
}
