import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, readReferenceCsv, sharedDataPath } from '../support/sharedData.ts';
import { R_PACKAGE_TESTTHAT_TABLE, R_PACKAGE_VIGNETTE_TABLE } from '../support/rPackageSegmentTables.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';

const DIR = 'rfm/rsquaredacademy_rfm';
const ORDERS = () => sharedDataPath(DIR, 'rfm_data_orders.csv');

function configWith(segments: readonly { name: string; r: [number, number]; f: [number, number]; m: [number, number] }[]) {
  return {
    sources: { orders: { path: ORDERS(), mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'revenue' } } },
    rfm: { segments: segments.map((s) => ({ ...s })) },
    profiles: { dimensions: [] },
  };
}

type Run = Awaited<ReturnType<typeof runCustomerJobLocally>>;

/** The R package `rfm` 0.3.0 on its own orders data, analysis date 2006-12-31 (shared/data/rfm). */
describe.skipIf(!hasSharedData(DIR))('RFM against the R package rfm (rfm_data_orders, 2006-12-31)', () => {
  let vignette: Run;
  let testthat: Run;
  beforeAll(async () => {
    vignette = await runCustomerJobLocally(configWith(R_PACKAGE_VIGNETTE_TABLE as never), '2006-12-31');
    testthat = await runCustomerJobLocally(configWith(R_PACKAGE_TESTTHAT_TABLE as never), '2006-12-31');
  });

  it('finds the 995 customers and 4,906 orders', () => {
    expect(vignette.runReport['customers']).toBe(995);
    const segments = (vignette.runReport['rfm'] as { segments: { orders: number }[] }).segments;
    expect(segments.reduce((a, s) => a + s.orders, 0)).toBe(4906);
  });

  it('uses the published bin thresholds', () => {
    const expected = readReferenceCsv(sharedDataPath(DIR, 'expected_thresholds_2006-12-31.csv'));
    const cuts = (vignette.runReport['rfm'] as { cuts: Record<string, number[]> }).cuts;
    // The file lists [lower, upper) per bin; the cut points are the interior edges.
    const interior = (column: string) => expected.slice(0, -1).map((row) => Number(row[column]));
    expect(cuts['recency']).toEqual(interior('recency_upper'));
    expect(cuts['frequency']).toEqual(interior('frequency_upper'));
    expect(cuts['monetary']!.map((c) => Math.round(c * 10) / 10)).toEqual(interior('monetary_upper'));
  });

  it('gives every customer the R, F and M scores of the package', () => {
    const expected = readReferenceCsv(sharedDataPath(DIR, 'expected_rfm_table_order_2006-12-31.csv'));
    const produced = readReferenceCsv(path.join(vignette.outDir, 'customers.csv'));
    const byId = new Map(produced.map((row) => [row['customer_id'], row]));
    expect(produced).toHaveLength(expected.length);
    const mismatches = expected.filter((e) => {
      const p = byId.get(e['customer_id']);
      return (
        !p ||
        p['recency'] !== e['recency_days'] ||
        p['frequency'] !== e['transaction_count'] ||
        Number(p['monetary']) !== Number(e['amount']) ||
        p['rfm_code'] !== e['rfm_score'] ||
        p['segment'] !== e['segment_vignette_table']
      );
    });
    expect(mismatches).toEqual([]);
  });

  it('reproduces the published score counts (F is lumpy because equal values share a score)', () => {
    const counts = (vignette.runReport['rfm'] as { scoreCounts: Record<string, Record<string, number>> }).scoreCounts;
    expect(Object.values(counts['r']!)).toEqual([197, 200, 199, 199, 200]);
    expect(Object.values(counts['f']!)).toEqual([268, 187, 176, 244, 120]);
    expect(Object.values(counts['m']!)).toEqual([200, 200, 198, 202, 195]);
  });

  it('reproduces the vignette segment summary', () => {
    const expected = readReferenceCsv(sharedDataPath(DIR, 'expected_segment_summary_vignette_table.csv'));
    const segments = (vignette.runReport['rfm'] as { segments: { segment: string; customers: number; orders: number; revenue: number }[] }).segments;
    for (const row of expected) {
      const s = segments.find((x) => x.segment === row['segment']);
      expect({ segment: row['segment'], customers: s?.customers, orders: s?.orders, revenue: s?.revenue }).toEqual({
        segment: row['segment'],
        customers: Number(row['customers']),
        orders: Number(row['orders']),
        revenue: Number(row['revenue']),
      });
    }
  });

  it('gives Champions = 158 customers / 1234 orders / 120178 revenue with the test table', () => {
    const segments = (testthat.runReport['rfm'] as { segments: { segment: string; customers: number; orders: number; revenue: number }[] }).segments;
    expect(segments.find((s) => s.segment === 'Champions')).toMatchObject({ customers: 158, orders: 1234, revenue: 120178 });
    const expected = readReferenceCsv(sharedDataPath(DIR, 'expected_segment_summary_testthat_table.csv'));
    for (const row of expected) {
      expect(segments.find((s) => s.segment === row['segment'])?.customers).toBe(Number(row['customers']));
    }
  });

  it('reports the segments the test table leaves empty, and its unmatched customers', () => {
    const rfm = testthat.runReport['rfm'] as { emptySegments: string[]; segments: { segment: string; customers: number }[] };
    expect(rfm.emptySegments.sort()).toEqual(["Can't Lose Them", 'New Customers', 'Promising']);
    expect(rfm.segments.find((s) => s.segment === 'Others')?.customers).toBe(48);
    const summary = testthat.model.tabs.find((t) => t.role === 'summary');
    expect(summary?.notes.join(' ')).toContain('Empty this run');
  });

  it('writes the vignette example rows as published (Abbey O\'Reilly: 205 days, 6 orders, 472, R3 F4 M3)', () => {
    const produced = readFileSync(path.join(vignette.outDir, 'customers.csv'), 'utf8');
    expect(produced).toContain("Abbey O'Reilly,,205,6,472,3,4,3,343,Potential Loyalist");
  });
});
