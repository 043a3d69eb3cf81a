import type { CustomerBehaviour } from '../benefit-segments/CustomerBehaviour.ts';
import type { CustomerValue } from '../customer-value/CustomerValue.ts';

/** The BTYD inputs of a customer (clv.md §3) and the CLV predictions made from them. */
export interface CustomerValueRow extends CustomerValue {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly monetaryValue: number;
}

/** One customer after RFM scoring: a row of `customers.csv` and of its segment tab. */
export interface ScoredCustomer {
  readonly customerId: string;
  readonly email: string | null;
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly rfmCode: string;
  readonly segment: string;
  readonly firstOrderDate: string | null;
  readonly lastOrderDate: string | null;
  readonly returns: number;
  /** Main country, channel and category from the orders, and the customers-source attributes. */
  readonly dimensions: Readonly<Record<string, string | null>>;
  /** CLV inputs and predictions; absent when CLV is off or could not be fitted. */
  readonly value?: CustomerValueRow;
  /** How they buy (discount share, categories, basket, gaps) and the benefit segment it gives. */
  readonly behaviour: CustomerBehaviour;
  readonly benefitSegment: string;
}

/** Column names of `customers.csv` before the attribute columns: a public contract. */
export const CUSTOMER_FILE_COLUMNS = [
  'customer_id',
  'email',
  'recency',
  'frequency',
  'monetary',
  'r_score',
  'f_score',
  'm_score',
  'rfm_code',
  'segment',
  'first_order_date',
  'last_order_date',
  'returns',
  'country',
  'channel',
  'product_category',
] as const;

/**
 * CLV columns of `customers.csv`, after the RFM ones. `clv_frequency` is the models' repeat
 * purchase days (x), kept apart from the RFM `frequency` (orders) that the file already had.
 */
export const CUSTOMER_VALUE_COLUMNS = [
  'clv_frequency',
  'recency_t',
  'T',
  'monetary_value',
  'p_alive',
  'expected_purchases',
  'expected_avg_spend',
  'expected_revenue',
  'clv',
] as const;

/** Behaviour columns of `customers.csv`, after the CLV ones (sql/customer_features.sql defines them). */
export const CUSTOMER_BEHAVIOUR_COLUMNS = [
  'benefit_segment',
  'discount_revenue_share',
  'favourite_category',
  'favourite_category_share',
  'category_count',
  'avg_basket',
  'mean_days_between_orders',
] as const;

/**
 * The `customers.csv` row of a customer: RFM columns, CLV columns when `withValue`, behaviour
 * columns, then the attribute values in the given order.
 */
export function customerFileRow(c: ScoredCustomer, attributes: readonly string[], withValue: boolean): (string | number | null)[] {
  const b = c.behaviour;
  // One array filled in place (a million rows): no intermediate arrays to spread.
  const row: (string | number | null)[] = [
    c.customerId,
    c.email,
    c.recencyDays,
    c.frequency,
    roundMoney(c.monetary),
    c.r,
    c.f,
    c.m,
    c.rfmCode,
    c.segment,
    c.firstOrderDate,
    c.lastOrderDate,
    c.returns,
    c.dimensions['country'] ?? null,
    c.dimensions['channel'] ?? null,
    c.dimensions['product_category'] ?? null,
  ];
  if (withValue) {
    const v = c.value;
    if (v) {
      row.push(v.x, round4(v.tx), round4(v.T), roundMoney(v.monetaryValue), round4(v.pAlive), round4(v.expectedPurchases), roundMoney(v.expectedAverageSpend), roundMoney(v.expectedRevenue), roundMoney(v.clv));
    } else {
      for (let i = 0; i < CUSTOMER_VALUE_COLUMNS.length; i++) row.push(null);
    }
  }
  row.push(
    c.benefitSegment,
    b.discountRevenueShare === null ? null : round4(b.discountRevenueShare),
    b.favouriteCategory,
    b.favouriteCategoryShare === null ? null : round4(b.favouriteCategoryShare),
    b.categoryCount,
    roundMoney(b.avgBasket),
    b.meanDaysBetweenOrders === null ? null : round4(b.meanDaysBetweenOrders),
  );
  for (const a of attributes) row.push(c.dimensions[a] ?? null);
  return row;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Rounds to cents; sums of doubles otherwise print as 120.00000000001. */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Best first within a segment: highest revenue, then most orders, then most recent, then id. */
export function compareCustomerValue(a: ScoredCustomer, b: ScoredCustomer): number {
  return (
    a.monetary - b.monetary ||
    a.frequency - b.frequency ||
    b.recencyDays - a.recencyDays ||
    (a.customerId < b.customerId ? 1 : a.customerId > b.customerId ? -1 : 0)
  );
}
