import { activityStatFromCounter } from '../leads/activityDecay.ts';
import type { ActivityStat, LeadRecord, LeadStatus } from '../leads/LeadRecord.ts';
import type { QueryEngine, SqlRow, SqlValue } from '../query-engine/QueryEngine.ts';

const COUNTER_PREFIX = 'counter_';

/**
 * Reads every lead with its conversion label and activity, as {@link LeadRecord}s in lead-id
 * order. Activity comes from `lead_activity_stats` (per event, decayed) when the activities
 * export exists; otherwise from the export's `counter_<type>` columns, decayed by the age of
 * the lead's last activity.
 */
export async function readLeadRecords(
  engine: QueryEngine,
  attributes: readonly string[],
  options: { asOf: string; halfLifeDays: number; withActivityStats: boolean },
): Promise<LeadRecord[]> {
  const extra = attributes.map((a) => `, m.${a}`).join('');
  const leadsSql =
    `SELECT l.*, c.converted, c.converted_at${extra} FROM leads AS l ` +
    'LEFT JOIN lead_conversions AS c ON c.lead_id = l.lead_id ' +
    (attributes.length > 0 ? 'LEFT JOIN leads_mapped AS m ON m._source_row = l._source_row ' : '') +
    'ORDER BY l.lead_id';
  const records: LeadRecord[] = [];
  const byId = new Map<string, LeadRecord>();
  for await (const batch of engine.stream(leadsSql)) {
    for (const row of batch) {
      const leadId = String(row['lead_id']);
      const record = toLeadRecord(row, leadId, options.withActivityStats ? {} : counterActivity(row, attributes, options), attributes);
      records.push(record);
      byId.set(leadId, record);
    }
  }
  if (options.withActivityStats) {
    // A second, narrow stream (an engine connection serves one at a time) attaches the activity
    // statistics; joining them into the wide lead rows would repeat every lead column per type.
    for await (const batch of engine.stream('SELECT lead_id, activity_type, events, decayed_events, last_at FROM lead_activity_stats')) {
      for (const row of batch) {
        const record = byId.get(String(row['lead_id']));
        if (!record) continue;
        record.activity[String(row['activity_type'])] = {
          count: Number(row['events']),
          decayedCount: Number(row['decayed_events']),
          lastAt: text(row['last_at']),
        };
      }
    }
  }
  return records;
}

/** Activity from the export's `counter_<type>` columns, decayed by the age of the last activity. */
function counterActivity(row: SqlRow, attributes: readonly string[], options: { asOf: string; halfLifeDays: number }): Record<string, ActivityStat> {
  const activity: Record<string, ActivityStat> = {};
  for (const a of attributes.filter((name) => name.startsWith(COUNTER_PREFIX))) {
    const count = Number(row[a] ?? 0);
    if (Number.isFinite(count) && count > 0) {
      activity[a.slice(COUNTER_PREFIX.length)] = activityStatFromCounter(count, text(row['last_activity_at']), options.asOf, options.halfLifeDays);
    }
  }
  return activity;
}

function toLeadRecord(row: SqlRow, leadId: string, activity: Record<string, ActivityStat>, attributes: readonly string[]): LeadRecord {
  const attributeValues: Record<string, string | number | null> = {};
  for (const a of attributes) {
    const v = row[a];
    attributeValues[a] = v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
  }
  return {
    leadId,
    email: text(row['email']),
    emailValid: row['email_valid'] === true,
    freeMail: row['free_mail'] === true,
    emailDomain: text(row['email_domain']),
    createdAt: String(row['created_at']),
    company: text(row['company']),
    domain: text(row['domain']),
    industry: text(row['industry']),
    companySize: num(row['company_size']),
    annualRevenue: num(row['annual_revenue']),
    budget: num(row['budget']),
    country: text(row['country']),
    region: text(row['region']),
    title: text(row['title']),
    source: text(row['source']),
    owner: text(row['owner']),
    status: String(row['status']) as LeadStatus,
    lastActivityAt: text(row['last_activity_at']),
    activity,
    converted: row['converted'] === null || row['converted'] === undefined ? null : row['converted'] === true,
    convertedAt: text(row['converted_at']),
    attributes: attributeValues,
  };
}

function text(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function num(value: SqlValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
