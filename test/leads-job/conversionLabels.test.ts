import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { ingestLeads } from '../../functions/ingestion/ingestLeads.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { tempDirWith } from '../support/tempDir.ts';

const ORDERS = [
  'customer_id,email,order_date,amount',
  'c1,Ann@Acme.io,2024-01-20,10', //    same e-mail as lead L1 (other case), 19 days after it: converted
  'c2,bob@acme.io,2024-02-01,10', //    a colleague of L2 at acme.io: converted only when matching by domain
  'c3,cat@gmail.com,2024-01-05,10', //  a gmail buyer: never makes a gmail lead converted by domain
  'c4,dan@late.io,2024-06-01,10', //    bought 150 days after L4: outside the 90-day window
].join('\n');
const LEADS = [
  'lead_id,email,created_at,domain,status',
  'L1,ann@acme.io,2024-01-01,acme.io,open',
  'L2,zoe@acme.io,2024-01-10,acme.io,open',
  'L3,eve@gmail.com,2024-01-02,,open',
  'L4,dan@late.io,2024-01-03,late.io,open',
  'L5,fay@new.io,2024-06-20,new.io,open', //   10 days old: outcome unknown
  'L6,gus@won.io,2024-02-01,won.io,Closed Won', // status says converted
].join('\n');

async function labels(matchByDomain: boolean): Promise<Record<string, unknown>> {
  const dir = await tempDirWith({ 'orders.csv': ORDERS, 'leads.csv': LEADS });
  const config = parseConfig(
    {
      sources: {
        orders: { path: path.join(dir, 'orders.csv'), mapping: { customer_id: 'customer_id', email: 'email', order_date: 'order_date', amount: 'amount' } },
        leads: { path: path.join(dir, 'leads.csv'), mapping: { lead_id: 'lead_id', email: 'email', created_at: 'created_at', domain: 'domain', status: 'status' } },
      },
      leads: { model: { matchByDomain } },
    },
    'test',
  );
  const engine = await DuckDbQueryEngine.open({ memoryLimit: '512MB', threads: 1 });
  const results = await LocalResultStore.open(dir);
  try {
    await ingestOrders(engine, config, '2024-06-30', results);
    await ingestLeads(engine, config, '2024-06-30', results);
    const rows = await engine.query('SELECT lead_id, converted FROM lead_conversions ORDER BY lead_id');
    return Object.fromEntries(rows.map((r) => [r['lead_id'], r['converted']]));
  } finally {
    await results.abort();
    await engine.close();
  }
}

describe('conversion labels (sql/lead_conversions.sql)', () => {
  it('labels by e-mail (any case) within the window, by status, and leaves young leads unknown', async () => {
    expect(await labels(false)).toEqual({ L1: true, L2: false, L3: false, L4: false, L5: null, L6: true });
  });

  it('optionally counts a buyer from the lead company domain, never a free-mail one', async () => {
    expect(await labels(true)).toEqual({ L1: true, L2: true, L3: false, L4: false, L5: null, L6: true });
  });
});
