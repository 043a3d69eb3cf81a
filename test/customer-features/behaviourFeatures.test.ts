import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import type { ConfigInput } from '../../functions/config/configSchema.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import type { SqlRow } from '../../functions/query-engine/QueryEngine.ts';
import { loadSql } from '../../functions/query-engine/sqlCatalog.ts';
import { renderSql } from '../../functions/query-engine/sqlTemplate.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { UserError } from '../../functions/runtime/UserError.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';
import { readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

const AS_OF = '2024-06-30';

// Order lines written by hand; every expected value below is worked out in the comments from
// these rows, not taken from a run. amount is the line's net amount (after its discount).
const ORDERS = [
  'order_id,customer,day,amount,discount,channel,category,status',
  // a: O1 has two categories and a discount; O3's discount is unknown (empty); C3 returns 30 of toys.
  'O1,a,2024-01-01,60,10,web,books,paid', //    O1 = 100, discounted (10 > 0)
  'O1,a,2024-01-01,40,0,web,toys,paid',
  'O2,a,2024-01-11,50,0,web,books,paid', //     O2 = 50, not discounted
  'O3,a,2024-01-31,150,,store,toys,paid', //    O3 = 150, discount unknown: not discounted
  'C3,a,2024-02-05,-30,,store,toys,paid', //    return order: -30
  // b: one discounted order.
  'O4,b,2024-06-01,80,20,app,shoes,paid',
  // c: two categories with the same revenue, two channels with one order each: the later wins.
  'O5,c,2024-03-01,50,0,web,garden,paid',
  'O6,c,2024-04-01,50,0,app,kitchen,paid',
  // d: books bought on discount and returned in full; a cancelled toys order.
  'O7,d,2024-05-01,40,5,store,books,paid',
  'O8,d,2024-05-10,100,0,store,toys,cancelled',
  'C7,d,2024-05-15,-40,,store,books,paid',
  // e: no discount and no category given at all.
  'O9,e,2024-02-01,30,,web,,paid',
  'O10,e,2024-03-02,20,,web,,paid',
  // f: one order whose return line outweighs its purchase line: net -40.
  'O11,f,2024-06-10,10,2,web,toys,paid',
  'O11,f,2024-06-10,-50,,web,toys,paid',
].join('\n');

const MAPPING = {
  order_id: 'order_id',
  customer_id: 'customer',
  order_date: 'day',
  amount: 'amount',
  discount: 'discount',
  channel: 'channel',
  product_category: 'category',
  status: 'status',
  is_return: "order_id LIKE 'C%'",
};

describe('behavioural features (sql/customer_features.sql)', () => {
  let engine: DuckDbQueryEngine;
  let dir: string;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open({ memoryLimit: '1GB', threads: 2 });
    dir = await tempDirWith({ 'orders.csv': `${ORDERS}\n` });
  });
  afterAll(() => engine.close());

  async function features(mapping: Record<string, string>): Promise<Map<string, SqlRow>> {
    const input: ConfigInput = { sources: { orders: { path: path.join(dir, 'orders.csv'), mapping } } };
    const results = await LocalResultStore.open(await tempDirWith());
    await ingestOrders(engine, parseConfig(input, 'test'), AS_OF, results);
    await results.abort();
    await engine.materialize('customer_features', renderSql(loadSql('customer_features'), { as_of: { date: AS_OF } }));
    const rows = await engine.query('SELECT * FROM customer_features');
    return new Map(rows.map((r) => [String(r['customer_id']), r]));
  }

  const FEATURES = ['discount_revenue_share', 'favourite_category', 'favourite_category_share', 'category_count', 'avg_basket', 'mean_days_between_orders', 'channel'] as const;
  const pick = (row: SqlRow | undefined) => Object.fromEntries(FEATURES.map((f) => [f, row?.[f] ?? null]));

  it('computes each feature as defined, on hand-worked customers', async () => {
    const byCustomer = await features(MAPPING);
    expect([...byCustomer.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // a: discounted 100 of purchases 300; books 60+50 = 110, toys 40+150-30 = 160 of 270;
    //    net 270 over 3 orders; 30 days from first to last order over 2 gaps; web has 2 orders.
    expect(pick(byCustomer.get('a'))).toEqual({
      discount_revenue_share: expect.closeTo(100 / 300, 12),
      favourite_category: 'toys',
      favourite_category_share: expect.closeTo(160 / 270, 12),
      category_count: 2,
      avg_basket: 90,
      mean_days_between_orders: 15,
      channel: 'web',
    });
    // b: one order, all of it discounted; a single purchase has no gap.
    expect(pick(byCustomer.get('b'))).toEqual({
      discount_revenue_share: 1, favourite_category: 'shoes', favourite_category_share: 1, category_count: 1,
      avg_basket: 80, mean_days_between_orders: null, channel: 'app',
    });
    // c: garden and kitchen 50 each, web and app one order each: kitchen and app are the later.
    expect(pick(byCustomer.get('c'))).toEqual({
      discount_revenue_share: 0, favourite_category: 'kitchen', favourite_category_share: 0.5, category_count: 2,
      avg_basket: 50, mean_days_between_orders: 31, channel: 'app',
    });
    // d: the only purchase (40) was discounted; books net 0 and toys only cancelled: no
    //    category with revenue, but books was bought; net revenue 0.
    expect(pick(byCustomer.get('d'))).toEqual({
      discount_revenue_share: 1, favourite_category: null, favourite_category_share: null, category_count: 1,
      avg_basket: 0, mean_days_between_orders: null, channel: 'store',
    });
    // e: no discount anywhere is unknown, not "never discounted"; no category: none counted.
    expect(pick(byCustomer.get('e'))).toEqual({
      discount_revenue_share: null, favourite_category: null, favourite_category_share: null, category_count: 0,
      avg_basket: 25, mean_days_between_orders: 30, channel: 'web',
    });
    // f: the purchase order nets -40, counted as 0 purchase revenue: no share to give.
    expect(pick(byCustomer.get('f'))).toEqual({
      discount_revenue_share: null, favourite_category: null, favourite_category_share: null, category_count: 1,
      avg_basket: -40, mean_days_between_orders: null, channel: 'web',
    });
  });

  it('keeps the share parts for revenue-weighted totals', async () => {
    const a = (await features(MAPPING)).get('a');
    expect([a?.['discounted_revenue'], a?.['purchase_revenue']]).toEqual([100, 300]);
  });

  it('gives no discount share when the export has no discount column mapped', async () => {
    const { discount: _discount, ...withoutDiscount } = MAPPING;
    const byCustomer = await features(withoutDiscount);
    expect([...byCustomer.values()].map((r) => r['discount_revenue_share'])).toEqual([null, null, null, null, null, null]);
    expect(byCustomer.get('a')?.['favourite_category']).toBe('toys');
  });

  it('leaves the RFM inputs as they were', async () => {
    const a = (await features(MAPPING)).get('a');
    expect([a?.['frequency'], a?.['monetary'], a?.['returns'], a?.['recency_days']]).toEqual([3, 270, 1, 151]);
  });
});

describe('behaviour in the customer job (same hand-worked orders)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDirWith({ 'orders.csv': `${ORDERS}\n`, 'customers.csv': 'id,country,age\na,DE,18-24\nb,FR,65+\n' });
  });

  function config(customers: Record<string, string> | undefined, dimensions: string[]): ConfigInput {
    return {
      sources: {
        orders: { path: path.join(dir, 'orders.csv'), mapping: MAPPING },
        ...(customers ? { customers: { path: path.join(dir, 'customers.csv'), mapping: { customer_id: 'id', ...customers } } } : {}),
      },
      rfm: { bins: 2, segments: [{ name: 'All', r: [1, 2], f: [1, 2], m: [1, 2] }] },
      clv: { enabled: false },
      profiles: { dimensions },
    };
  }

  // Default rules on the features above: b, d, f bought once; a (3 orders, a third on discount,
  // 59% in toys, 2 categories), c (2 orders, full price, 2 categories) and e (no discount or
  // category data) match no rule.
  it('writes the benefit segment and features to customers.csv and profiles by them', async () => {
    const run = await runCustomerJobLocally(config({ age_band: 'age' }, ['benefit_segment', 'favourite_category', 'age_band']), AS_OF);
    const rows = readReferenceCsv(path.join(run.outDir, 'customers.csv'));
    expect(Object.fromEntries(rows.map((r) => [r['customer_id'], r['benefit_segment']]))).toEqual({
      a: 'Mixed', b: 'One-off buyers', c: 'Mixed', d: 'One-off buyers', e: 'Mixed', f: 'One-off buyers',
    });
    expect(rows.find((r) => r['customer_id'] === 'a')).toMatchObject({
      discount_revenue_share: '0.3333', favourite_category: 'toys', favourite_category_share: '0.5926', category_count: '2', avg_basket: '90', mean_days_between_orders: '15', age_band: '18-24',
    });
    const profile = run.model.tabs.find((t) => t.name === 'Profiles')?.blocks[0]?.rows.map((r) => r.slice(0, 4));
    expect(profile).toEqual([
      ['benefit_segment', 'Mixed', 'All', 3],
      ['benefit_segment', 'One-off buyers', 'All', 3],
      ['favourite_category', '(unknown)', 'All', 3],
      ['favourite_category', 'kitchen', 'All', 1],
      ['favourite_category', 'shoes', 'All', 1],
      ['favourite_category', 'toys', 'All', 1],
      ['age_band', '(unknown)', 'All', 4],
      ['age_band', '18-24', 'All', 1],
      ['age_band', '65+', 'All', 1],
    ]);
  });

  it('applies configured benefit rules, first match first', async () => {
    const run = await runCustomerJobLocally(
      {
        ...config(undefined, []),
        benefitSegments: {
          segments: [
            { name: 'Toy lovers', when: { favourite_category: { in: ['TOYS'] } } },
            { name: 'Spaced out', when: { mean_days_between_orders: { min: 30 } } },
          ],
          unmatchedSegment: 'Rest',
        },
      },
      AS_OF,
    );
    const rows = readReferenceCsv(path.join(run.outDir, 'customers.csv'));
    expect(Object.fromEntries(rows.map((r) => [r['customer_id'], r['benefit_segment']]))).toEqual({
      a: 'Toy lovers', b: 'Rest', c: 'Spaced out', d: 'Rest', e: 'Spaced out', f: 'Rest',
    });
    const block = run.model.tabs[0]?.blocks.find((b) => b.title === 'Benefit segments');
    expect(block?.rows.map((r) => [r[0], r[1]])).toEqual([['Toy lovers', 1], ['Spaced out', 2], ['Rest', 3]]);
  });

  it('refuses an attribute named like a column computed from the orders, naming it', async () => {
    // (`country` itself is an audience identifier of the customers source, kept out of the attributes.)
    const run = runCustomerJobLocally(config({ channel: 'country' }, []), AS_OF);
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(/sources\.customers\.mapping: 'channel'.*'customer_channel'/);
  });

  it('refuses an unknown profile dimension, listing the behavioural ones', async () => {
    await expect(runCustomerJobLocally(config(undefined, ['main_channel']), AS_OF)).rejects.toThrow(
      /'main_channel' is neither .*favourite_category, benefit_segment/,
    );
  });
});
