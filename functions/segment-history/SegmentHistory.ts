import type { ScoredCustomer } from '../customers/ScoredCustomer.ts';
import { FIRST_RUN, type HistoryOutcome } from './HistoryOutcome.ts';
import type { MovementRules } from './MovementRules.ts';
import { SnapshotComparison } from './SnapshotComparison.ts';
import { snapshotRowOf } from './SnapshotRow.ts';
import type { SnapshotRef, SnapshotStore, SnapshotWriter } from './SnapshotStore.ts';

export interface SegmentHistoryOptions {
  readonly asOf: string;
  readonly rules: MovementRules;
  /** Most movers listed. */
  readonly rowCap: number;
  /** Whether CLV is on: the value at stake is CLV, else net revenue. */
  readonly clvEnabled: boolean;
}

/**
 * The history part of a customer run: as customers stream past (in customer id order) it writes
 * this run's snapshot and merges them with the previous snapshot; at the end it says what moved.
 * The snapshot becomes visible on {@link commit}, with the run's result files, so a failed run
 * leaves the previous history as it was.
 *
 * A previous snapshot that is missing or cannot be read is a status, never an error; failing to
 * write this run's snapshot fails the run, as failing to write `customers.csv` would.
 *
 * @example
 * ```ts
 * const history = await SegmentHistory.start(store, { asOf, rules, rowCap: 10_000, clvEnabled: true });
 * for await (const batch of scoredBatches) await history.add(batch);
 * const outcome = await history.finish();
 * await history.commit();
 * ```
 */
export class SegmentHistory {
  private readonly options: SegmentHistoryOptions;
  private readonly writer: SnapshotWriter;
  private readonly previous: SnapshotRef | undefined;
  private readonly comparison: SnapshotComparison | undefined;
  private readonly lookupFailure: string | undefined;

  private constructor(
    options: SegmentHistoryOptions,
    writer: SnapshotWriter,
    previous: { ref: SnapshotRef; comparison: SnapshotComparison } | { failure: string } | undefined,
  ) {
    this.options = options;
    this.writer = writer;
    this.previous = previous && 'ref' in previous ? previous.ref : undefined;
    this.comparison = previous && 'ref' in previous ? previous.comparison : undefined;
    this.lookupFailure = previous && 'failure' in previous ? previous.failure : undefined;
  }

  static async start(store: SnapshotStore, options: SegmentHistoryOptions): Promise<SegmentHistory> {
    let previous: { ref: SnapshotRef; comparison: SnapshotComparison } | { failure: string } | undefined;
    try {
      const ref = await store.findPrevious(options.asOf);
      if (ref) previous = { ref, comparison: new SnapshotComparison(store.read(ref), options.rules, options) };
    } catch (error) {
      previous = { failure: `previous snapshot unreadable: could not look for it in ${store.location}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const writer = await store.create(options.asOf);
    return new SegmentHistory(options, writer, previous);
  }

  /** Takes the next customers of this run, in customer id order. */
  async add(customers: readonly ScoredCustomer[]): Promise<void> {
    await this.writer.write(customers.map((c) => snapshotRowOf(this.options.asOf, c)));
    await this.comparison?.add(customers);
  }

  /** Ends the comparison (every customer added). */
  async finish(): Promise<HistoryOutcome> {
    const base = {
      asOf: this.options.asOf,
      snapshotLocation: this.writer.location,
      valuableSegments: this.options.rules.valuableSegments,
      valueBasis: this.options.clvEnabled ? ('CLV' as const) : ('net revenue' as const),
    };
    if (this.lookupFailure !== undefined) return { ...base, status: this.lookupFailure };
    if (!this.comparison || !this.previous) return { ...base, status: FIRST_RUN };
    const result = await this.comparison.finish();
    if (result.status === 'failed') return { ...base, status: result.reason, previous: this.previous };
    return { ...base, status: 'compared', previous: this.previous, comparison: result };
  }

  /** Publishes this run's snapshot (replacing an earlier one of the same as-of date). */
  async commit(): Promise<void> {
    await this.writer.commit();
  }

  /** Discards this run's snapshot and stops reading the previous one. */
  async abort(): Promise<void> {
    await Promise.allSettled([this.writer.abort(), this.comparison?.close()]);
  }
}
