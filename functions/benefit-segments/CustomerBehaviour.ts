import { textColumn, type ColumnBatch } from '../query-engine/ColumnBatch.ts';
import type { SqlValue } from '../query-engine/QueryEngine.ts';

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
 * The behaviour of the customers in a batch of `customer_features` rows, by row index.
 *
 * @example
 * ```ts
 * const behaviourOf = customerBehaviourColumn(batch);
 * behaviourOf(0); // { discountRevenueShare: 0.25, categoryCount: 2, avgBasket: 40, favouriteCategory: null, ... }
 * ```
 */
export function customerBehaviourColumn(batch: ColumnBatch): (row: number) => CustomerBehaviour {
  const discountRevenueShare = batch.column('discount_revenue_share');
  const favouriteCategory = textColumn(batch, 'favourite_category');
  const favouriteCategoryShare = batch.column('favourite_category_share');
  const categoryCount = batch.column('category_count');
  const avgBasket = batch.column('avg_basket');
  const meanDaysBetweenOrders = batch.column('mean_days_between_orders');
  const discountedRevenue = batch.column('discounted_revenue');
  const purchaseRevenue = batch.column('purchase_revenue');
  return (row) => ({
    discountRevenueShare: numberOrNull(discountRevenueShare[row]),
    favouriteCategory: favouriteCategory(row),
    favouriteCategoryShare: numberOrNull(favouriteCategoryShare[row]),
    categoryCount: numberOrNull(categoryCount[row]) ?? 0,
    avgBasket: numberOrNull(avgBasket[row]) ?? 0,
    meanDaysBetweenOrders: numberOrNull(meanDaysBetweenOrders[row]),
    discountedRevenue: numberOrNull(discountedRevenue[row]),
    purchaseRevenue: numberOrNull(purchaseRevenue[row]) ?? 0,
  });
}

function numberOrNull(value: SqlValue | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
