/** Athena's price per TB scanned (us-east-1 and most regions), in USD. */
export const ATHENA_USD_PER_TB = 5;
/** Athena bills at least 10 MB per query. */
export const ATHENA_MINIMUM_BILLED_BYTES = 10_000_000;
const BYTES_PER_TB = 1e12;
const BYTES_PER_MB = 1e6;

/** What decides whether and how much a query is billed. */
export interface BillableQuery {
  readonly state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  /** `DML`, `DDL` or `UTILITY` (GetQueryExecution). */
  readonly statementType?: string;
  /** e.g. `SELECT`, `CREATE_TABLE_AS_SELECT`, `CREATE_VIEW`. */
  readonly substatementType?: string;
  readonly dataScannedBytes: number;
}

/**
 * Bytes Athena bills for one query: scanned bytes rounded up to whole megabytes, at least 10 MB,
 * for queries that read data (SELECT, CTAS, INSERT, UNLOAD) and succeeded or were cancelled.
 * DDL (views, drops, databases) and failed queries are free.
 *
 * @example
 * ```ts
 * billedBytes({ state: 'SUCCEEDED', statementType: 'DML', dataScannedBytes: 1234 }); // 10_000_000
 * ```
 */
export function billedBytes(query: BillableQuery): number {
  if (query.state === 'FAILED') return 0;
  const readsData =
    query.statementType === 'DML' || query.substatementType === 'CREATE_TABLE_AS_SELECT' || query.dataScannedBytes > 0;
  if (!readsData) return 0;
  const rounded = Math.ceil(query.dataScannedBytes / BYTES_PER_MB) * BYTES_PER_MB;
  return Math.max(ATHENA_MINIMUM_BILLED_BYTES, rounded);
}

/**
 * Estimated cost in USD of billed bytes at $5 per TB (10^12 bytes).
 *
 * @example
 * ```ts
 * estimateAthenaCostUsd(10_000_000); // 0.00005
 * ```
 */
export function estimateAthenaCostUsd(billed: number): number {
  return (billed / BYTES_PER_TB) * ATHENA_USD_PER_TB;
}
