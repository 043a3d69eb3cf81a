import { SegmentStats } from '../segment-stats/SegmentStats.ts';
import type { CustomerBehaviour } from './CustomerBehaviour.ts';

/** Totals of one benefit segment. */
export interface BenefitSegmentTotals {
  readonly segment: string;
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
  /** Net revenue / purchase orders over the segment; null when it has no orders. */
  readonly avgBasket: number | null;
  /**
   * Revenue-weighted discount share: the members' discounted purchase revenue / their purchase
   * revenue (members with discount data only); null when none has any.
   */
  readonly discountRevenueShare: number | null;
}

/**
 * Customers, orders, revenue and discount share per benefit segment, accumulated while customers
 * stream past, listed in table order (empty segments included, so they show up as zeros). The
 * counts are the RFM segments' {@link SegmentStats}; only the discount parts are added here.
 *
 * @example
 * ```ts
 * const stats = new BenefitSegmentStats(['Discount-driven', 'Mixed']);
 * stats.add('Discount-driven', { orders: 2, revenue: 100, recencyDays: 9 }, { ...behaviour, discountedRevenue: 80, purchaseRevenue: 100 });
 * stats.all()[0]?.discountRevenueShare; // 0.8
 * ```
 */
export class BenefitSegmentStats {
  private readonly totals: SegmentStats;
  /** Discounted and purchase revenue per segment, over members with discount data. */
  private readonly discount = new Map<string, { discounted: number; purchase: number }>();

  constructor(segmentNames: readonly string[]) {
    this.totals = new SegmentStats(segmentNames);
  }

  add(segment: string, customer: { readonly orders: number; readonly revenue: number; readonly recencyDays: number }, behaviour: CustomerBehaviour): void {
    this.totals.add(segment, customer);
    if (behaviour.discountedRevenue === null) return;
    const parts = this.discount.get(segment) ?? { discounted: 0, purchase: 0 };
    parts.discounted += behaviour.discountedRevenue;
    parts.purchase += behaviour.purchaseRevenue;
    this.discount.set(segment, parts);
  }

  all(): BenefitSegmentTotals[] {
    return this.totals.all().map((t) => {
      const parts = this.discount.get(t.segment);
      return {
        segment: t.segment,
        customers: t.customers,
        orders: t.orders,
        revenue: t.revenue,
        avgBasket: t.orders > 0 ? t.revenue / t.orders : null,
        discountRevenueShare: parts && parts.purchase > 0 ? parts.discounted / parts.purchase : null,
      };
    });
  }
}
