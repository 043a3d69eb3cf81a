import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../functions/config/configSchema.ts';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { ingestLeads } from '../../functions/ingestion/ingestLeads.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import { readLeadRecords } from '../../functions/jobs/readLeadRecords.ts';
import { decayWeight } from '../../functions/leads/activityDecay.ts';
import type { LeadRecord } from '../../functions/leads/LeadRecord.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { tempDirWith } from '../support/tempDir.ts';

const AS_OF = '2024-06-30';
const HALF_LIFE = 30;
// 60 activity types: more than get columns of their own, so the rare ones take the narrow path.
const TYPES = Array.from({ length: 60 }, (_, i) => `type_${String(i).padStart(2, '0')}`);

/** Lead L1 does every type once on 2024-06-20; lead L2 does type_00 on two dates. L3 nothing. */
function activitiesCsv(): string {
  const rows = ['lead_id,activity_type,occurred_at'];
  for (const type of TYPES) rows.push(`L1,${type},2024-06-20`);
  rows.push('L2,type_00,2024-06-30', 'L2,type_00,2024-05-31');
  return rows.join('\n');
}

/** The lead records of a configuration's exports, ingested into a fresh engine. */
async function ingestedRecords(config: Config, dir: string, withActivityStats: boolean): Promise<LeadRecord[]> {
  const engine = await DuckDbQueryEngine.open({ memoryLimit: '512MB', threads: 1 });
  const results = await LocalResultStore.open(dir);
  try {
    await ingestOrders(engine, config, AS_OF, results);
    const ingested = await ingestLeads(engine, config, AS_OF, results);
    return await readLeadRecords(engine, ingested.attributes, { asOf: AS_OF, halfLifeDays: HALF_LIFE, withActivityStats });
  } finally {
    await results.abort();
    await engine.close();
  }
}

describe('readLeadRecords', () => {
  it('attaches every activity type to its lead, common types as wide columns and rare ones by a narrow stream', async () => {
    const dir = await tempDirWith({
      'orders.csv': 'customer_id,order_date,amount\nc1,2024-01-01,5',
      'leads.csv': 'lead_id,email,created_at,status\nL1,a@x.io,2024-06-01,open\nL2,b@y.io,2024-05-01,open\nL3,c@z.io,2024-06-02,open',
      'activities.csv': activitiesCsv(),
    });
    const config = parseConfig({
      sources: {
        orders: { path: path.join(dir, 'orders.csv'), mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' } },
        leads: { path: path.join(dir, 'leads.csv'), mapping: { lead_id: 'lead_id', email: 'email', created_at: 'created_at', status: 'status' } },
        leadActivities: { path: path.join(dir, 'activities.csv'), mapping: { lead_id: 'lead_id', activity_type: 'activity_type', occurred_at: 'occurred_at' } },
      },
      leads: { engagement: { halfLifeDays: HALF_LIFE } },
    }, 'test');
    const records = await ingestedRecords(config, dir, true);
    expect(records.map((r) => r.leadId)).toEqual(['L1', 'L2', 'L3']);
    const [l1, l2, l3] = records;
    expect(Object.keys(l1!.activity).sort()).toEqual(TYPES);
    for (const type of TYPES) {
      expect(l1!.activity[type]!.count).toBe(1);
      expect(l1!.activity[type]!.decayedCount).toBeCloseTo(decayWeight(10, HALF_LIFE), 12);
      expect(l1!.activity[type]!.lastAt).toBe('2024-06-20');
    }
    expect(l2!.activity).toEqual({ type_00: { count: 2, decayedCount: expect.closeTo(1.5, 12), lastAt: '2024-06-30' } });
    expect(l3!.activity).toEqual({});
    expect(l2!.createdAt).toBe('2024-05-01');
  });

  it('reads repeating text columns (coded by the engine) and free text alike, also past the coded limit', async () => {
    // 100,001 distinct titles: more than are read as codes, so titles come back as text.
    const rows = ['lead_id,email,created_at,status,industry,owner,title,country'];
    rows.push('L1,a@x.io,2024-06-01,open,Software,kim,CEO,DE', 'L2,b@y.io,2024-05-01,Converted,,ana,,', 'L3,c@z.io,2024-06-02,open,Retail,kim,Intern,US');
    for (let i = 4; i <= 100_004; i++) rows.push(`L${i},l${i}@w.io,2024-06-01,open,Software,ana,Title ${i},DE`);
    const dir = await tempDirWith({ 'orders.csv': 'customer_id,order_date,amount\nc1,2024-01-01,5', 'leads.csv': rows.join('\n') });
    const mapping = { lead_id: 'lead_id', email: 'email', created_at: 'created_at', status: 'status', industry: 'industry', owner: 'owner', title: 'title', country: 'country' };
    const config = parseConfig({
      sources: {
        orders: { path: path.join(dir, 'orders.csv'), mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' } },
        leads: { path: path.join(dir, 'leads.csv'), mapping },
      },
    }, 'test');
    const records = await ingestedRecords(config, dir, false);
    expect(records).toHaveLength(100_004);
    const byId = new Map(records.map((r) => [r.leadId, r]));
    const pick = (id: string) => {
      const r = byId.get(id)!;
      return { industry: r.industry, owner: r.owner, title: r.title, country: r.country, status: r.status, region: r.region };
    };
    expect(pick('L1')).toEqual({ industry: 'Software', owner: 'kim', title: 'CEO', country: 'DE', status: 'open', region: null });
    expect(pick('L2')).toEqual({ industry: null, owner: 'ana', title: null, country: null, status: 'converted', region: null });
    expect(pick('L3')).toEqual({ industry: 'Retail', owner: 'kim', title: 'Intern', country: 'US', status: 'open', region: null });
    expect(pick('L100004')).toEqual({ industry: 'Software', owner: 'ana', title: 'Title 100004', country: 'DE', status: 'open', region: null });
  });
});
