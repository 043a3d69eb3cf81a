import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { ingestLeads } from '../../functions/ingestion/ingestLeads.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { tempDirWith } from '../support/tempDir.ts';

// A Parquet TIMESTAMP WITH TIME ZONE reads as text ending in "+00": an instant, which belongs
// to the source's time zone (as in orders, test/ingestion/parquetTypedColumns.test.ts).
describe('leads and activities from Parquet with TIMESTAMP WITH TIME ZONE columns', () => {
  it('dates each instant in the source time zone', async () => {
    const dir = await tempDirWith({ 'orders.csv': 'customer_id,order_date,amount\nc1,2024-01-01,5' });
    const writer = await DuckDbQueryEngine.open({ memoryLimit: '256MB', threads: 1 });
    const leadsFile = path.join(dir, 'leads.parquet');
    const activitiesFile = path.join(dir, 'activities.parquet');
    try {
      await writer.query(`COPY (SELECT * FROM (VALUES ('L1', 'a@x.io', TIMESTAMPTZ '2024-06-01 23:30:00+00', 'open')) AS t(lead_id, email, created_at, status)) TO '${leadsFile}' (FORMAT parquet)`);
      await writer.query(
        `COPY (SELECT * FROM (VALUES ('L1', 'visit', TIMESTAMPTZ '2024-06-29 21:30:00+00'), ('L1', 'visit', TIMESTAMPTZ '2024-06-30 22:30:00+00')) AS t(lead_id, activity_type, occurred_at)) TO '${activitiesFile}' (FORMAT parquet)`,
      );
    } finally {
      await writer.close();
    }
    const config = parseConfig({
      sources: {
        orders: { path: path.join(dir, 'orders.csv'), mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' } },
        leads: { path: leadsFile, format: 'parquet', timeZone: 'Europe/Berlin', mapping: { lead_id: 'lead_id', email: 'email', created_at: 'created_at', status: 'status' } },
        leadActivities: { path: activitiesFile, format: 'parquet', timeZone: 'Europe/Berlin', mapping: { lead_id: 'lead_id', activity_type: 'activity_type', occurred_at: 'occurred_at' } },
      },
    }, 'test');
    const engine = await DuckDbQueryEngine.open({ memoryLimit: '512MB', threads: 1 });
    const results = await LocalResultStore.open(dir);
    try {
      await ingestOrders(engine, config, '2024-06-30', results);
      const ingested = await ingestLeads(engine, config, '2024-06-30', results);
      // 23:30 UTC on 1 June is 01:30 on 2 June in Berlin (CEST, +2).
      expect((await engine.query('SELECT created_at FROM leads'))[0]?.['created_at']).toBe('2024-06-02');
      // 21:30 UTC on 29 June is 23:30 that day in Berlin: used, and its date is the last activity.
      // 22:30 UTC on 30 June is already 1 July in Berlin: after as_of, quarantined.
      expect(ingested.activities?.quarantinedByReason).toEqual({ 'occurred_at after as_of': 1 });
      expect((await engine.query('SELECT last_at FROM lead_activity_stats'))[0]?.['last_at']).toBe('2024-06-29');
    } finally {
      await results.abort();
      await engine.close();
    }
  });
});
