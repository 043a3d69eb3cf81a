import { roundMoney, type ScoredCustomer } from '../customers/ScoredCustomer.ts';
import type { SqlValue } from '../query-engine/QueryEngine.ts';

/**
 * One customer in a run's segment snapshot: what the next run compares with. A row of
 * `history/as_of=YYYY-MM-DD/snapshot.csv` (locally and in S3, where Athena reads it).
 */
export interface SnapshotRow {
  readonly asOf: string;
  readonly customerId: string;
  readonly segment: string;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly rfmCode: string;
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
  /** Null when CLV is off or could not be fitted. */
  readonly pAlive: number | null;
  readonly clv: number | null;
}

/** Column names of the snapshot file, in file order: a contract with the Athena table and older snapshots. */
export const SNAPSHOT_COLUMNS = [
  'as_of',
  'customer_id',
  'segment',
  'r',
  'f',
  'm',
  'rfm_code',
  'recency_days',
  'frequency',
  'monetary',
  'p_alive',
  'clv',
] as const;

/**
 * The snapshot row of a scored customer, rounded as in `customers.csv` so both files agree.
 *
 * @example
 * ```ts
 * snapshotRowOf('2024-06-30', customer).segment; // 'Champions'
 * ```
 */
export function snapshotRowOf(asOf: string, c: ScoredCustomer): SnapshotRow {
  return {
    asOf,
    customerId: c.customerId,
    segment: c.segment,
    r: c.r,
    f: c.f,
    m: c.m,
    rfmCode: c.rfmCode,
    recencyDays: c.recencyDays,
    frequency: c.frequency,
    monetary: roundMoney(c.monetary),
    pAlive: c.value ? Math.round(c.value.pAlive * 10_000) / 10_000 : null,
    clv: c.value ? roundMoney(c.value.clv) : null,
  };
}

/**
 * The file values of a snapshot row in {@link SNAPSHOT_COLUMNS} order.
 *
 * @example
 * ```ts
 * snapshotValues(row)[1]; // the customer id
 * ```
 */
export function snapshotValues(row: SnapshotRow): SqlValue[] {
  return [row.asOf, row.customerId, row.segment, row.r, row.f, row.m, row.rfmCode, row.recencyDays, row.frequency, row.monetary, row.pAlive, row.clv];
}
