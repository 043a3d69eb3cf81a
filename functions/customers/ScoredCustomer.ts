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

/** The `customers.csv` row of a customer, attribute values appended in the given order. */
export function customerFileRow(c: ScoredCustomer, attributes: readonly string[]): (string | number | null)[] {
  return [
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
    ...attributes.map((a) => c.dimensions[a] ?? null),
  ];
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
