import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReferenceCsv } from '../support/sharedData.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';
import { tempDirWith } from '../support/tempDir.ts';

describe('CLV with too few repeat buyers', () => {
  it('says so in the CLV tab and run.json instead of printing numbers, and the run still succeeds', async () => {
    // 30 customers with one order each: nobody came back, so no spend model can be fitted.
    const lines = ['customer_id,order_date,amount', ...Array.from({ length: 30 }, (_, i) => `c${i},2024-0${1 + (i % 6)}-1${i % 9},${10 + i}`)];
    const dir = await tempDirWith({ 'orders.csv': `${lines.join('\n')}\n` });
    const run = await runCustomerJobLocally(
      { sources: { orders: { path: path.join(dir, 'orders.csv'), mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' } } }, clv: { holdout: 0 }, profiles: { dimensions: [] } },
      '2024-06-30',
    );
    const clv = run.runReport['clv'] as { status: string; reason: string };
    expect(clv.status).toBe('unavailable');
    expect(clv.reason).toMatch(/only 0 of 30 customers made a repeat purchase/i);
    const tab = run.model.tabs.find((t) => t.role === 'clv');
    expect(tab?.notes[0]).toMatch(/CLV is not available this run: BG\/NBD: only 0 of 30 customers/);
    expect(tab?.blocks).toHaveLength(0);
    const rows = readReferenceCsv(path.join(run.outDir, 'customers.csv'));
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r['clv'] === '' && r['p_alive'] === '')).toBe(true);
  });
});
