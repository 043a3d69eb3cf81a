/**
 * Canonical fields each source maps its export columns onto. Column names in result files and
 * the SQL in `sql/` use these names, so they are a public contract.
 */

/** Canonical order fields. `customer_id` may be left out when `email` is mapped (email is the id). */
export const ORDER_FIELDS = {
  required: ['order_date', 'amount'],
  optional: [
    'customer_id',
    'order_id',
    'email',
    'quantity',
    'status',
    'is_return',
    'currency',
    'channel',
    'product_category',
    'country',
    'discount',
  ],
} as const;

/**
 * Canonical customer-attribute fields; any other mapped field becomes an attribute column. The
 * optional ones are contact identifiers for ad-platform audiences: they are hashed into the
 * audience files and kept out of `customers.csv`, the tabs and the profiles.
 */
export const CUSTOMER_FIELDS = {
  required: ['customer_id'],
  optional: ['email', 'phone', 'first_name', 'last_name', 'zip', 'country'],
} as const;

/** Canonical lead fields; engagement counters are free-form (`counter_<activity type>`). */
export const LEAD_FIELDS = {
  required: ['lead_id', 'email', 'created_at'],
  optional: [
    'company',
    'domain',
    'industry',
    'company_size',
    'annual_revenue',
    'budget',
    'country',
    'region',
    'title',
    'source',
    'owner',
    'status',
    'last_activity_at',
  ],
} as const;

/** Canonical lead-activity fields. */
export const LEAD_ACTIVITY_FIELDS = {
  required: ['lead_id', 'activity_type', 'occurred_at'],
  optional: [],
} as const;

export type SourceKind = 'orders' | 'customers' | 'leads' | 'leadActivities';

export const FIELDS_BY_SOURCE: Record<
  SourceKind,
  { readonly required: readonly string[]; readonly optional: readonly string[] }
> = {
  orders: ORDER_FIELDS,
  customers: CUSTOMER_FIELDS,
  leads: LEAD_FIELDS,
  leadActivities: LEAD_ACTIVITY_FIELDS,
};
