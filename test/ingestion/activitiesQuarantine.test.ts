import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { ingestLeads, LEAD_ACTIVITIES_QUARANTINE_FILE } from '../../functions/ingestion/ingestLeads.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

// Activities are checked without row numbers (in parallel); the quarantine file must still give
// each rejected row its own data row number, also when the same bad row appears twice.
const ACTIVITIES = [
  'lead_id,activity_type,occurred_at',
  'L1,page_view,2024-06-20', //     row 1: fine
  'L9,page_view,2024-06-20', //     row 2: unknown lead
  'L1,email_open,2024-07-02', //    row 3: after as_of
  'L1,page_view,2024-06-20', //     row 4: fine (same as row 1)
  'L1,demo,someday', //             row 5: unparseable
  'L9,page_view,2024-06-20', //     row 6: row 2 again
].join('\n');

describe('lead activities quarantine', () => {
  it('lists every rejected row once, with its reason and its own row number', async () => {
    const dir = await tempDirWith({
      'orders.csv': 'customer_id,order_date,amount\nc1,2024-01-01,5',
      'leads.csv': 'lead_id,email,created_at,status\nL1,a@x.io,2024-06-01,open',
      'activities.csv': ACTIVITIES,
    });
    const config = parseConfig({
      sources: {
        orders: { path: path.join(dir, 'orders.csv'), mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' } },
        leads: { path: path.join(dir, 'leads.csv'), mapping: { lead_id: 'lead_id', email: 'email', created_at: 'created_at', status: 'status' } },
        leadActivities: { path: path.join(dir, 'activities.csv'), mapping: { lead_id: 'lead_id', activity_type: 'activity_type', occurred_at: 'occurred_at' } },
      },
    }, 'test');
    const engine = await DuckDbQueryEngine.open({ memoryLimit: '512MB', threads: 2 });
    const out = path.join(dir, 'out');
    const results = await LocalResultStore.open(out);
    try {
      await ingestOrders(engine, config, '2024-06-30', results);
      const ingested = await ingestLeads(engine, config, '2024-06-30', results);
      await results.commit();

      expect(ingested.activities).toMatchObject({ rowsRead: 6, rowsUsed: 2, rowsQuarantined: 4 });
      const rows = readReferenceCsv(path.join(out, LEAD_ACTIVITIES_QUARANTINE_FILE));
      expect(rows.map((r) => [r['quarantine_reason'], r['source_row'], r['lead_id'], r['occurred_at']])).toEqual([
        ['unknown lead_id', '2', 'L9', '2024-06-20'],
        ['occurred_at after as_of', '3', 'L1', '2024-07-02'],
        ['unparseable occurred_at', '5', 'L1', 'someday'],
        ['unknown lead_id', '6', 'L9', '2024-06-20'],
      ]);
    } finally {
      await engine.close();
    }
  });
});
