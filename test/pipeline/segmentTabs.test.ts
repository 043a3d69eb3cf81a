import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import type { SheetTab } from '../../functions/publishing/SheetModel.ts';
import { generateSampleData } from '../../functions/sample-data/generateSampleData.ts';
import { demoConfigOn } from '../support/demoConfigOn.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';
import { readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

type Row = Record<string, string>;

/** The customer ids a segment tab lists, in its order (the first column of its table). */
const listedIds = (tab: SheetTab): string[] => (tab.blocks[0]?.rows ?? []).map((row) => String(row[0]));

/** Best first within a segment, as the tabs promise: revenue, orders, recency, then customer id. */
function bruteForceTop(customers: readonly Row[], cap: number): Map<string, string[]> {
  const bySegment = new Map<string, Row[]>();
  for (const c of customers) bySegment.set(c['segment'] as string, [...(bySegment.get(c['segment'] as string) ?? []), c]);
  const num = (c: Row, k: string) => Number(c[k]);
  return new Map(
    [...bySegment].map(([segment, rows]) => [
      segment,
      rows
        .sort((a, b) => num(b, 'monetary') - num(a, 'monetary') || num(b, 'frequency') - num(a, 'frequency') || num(a, 'recency_days') - num(b, 'recency_days') || ((a['customer_id'] as string) < (b['customer_id'] as string) ? -1 : 1))
        .slice(0, cap)
        .map((c) => c['customer_id'] as string),
    ]),
  );
}

describe('segment tabs list each segment’s best customers within the row cap', () => {
  it('match a full sort of customers.csv on generated data', async () => {
    const dir = await tempDirWith();
    const data = path.join(dir, 'data');
    await generateSampleData({ outDir: data, asOf: DEMO_AS_OF, orderRows: 20_000, leads: 0, seed: 11 });
    const run = await runCustomerJobLocally({ ...demoConfigOn(data), output: { dir: 'out', sink: 'none', rowCap: 7 } }, DEMO_AS_OF);
    const customers = readReferenceCsv(path.join(run.outDir, 'customers.csv')) as Row[];
    const expected = bruteForceTop(customers, 7);
    const segmentTabs = run.model.tabs.filter((t) => t.role === 'segment');
    expect(segmentTabs).toHaveLength(expected.size);
    const actual = new Map(segmentTabs.map((tab) => {
      const ids = listedIds(tab);
      return [customers.find((c) => c['customer_id'] === ids[0])?.['segment'] ?? '', ids];
    }));
    expect(actual).toEqual(expected);
    expect([...actual.values()].some((ids) => ids.length === 7)).toBe(true);
  });

  // Six customers alike in revenue, orders and recency, written in descending id order: the cap
  // falls among equals, and the tab takes the smallest ids, as it did when the list was kept
  // while the customers streamed past.
  it('settle ties at the cap by customer id', async () => {
    const header = 'order_id,line_no,customer_id,email,order_date,status,currency,quantity,unit_price,discount,channel,product_category,country';
    const ids = ['C6', 'C5', 'C4', 'C3', 'C2', 'C1'];
    const lines = ids.map((id, i) => `${100 + i},1,${id},${id.toLowerCase()}@example.com,2025-05-01 10:00:00,paid,USD,1,50.00,0,web,home,US`);
    const dir = await tempDirWith({ 'orders.csv': [header, ...lines].join('\n') + '\n' });
    const demo = demoConfig();
    const run = await runCustomerJobLocally(
      { ...demo, sources: { orders: { ...demo.sources.orders, path: path.join(dir, 'orders.csv') } }, clv: { enabled: false }, audiences: { segments: [] }, profiles: { dimensions: ['country'] }, output: { dir: 'out', sink: 'none', rowCap: 2 } },
      DEMO_AS_OF,
    );
    const tabs = run.model.tabs.filter((t) => t.role === 'segment');
    expect(tabs).toHaveLength(1);
    expect(listedIds(tabs[0] as SheetTab)).toEqual(['C1', 'C2']);
  });
});
