/**
 * Work a job starts and does not wait for at once (a quarantine file written while the next
 * stages run), settled before the job commits its results. A failure is kept until
 * {@link PendingWork.settle}, which rethrows the first one, so it fails the run instead of
 * escaping as an unhandled rejection.
 *
 * @example
 * ```ts
 * const pending = new PendingWork();
 * pending.add(writeQuarantineFile());
 * // … other stages …
 * await pending.settle(); // throws if the quarantine file could not be written
 * ```
 */
export class PendingWork {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  add(work: Promise<void>): void {
    const tracked = work.then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  /** Waits for all work added so far (and any added meanwhile); throws the first failure. */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    if (this.failure) throw this.failure.error;
  }
}
