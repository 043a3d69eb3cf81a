import type { ConfigInput } from '../config/configSchema.ts';

/** The analysis date of the demo data, fixed so the demo gives the same workbook every time. */
export const DEMO_AS_OF = '2025-06-30';

/**
 * The configuration the demo writes next to its sample data: a working example of mapping an
 * export-shaped file (order lines, returns as `C…` invoices, a second currency) onto the
 * canonical fields.
 */
export function demoConfig(): ConfigInput {
  return {
    $schema: '../config.schema.json',
    name: 'Demo shop: customer segments',
    asOf: DEMO_AS_OF,
    reportingCurrency: 'USD',
    fxRates: { EUR: 1.08 },
    sources: {
      orders: {
        path: 'orders.csv',
        format: 'csv',
        timeZone: 'UTC',
        mapping: {
          order_id: 'order_id',
          customer_id: 'customer_id',
          email: 'email',
          order_date: 'order_date',
          amount: 'quantity * unit_price - discount',
          is_return: "order_id LIKE 'C%'",
          status: 'status',
          currency: 'currency',
          quantity: 'quantity',
          discount: 'discount',
          channel: 'channel',
          product_category: 'product_category',
          country: 'country',
        },
        filters: [],
      },
      customers: {
        path: 'customers.csv',
        mapping: {
          customer_id: 'customer_id',
          age_band: 'age_band',
          gender: 'gender',
          income_band: 'income_band',
          price_sensitivity: 'price_sensitivity',
          preferred_contact: 'preferred_contact',
        },
      },
      leads: {
        path: 'leads.csv',
        mapping: {
          lead_id: 'lead_id',
          email: 'email',
          created_at: 'created_at',
          company: 'company',
          domain: 'domain',
          industry: 'industry',
          company_size: 'company_size',
          annual_revenue: 'annual_revenue',
          country: 'country',
          region: 'region',
          title: 'title',
          source: 'source',
          owner: 'owner',
          status: 'status',
          last_activity_at: 'last_activity_at',
        },
      },
      leadActivities: {
        path: 'lead_activities.csv',
        mapping: { lead_id: 'lead_id', activity_type: 'activity_type', occurred_at: 'occurred_at' },
      },
    },
    leads: {},
    profiles: { dimensions: ['country', 'channel', 'age_band', 'price_sensitivity', 'benefit_segment'] },
    // Win-back and look-alike lists for the ad platforms, hashed (README: Audiences).
    audiences: { segments: ['Champions', 'At Risk'], leadTiers: ['Hot'], platforms: ['google', 'meta'] },
    output: { dir: '../out', sink: 'xlsx', rowCap: 5000 },
  };
}
