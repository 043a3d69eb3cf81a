import type { Config } from '../config/configSchema.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import type { SnapshotStore } from '../segment-history/SnapshotStore.ts';
import type { Clock } from '../runtime/Clock.ts';
import type { Logger, Progress } from '../runtime/Logger.ts';

/**
 * Everything a job needs, built by a thin shell (the CLI or a Lambda handler) from config.
 * Jobs only talk to these ports, so the same job code runs locally and on AWS.
 */
export interface JobContext {
  readonly config: Config;
  /** Analysis date `YYYY-MM-DD`; never "today" inside the SQL. */
  readonly asOf: string;
  readonly engine: QueryEngine;
  readonly results: ResultStore;
  /** Where segment snapshots are kept between runs; absent: no history is kept (as with `history.enabled: false`). */
  readonly history?: SnapshotStore;
  readonly sink: SheetSink;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly progress: Progress;
}
