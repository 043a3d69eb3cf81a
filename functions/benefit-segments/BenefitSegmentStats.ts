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

interface Running {
  customers: number;
  orders: number;
  revenue: number;
  discountedRevenue: number;
  purchaseRevenueWithDiscountData: number;
}

/**
 * Customers, orders, revenue and discount share per benefit segment, accumulated while customers
 * stream past, listed in table order (empty segments included, so they show up as zeros).
 *
 * @example
 * ```ts
 * const stats = new BenefitSegmentStats(['Discount-driven', 'Mixed']);
 * stats.add('Discount-driven', { orders: 2, revenue: 100 }, { ...behaviour, discountedRevenue: 80, purchaseRevenue: 100 });
 * stats.all()[0]?.discountRevenueShare; // 0.8
 * ```
 */
export class BenefitSegmentStats {
  private readonly bySegment = new Map<string, Running>();

  constructor(segmentNames: readonly string[]) {
    for (const name of segmentNames) this.bySegment.set(name, emptyRunning());
  }

  add(segment: string, customer: { readonly orders: number; readonly revenue: number }, behaviour: CustomerBehaviour): void {
    let totals = this.bySegment.get(segment);
    if (!totals) {
      totals = emptyRunning();
      this.bySegment.set(segment, totals);
    }
    totals.customers++;
    totals.orders += customer.orders;
    totals.revenue += customer.revenue;
    if (behaviour.discountedRevenue !== null) {
      totals.discountedRevenue += behaviour.discountedRevenue;
      totals.purchaseRevenueWithDiscountData += behaviour.purchaseRevenue;
    }
  }

  all(): BenefitSegmentTotals[] {
    return [...this.bySegment].map(([segment, t]) => ({
      segment,
      customers: t.customers,
      orders: t.orders,
      revenue: t.revenue,
      avgBasket: t.orders > 0 ? t.revenue / t.orders : null,
      discountRevenueShare: t.purchaseRevenueWithDiscountData > 0 ? t.discountedRevenue / t.purchaseRevenueWithDiscountData : null,
    }));
  }
}

function emptyRunning(): Running {
  return { customers: 0, orders: 0, revenue: 0, discountedRevenue: 0, purchaseRevenueWithDiscountData: 0 };
}
