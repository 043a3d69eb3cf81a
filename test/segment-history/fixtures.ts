import type { ScoredCustomer } from '../../functions/customers/ScoredCustomer.ts';
import type { SnapshotRow } from '../../functions/segment-history/SnapshotRow.ts';

/** A scored customer with only what the history reads set to something meaningful. */
export function customer(customerId: string, segment: string, extra: { monetary?: number; clv?: number; pAlive?: number } = {}): ScoredCustomer {
  return {
    customerId,
    email: `${customerId.toLowerCase()}@example.com`,
    recencyDays: 30,
    frequency: 3,
    monetary: extra.monetary ?? 100,
    r: 3,
    f: 3,
    m: 3,
    rfmCode: '333',
    segment,
    firstOrderDate: '2024-01-01',
    lastOrderDate: '2024-05-31',
    returns: 0,
    dimensions: {},
    behaviour: { discountRevenueShare: null, favouriteCategory: null, favouriteCategoryShare: null, categoryCount: 1, avgBasket: 0, meanDaysBetweenOrders: null, discountedRevenue: null, purchaseRevenue: 0 }, benefitSegment: 'Mixed',
    ...(extra.clv !== undefined
      ? { value: { x: 2, tx: 10, T: 20, monetaryValue: 50, pAlive: extra.pAlive ?? 0.5, expectedPurchases: 1, expectedAverageSpend: 50, expectedRevenue: 50, clv: extra.clv } }
      : {}),
  };
}

/** A previous-snapshot row. */
export function previousRow(customerId: string, segment: string, clv: number | null = null, asOf = '2024-05-31'): SnapshotRow {
  return { asOf, customerId, segment, r: 4, f: 4, m: 4, rfmCode: '444', recencyDays: 10, frequency: 5, monetary: 400, pAlive: clv === null ? null : 0.9, clv };
}

/** Rows as an async stream cut into batches of the given sizes (the last size repeats). */
export async function* inBatches<T>(rows: readonly T[], sizes: readonly number[]): AsyncGenerator<T[]> {
  let at = 0;
  for (let i = 0; at < rows.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)] as number;
    yield rows.slice(at, at + size);
    at += size;
  }
}
