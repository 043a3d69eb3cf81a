/**
 * The previous snapshot exists but cannot be used: not CSV of the snapshot's columns, a value
 * that is not what its column holds, rows out of customer order, or the store failed to read
 * it. The run goes on without a comparison and says why (`history.status` in run.json, the
 * Movements tab); it never fails the run.
 *
 * @example
 * ```ts
 * throw new SnapshotUnreadableError("line 12: column 'r' is \"x\", not a whole number");
 * ```
 */
export class SnapshotUnreadableError extends Error {
  override readonly name = 'SnapshotUnreadableError';
}
