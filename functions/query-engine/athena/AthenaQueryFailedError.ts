/** Athena's error category codes (`Status.AthenaError.ErrorCategory`). */
const CATEGORY: Readonly<Record<number, string>> = { 1: 'system', 2: 'user', 3: 'other' };

export interface AthenaQueryFailure {
  readonly queryExecutionId: string;
  readonly state: 'FAILED' | 'CANCELLED';
  /** Athena's `StateChangeReason`, e.g. "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved". */
  readonly reason: string;
  /** `system`, `user` or `other`, when Athena says. */
  readonly errorCategory?: string;
  /** Athena's numeric error type, when it says. */
  readonly errorType?: number;
  /** Whether Athena marks the failure as transient. */
  readonly retryable: boolean;
  /** Bytes the query scanned before it ended (billed for a cancelled query). */
  readonly dataScannedBytes: number;
}

/**
 * A query that ended FAILED or CANCELLED. The message carries Athena's state-change reason, so
 * the cause (a SQL error, the bytes-scanned cutoff, a missing permission) shows in the log and in
 * `run.json` without a trip to the console.
 *
 * @example
 * ```ts
 * try { await engine.query(sql); }
 * catch (error) { if (error instanceof AthenaQueryFailedError && error.errorCategory === 'user') ... }
 * ```
 */
export class AthenaQueryFailedError extends Error implements AthenaQueryFailure {
  override readonly name = 'AthenaQueryFailedError';
  readonly queryExecutionId: string;
  readonly state: 'FAILED' | 'CANCELLED';
  readonly reason: string;
  readonly errorCategory?: string;
  readonly errorType?: number;
  readonly retryable: boolean;
  readonly dataScannedBytes: number;

  constructor(failure: AthenaQueryFailure) {
    super(`Athena query ${failure.queryExecutionId} ${failure.state}: ${failure.reason}`);
    this.queryExecutionId = failure.queryExecutionId;
    this.state = failure.state;
    this.reason = failure.reason;
    this.errorCategory = failure.errorCategory;
    this.errorType = failure.errorType;
    this.retryable = failure.retryable;
    this.dataScannedBytes = failure.dataScannedBytes;
  }

  /** Maps Athena's numeric category to its name. */
  static categoryName(code: number | undefined): string | undefined {
    return code === undefined ? undefined : (CATEGORY[code] ?? String(code));
  }
}
