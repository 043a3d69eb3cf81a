import { describe, expect, it } from 'vitest';
import { customerBehaviourColumn } from '../../functions/benefit-segments/CustomerBehaviour.ts';
import { columnsOfRows } from '../../functions/query-engine/ColumnBatch.ts';

const COLUMNS = [
  'discount_revenue_share', 'favourite_category', 'favourite_category_share', 'category_count',
  'avg_basket', 'mean_days_between_orders', 'discounted_revenue', 'purchase_revenue',
];

describe('customerBehaviourColumn', () => {
  it('reads each customer of a batch; absent counts and amounts are 0, absent shares and gaps null', () => {
    const batch = columnsOfRows([
      { discount_revenue_share: 0.25, favourite_category: 'Shoes', favourite_category_share: 0.8, category_count: 2, avg_basket: 40, mean_days_between_orders: 30.5, discounted_revenue: 20, purchase_revenue: 80 },
      { discount_revenue_share: null, favourite_category: null, favourite_category_share: null, category_count: null, avg_basket: null, mean_days_between_orders: null, discounted_revenue: null, purchase_revenue: null },
    ], COLUMNS);
    const behaviourOf = customerBehaviourColumn(batch);
    expect([behaviourOf(0), behaviourOf(1)]).toEqual([
      { discountRevenueShare: 0.25, favouriteCategory: 'Shoes', favouriteCategoryShare: 0.8, categoryCount: 2, avgBasket: 40, meanDaysBetweenOrders: 30.5, discountedRevenue: 20, purchaseRevenue: 80 },
      { discountRevenueShare: null, favouriteCategory: null, favouriteCategoryShare: null, categoryCount: 0, avgBasket: 0, meanDaysBetweenOrders: null, discountedRevenue: null, purchaseRevenue: 0 },
    ]);
  });
});
