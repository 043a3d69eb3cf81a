import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { ingestLeads } from '../../functions/ingestion/ingestLeads.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { tempDirWith } from '../support/tempDir.ts';

// The file order decides between rows of one id with the same last activity ("exports append
// updates"), so the leads keep their row numbers while other large exports are checked by key.
const LEADS = [
  'lead_id,email,created_at,status,company,last_activity_at',
  'L1,a@x.io,2024-06-01,open,Newer activity,2024-06-20', //  L1: the latest activity wins ...
  'L1,a@x.io,2024-06-01,open,Older activity,2024-06-10', //  ... though this row comes later
  'L2,b@x.io,2024-06-01,open,First,2024-06-15', //           L2: same activity: the later row wins
  'L3,c@x.io,2024-06-01,open,Only,2024-06-15',
  'L2,b@x.io,2024-06-01,open,Second,2024-06-15',
  'L4,d@x.io,2024-06-01,open,Twin,2024-06-12', //            L4: the same row twice is one lead
  'L4,d@x.io,2024-06-01,open,Twin,2024-06-12',
  'L5,e@x.io,2024-06-01,open,No activity,', //               L5: a dated row beats an undated one
  'L5,e@x.io,2024-06-01,open,Dated,2024-06-01',
].join('\n');

describe('duplicated lead ids', () => {
  it('keep the row with the latest activity, then the later row in the file', async () => {
    const dir = await tempDirWith({ 'orders.csv': 'customer_id,order_date,amount\nc1,2024-01-01,5', 'leads.csv': LEADS });
    const config = parseConfig({
      sources: {
        orders: { path: path.join(dir, 'orders.csv'), mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' } },
        leads: {
          path: path.join(dir, 'leads.csv'),
          mapping: { lead_id: 'lead_id', email: 'email', created_at: 'created_at', status: 'status', company: 'company', last_activity_at: 'last_activity_at' },
        },
      },
    }, 'test');
    const engine = await DuckDbQueryEngine.open({ memoryLimit: '512MB', threads: 2 });
    const results = await LocalResultStore.open(path.join(dir, 'out'));
    try {
      await ingestOrders(engine, config, '2024-06-30', results);
      const ingested = await ingestLeads(engine, config, '2024-06-30', results);
      const rows = await engine.query('SELECT lead_id, company FROM leads ORDER BY lead_id');
      expect(rows.map((r) => [r['lead_id'], r['company']])).toEqual([
        ['L1', 'Newer activity'],
        ['L2', 'Second'],
        ['L3', 'Only'],
        ['L4', 'Twin'],
        ['L5', 'Dated'],
      ]);
      expect(ingested.duplicateRows).toBe(4);
    } finally {
      await results.abort();
      await engine.close();
    }
  });
});
