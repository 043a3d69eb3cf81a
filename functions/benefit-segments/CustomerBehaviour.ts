import type { SqlRow, SqlValue } from '../query-engine/QueryEngine.ts';

/**
 * How a customer buys, from the orders (sql/customer_features.sql, where each feature is
 * defined): the inputs of the benefit segments and extra columns of `customers.csv`.
 */
export interface CustomerBehaviour {
  /** Share (0–1) of purchase revenue from orders with a discount; null without discount data. */
  readonly discountRevenueShare: number | null;
  /** Category with the most net revenue; null without category data. */
  readonly favouriteCategory: string | null;
  /** Share (0–1) of the category revenue in the favourite category. */
  readonly favouriteCategoryShare: number | null;
  /** Distinct categories bought. */
  readonly categoryCount: number;
  /** Net revenue per purchase order. */
  readonly avgBasket: number;
  /** Mean days between consecutive purchase orders; null for one purchase. */
  readonly meanDaysBetweenOrders: number | null;
  /** The discount share's numerator and denominator, so totals can be weighted by revenue. */
  readonly discountedRevenue: number | null;
  readonly purchaseRevenue: number;
}

/**
 * The behaviour columns of a `customer_features` row.
 *
 * @example
 * ```ts
 * customerBehaviourFromRow({ discount_revenue_share: 0.25, category_count: 2, avg_basket: 40, purchase_revenue: 80 });
 * // { discountRevenueShare: 0.25, categoryCount: 2, avgBasket: 40, favouriteCategory: null, ... }
 * ```
 */
export function customerBehaviourFromRow(row: SqlRow): CustomerBehaviour {
  return {
    discountRevenueShare: numberOrNull(row['discount_revenue_share']),
    favouriteCategory: textOrNull(row['favourite_category']),
    favouriteCategoryShare: numberOrNull(row['favourite_category_share']),
    categoryCount: numberOrNull(row['category_count']) ?? 0,
    avgBasket: numberOrNull(row['avg_basket']) ?? 0,
    meanDaysBetweenOrders: numberOrNull(row['mean_days_between_orders']),
    discountedRevenue: numberOrNull(row['discounted_revenue']),
    purchaseRevenue: numberOrNull(row['purchase_revenue']) ?? 0,
  };
}

function numberOrNull(value: SqlValue | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function textOrNull(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
