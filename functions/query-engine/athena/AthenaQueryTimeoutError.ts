/**
 * A query that was still running when its time was up (the configured query timeout, or the
 * Lambda about to time out) and was therefore stopped with StopQueryExecution.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof AthenaQueryTimeoutError) logger.warn('query stopped', { id: error.queryExecutionId }); }
 * ```
 */
export class AthenaQueryTimeoutError extends Error {
  override readonly name = 'AthenaQueryTimeoutError';
  readonly queryExecutionId: string;
  readonly elapsedMs: number;
  /** Bytes scanned before the stop; a cancelled query is billed for them. */
  readonly dataScannedBytes: number;

  constructor(queryExecutionId: string, elapsedMs: number, why: string, dataScannedBytes: number) {
    super(`Athena query ${queryExecutionId} stopped after ${Math.round(elapsedMs / 1000)} s: ${why}`);
    this.queryExecutionId = queryExecutionId;
    this.elapsedMs = elapsedMs;
    this.dataScannedBytes = dataScannedBytes;
  }
}
