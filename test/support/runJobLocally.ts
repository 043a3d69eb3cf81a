import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import type { ConfigInput } from '../../functions/config/configSchema.ts';
import { runCustomerSegmentsJob } from '../../functions/jobs/runCustomerSegmentsJob.ts';
import type { SheetModel } from '../../functions/publishing/SheetModel.ts';
import type { PublishReport, SheetSink } from '../../functions/publishing/SheetSink.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { LocalSnapshotStore } from '../../functions/segment-history/local/LocalSnapshotStore.ts';
import { systemClock } from '../../functions/runtime/Clock.ts';
import { silentLogger, silentProgress } from '../../functions/runtime/Logger.ts';

/** A sink that keeps the model it was given, so tests can assert on the tabs. */
export class CapturingSink implements SheetSink {
  readonly name = 'capture';
  model: SheetModel | undefined;

  async publish(model: SheetModel): Promise<PublishReport> {
    this.model = model;
    return { sink: this.name, location: 'memory', tabs: model.tabs.length, cells: 0, writeRequests: 0, durationMs: 0 };
  }
}

/**
 * Runs the customer job on DuckDB with results in a fresh temporary folder (or `outDir`); with
 * `history`, segment snapshots are kept in `<outDir>/history` as the CLI keeps them.
 */
export async function runCustomerJobLocally(config: ConfigInput, asOf: string, outDir?: string, options: { history?: boolean } = {}) {
  const parsed = parseConfig(config, 'test config');
  const dir = outDir ?? (await mkdtemp(path.join(os.tmpdir(), 'segment-sheets-test-')));
  const engine = await DuckDbQueryEngine.open({ memoryLimit: '2GB', threads: 2 });
  const results = await LocalResultStore.open(dir);
  const sink = new CapturingSink();
  try {
    const outcome = await runCustomerSegmentsJob({
      config: parsed, asOf, engine, results, sink, clock: systemClock, logger: silentLogger, progress: silentProgress,
      ...(options.history ? { history: new LocalSnapshotStore(path.join(dir, 'history')) } : {}),
    });
    return { ...outcome, model: sink.model as SheetModel, outDir: dir };
  } finally {
    await engine.close();
  }
}
