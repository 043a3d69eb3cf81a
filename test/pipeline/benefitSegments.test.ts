import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF } from '../../functions/cli/demoConfig.ts';
import { demoConfigOn } from '../support/demoConfigOn.ts';
import type { ConfigInput } from '../../functions/config/configSchema.ts';
import type { SheetTab, TableBlock } from '../../functions/publishing/SheetModel.ts';
import { UserError } from '../../functions/runtime/UserError.ts';
import { generateSampleData, type SampleDataTruth } from '../../functions/sample-data/generateSampleData.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';
import { readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

type Row = Record<string, string>;

/**
 * The customer job on generated orders with planted behaviour — discount-driven customers
 * (75% of their lines discounted, 8% for others) and category specialists (every line in one
 * category) — judged by the generator's per-customer truth (customer_truth.csv), not by the
 * job's own numbers.
 */
describe('behavioural features and benefit segments on planted behaviour', () => {
  let truth: SampleDataTruth;
  let customers: Row[];
  let planted: Map<string, Row>;
  let tabs: Map<string, SheetTab>;
  let config: ConfigInput;

  beforeAll(async () => {
    const dir = await tempDirWith();
    const data = path.join(dir, 'data');
    truth = await generateSampleData({ outDir: data, asOf: DEMO_AS_OF, orderRows: 40_000, leads: 0, seed: 23 });
    config = demoConfigOn(data, {
      clv: { enabled: false },
      profiles: { dimensions: ['benefit_segment', 'favourite_category', 'price_sensitivity'] },
    });
    const run = await runCustomerJobLocally(config, DEMO_AS_OF);
    customers = readReferenceCsv(path.join(run.outDir, 'customers.csv')) as Row[];
    planted = new Map((readReferenceCsv(path.join(data, 'customer_truth.csv')) as Row[]).map((r) => [r['customer_id'] as string, r]));
    tabs = new Map(run.model.tabs.map((t) => [t.name, t]));
  });

  const orders = (c: Row) => Number(c['frequency']);
  const truthOf = (c: Row) => planted.get(c['customer_id'] as string) as Row;
  const share = (part: Row[], whole: Row[]) => part.length / whole.length;

  // Every line of theirs has the category, so it holds all of their net revenue; a customer who
  // returned everything has none left, and no favourite.
  it('finds every planted category specialist: one category, all of the spend, the preferred one', () => {
    const specialists = customers.filter((c) => truthOf(c)['category_specialist'] === '1');
    expect(specialists.length).toBeGreaterThan(0.1 * customers.length);
    const expected = (c: Row) =>
      Number(c['monetary']) > 0 ? { count: '1', favourite: truthOf(c)['preferred_category'], share: '1' } : { count: '1', favourite: '', share: '' };
    const off = specialists.filter((c) => {
      const e = expected(c);
      return c['category_count'] !== e.count || c['favourite_category'] !== e.favourite || c['favourite_category_share'] !== e.share;
    });
    expect(off.map((c) => c['customer_id'])).toEqual([]);
    expect(specialists.filter((c) => Number(c['monetary']) > 0).length).toBeGreaterThan(0.9 * specialists.length);
  });

  it('classes planted specialists with repeat orders as specialists unless they buy on discount', () => {
    const repeat = customers.filter((c) => truthOf(c)['category_specialist'] === '1' && orders(c) >= 2);
    expect(repeat.length).toBeGreaterThan(100);
    const wrong = repeat.filter((c) => c['benefit_segment'] !== (Number(c['discount_revenue_share']) >= 0.5 ? 'Discount-driven' : 'Category specialists'));
    expect(wrong.map((c) => c['customer_id'])).toEqual([]);
  });

  // With 5+ orders, a discount-driven customer's order is discounted with probability 0.75–0.98
  // (by line count), another's with 0.08–0.22: a revenue share of half or more is rare for the
  // second kind (about 3% for 5 orders, fewer with more) and the rule for the first (about 97%).
  it('classes most planted discount-driven repeat buyers as Discount-driven, and few others', () => {
    const regulars = customers.filter((c) => orders(c) >= 5);
    const driven = regulars.filter((c) => truthOf(c)['discount_driven'] === '1');
    const others = regulars.filter((c) => truthOf(c)['discount_driven'] === '0');
    expect(driven.length).toBeGreaterThan(100);
    expect(share(driven.filter((c) => c['benefit_segment'] === 'Discount-driven'), driven)).toBeGreaterThanOrEqual(0.9);
    expect(share(others.filter((c) => c['benefit_segment'] === 'Discount-driven'), others)).toBeLessThanOrEqual(0.1);
    const meanShare = (rows: Row[]) => rows.reduce((a, c) => a + Number(c['discount_revenue_share']), 0) / rows.length;
    expect(meanShare(driven)).toBeGreaterThan(0.75);
    expect(meanShare(others)).toBeLessThan(0.25);
  });

  // 75% of orders use the preferred channel, the rest any channel: with 5+ orders it leads.
  it('takes the planted preferred channel as the main channel of regular customers', () => {
    const regulars = customers.filter((c) => orders(c) >= 5);
    expect(share(regulars.filter((c) => c['channel'] === truthOf(c)['preferred_channel']), regulars)).toBeGreaterThanOrEqual(0.9);
  });

  it('puts one-order customers in One-off buyers with no gap between orders', () => {
    const once = customers.filter((c) => orders(c) === 1);
    expect(once.length).toBeGreaterThan(0);
    expect(once.filter((c) => c['benefit_segment'] !== 'One-off buyers' || c['mean_days_between_orders'] !== '')).toEqual([]);
  });

  it('lists the benefit segments in the Summary, adding up to the customers in customers.csv', () => {
    const block = tabs.get('Summary')?.blocks.find((b) => b.title === 'Benefit segments') as TableBlock;
    const counted = new Map<string, number>();
    for (const c of customers) counted.set(c['benefit_segment'] as string, (counted.get(c['benefit_segment'] as string) ?? 0) + 1);
    expect(block.rows.map((r) => r[0])).toEqual(['One-off buyers', 'Discount-driven', 'Category specialists', 'Full-price loyal', 'Multi-category', 'Mixed']);
    expect(Object.fromEntries(block.rows.map((r) => [r[0], r[1]]))).toEqual(Object.fromEntries(block.rows.map((r) => [r[0], counted.get(r[0] as string) ?? 0])));
    expect(customers.length).toBe(truth.orders.customersWithGoodPaidOrder);
  });

  it('profiles RFM segments by benefit segment, favourite category and a survey attribute', () => {
    const rows = (tabs.get('Profiles')?.blocks[0]?.rows ?? []) as readonly (string | number | null)[][];
    const customersIn = (dimension: string) => rows.filter((r) => r[0] === dimension).reduce((a, r) => a + Number(r[3]), 0);
    for (const dimension of ['benefit_segment', 'favourite_category', 'price_sensitivity']) expect(customersIn(dimension), dimension).toBe(customers.length);
    const championsDriven = customers.filter((c) => c['segment'] === 'Champions' && c['benefit_segment'] === 'Discount-driven').length;
    expect(rows.find((r) => r[0] === 'benefit_segment' && r[1] === 'Discount-driven' && r[2] === 'Champions')?.[3]).toBe(championsDriven);
  });

  it('refuses a profile dimension it does not know, listing the ones it does', async () => {
    const run = runCustomerJobLocally({ ...config, profiles: { dimensions: ['main_category'] } }, DEMO_AS_OF);
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(/'main_category'.*favourite_category, benefit_segment.*price_sensitivity/);
  });
});
