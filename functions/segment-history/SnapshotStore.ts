import type { SnapshotRow } from './SnapshotRow.ts';

/** A stored snapshot: its as-of date and where it is (for notes and run.json). */
export interface SnapshotRef {
  readonly asOf: string;
  /** File path or `s3://` URL. */
  readonly location: string;
}

/** Streams one snapshot out; nothing is visible until {@link commit}. */
export interface SnapshotWriter {
  /** Where the snapshot will be once committed (file path or `s3://` URL). */
  readonly location: string;
  /** Appends rows, in customer id order. */
  write(rows: readonly SnapshotRow[]): Promise<void>;
  /** Makes the snapshot the one of its as-of date, replacing an earlier one of the same date in one step. */
  commit(): Promise<void>;
  /** Discards what was written; an earlier snapshot of the same date stays. */
  abort(): Promise<void>;
}

/**
 * Port: where each run's segment snapshot is kept, one per as-of date
 * (`history/as_of=YYYY-MM-DD/snapshot.csv` in the output folder, or under the results prefix in
 * S3, where Athena reads it). A run writes its own and reads the newest earlier one to compare.
 *
 * @example
 * ```ts
 * const previous = await store.findPrevious('2024-06-30');
 * if (previous) for await (const rows of store.read(previous)) compare(rows);
 * const writer = await store.create('2024-06-30');
 * await writer.write(rows);
 * await writer.commit();
 * ```
 */
export interface SnapshotStore {
  /** Human-readable location of the history (folder or `s3://` prefix). */
  readonly location: string;
  /** Starts writing the snapshot of `asOf`. */
  create(asOf: string): Promise<SnapshotWriter>;
  /** The newest complete snapshot with an as-of date strictly before `asOf`, if any. */
  findPrevious(asOf: string): Promise<SnapshotRef | undefined>;
  /**
   * The snapshot's rows in file order, in batches. A file that is not a snapshot, or a failed
   * read, throws `SnapshotUnreadableError` while iterating.
   */
  read(ref: SnapshotRef): AsyncIterable<readonly SnapshotRow[]>;
}
