/** Totals of one segment, accumulated while customers stream past. */
export interface SegmentTotals {
  readonly segment: string;
  customers: number;
  orders: number;
  revenue: number;
  recencyDaysSum: number;
  /** CLV sums, over customers with predictions. */
  valued: number;
  pAliveSum: number;
  expectedPurchases: number;
  expectedRevenue: number;
  clv: number;
}

/**
 * Per-segment customers, orders and revenue, in the order of the segment table (so the
 * Summary lists segments as configured, and empty ones show up with zeros instead of vanishing).
 *
 * @example
 * ```ts
 * const stats = new SegmentStats(['Champions', 'Lost']);
 * stats.add('Champions', { orders: 3, revenue: 120, recencyDays: 10 });
 * stats.empty(); // ['Lost']
 * ```
 */
export class SegmentStats {
  private readonly bySegment = new Map<string, SegmentTotals>();

  constructor(segmentNames: readonly string[]) {
    for (const name of segmentNames) this.bySegment.set(name, emptyTotals(name));
  }

  add(
    segment: string,
    customer: { orders: number; revenue: number; recencyDays: number },
    value?: { pAlive: number; expectedPurchases: number; expectedRevenue: number; clv: number },
  ): void {
    let totals = this.bySegment.get(segment);
    if (!totals) {
      totals = emptyTotals(segment);
      this.bySegment.set(segment, totals);
    }
    totals.customers++;
    totals.orders += customer.orders;
    totals.revenue += customer.revenue;
    totals.recencyDaysSum += customer.recencyDays;
    if (value) {
      totals.valued++;
      totals.pAliveSum += value.pAlive;
      totals.expectedPurchases += value.expectedPurchases;
      totals.expectedRevenue += value.expectedRevenue;
      totals.clv += value.clv;
    }
  }

  /** All segments, table order first, then any others (such as the unmatched segment). */
  all(): readonly SegmentTotals[] {
    return [...this.bySegment.values()];
  }

  /** Segments with no customers this run. */
  empty(): string[] {
    return this.all().filter((t) => t.customers === 0).map((t) => t.segment);
  }

  grandTotal(): { customers: number; orders: number; revenue: number } {
    return this.all().reduce(
      (acc, t) => ({ customers: acc.customers + t.customers, orders: acc.orders + t.orders, revenue: acc.revenue + t.revenue }),
      { customers: 0, orders: 0, revenue: 0 },
    );
  }
}

function emptyTotals(segment: string): SegmentTotals {
  return { segment, customers: 0, orders: 0, revenue: 0, recencyDaysSum: 0, valued: 0, pAliveSum: 0, expectedPurchases: 0, expectedRevenue: 0, clv: 0 };
}
