import { activityStatFromCounter } from '../leads/activityDecay.ts';
import type { ActivityStat, LeadRecord, LeadStatus } from '../leads/LeadRecord.ts';
import type { QueryEngine, SqlRow, SqlValue } from '../query-engine/QueryEngine.ts';
import { textLiteral } from '../query-engine/sqlTemplate.ts';
import { leadActivityColumns } from './leadActivityColumns.ts';
import { leadTextCodes, REPEATING_TEXT_FIELDS, type LeadTextCodes } from './leadTextCodes.ts';

const COUNTER_PREFIX = 'counter_';

/**
 * Reads every lead with its conversion label and activity, as {@link LeadRecord}s in lead-id
 * order. Activity comes from `lead_activity_stats` (per event, decayed) when the activities
 * export exists; otherwise from the export's `counter_<type>` columns, decayed by the age of
 * the lead's last activity.
 *
 * With activity statistics, the common activity types arrive as numeric columns of the lead rows
 * (events, decayed events, day of the last event per type; see {@link leadActivityColumns}): one
 * stream of a million rows instead of a second one of five million, with no lead-id strings to
 * decode and match. Types beyond those (rare) follow in a narrow stream.
 */
export async function readLeadRecords(
  engine: QueryEngine,
  attributes: readonly string[],
  options: { asOf: string; halfLifeDays: number; withActivityStats: boolean },
): Promise<LeadRecord[]> {
  const types = options.withActivityStats ? await activityTypesByLeads(engine) : [];
  const wide = leadActivityColumns(types.slice(0, MAX_WIDE_ACTIVITY_TYPES));
  const codes = await leadTextCodes(engine, REPEATING_TEXT_FIELDS);
  const extra = attributes.map((a) => `, m.${a}`).join('');
  const leadsSql =
    `SELECT ${LEAD_COLUMNS.map(codes.selectOf).join(', ')}, c.converted, c.converted_at${extra}${wide.selectList} FROM leads AS l ` +
    'LEFT JOIN lead_conversions AS c ON c.lead_id = l.lead_id ' +
    (attributes.length > 0 ? 'LEFT JOIN leads_mapped AS m ON m._source_row = l._source_row ' : '') +
    (wide.types.length > 0 ? `LEFT JOIN (${wide.relation}) AS w ON w.lead_id = l.lead_id ` : '') +
    `${codes.joins} ORDER BY l.lead_id`;
  const records: LeadRecord[] = [];
  for await (const batch of engine.stream(leadsSql)) {
    for (const row of batch) {
      const activity = options.withActivityStats ? wide.activityOf(row) : counterActivity(row, attributes, options);
      records.push(toLeadRecord(row, codes.textOf, activity, attributes));
    }
  }
  if (types.length > wide.types.length) await attachRareActivity(engine, records, wide.types);
  return records;
}

/** The columns of `leads` (sql/leads.sql) a {@link LeadRecord} is made of. */
const LEAD_COLUMNS = [
  'lead_id', 'email', 'email_valid', 'email_domain', 'free_mail', 'created_at', 'company', 'domain', 'industry', 'company_size',
  'annual_revenue', 'budget', 'country', 'region', 'title', 'source', 'owner', 'status', 'last_activity_at',
];

/** Most activity types given columns of their own in the lead rows; the rest come by a narrow stream. */
export const MAX_WIDE_ACTIVITY_TYPES = 48;

/** The activity types of `lead_activity_stats`, done by most leads first (ties by name). */
async function activityTypesByLeads(engine: QueryEngine): Promise<string[]> {
  const rows = await engine.query(
    'SELECT activity_type, count(*) AS leads FROM lead_activity_stats GROUP BY activity_type ORDER BY leads DESC, activity_type',
  );
  return rows.map((r) => String(r['activity_type']));
}

/** Attaches the activity of the types without columns of their own, by a narrow stream and an id map. */
async function attachRareActivity(engine: QueryEngine, records: readonly LeadRecord[], wideTypes: readonly string[]): Promise<void> {
  const byId = new Map(records.map((r) => [r.leadId, r]));
  const exclude = wideTypes.length > 0 ? ` WHERE activity_type NOT IN (${wideTypes.map(textLiteral).join(', ')})` : '';
  for await (const batch of engine.stream(`SELECT lead_id, activity_type, events, decayed_events, last_at FROM lead_activity_stats${exclude}`)) {
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

function toLeadRecord(row: SqlRow, textOf: LeadTextCodes['textOf'], activity: Record<string, ActivityStat>, attributes: readonly string[]): LeadRecord {
  return {
    leadId: String(row['lead_id']),
    email: text(row['email']),
    emailValid: row['email_valid'] === true,
    freeMail: row['free_mail'] === true,
    emailDomain: textOf(row, 'email_domain'),
    createdAt: String(row['created_at']),
    company: textOf(row, 'company'),
    domain: textOf(row, 'domain'),
    industry: textOf(row, 'industry'),
    companySize: num(row['company_size']),
    annualRevenue: num(row['annual_revenue']),
    budget: num(row['budget']),
    country: textOf(row, 'country'),
    region: textOf(row, 'region'),
    title: textOf(row, 'title'),
    source: textOf(row, 'source'),
    owner: textOf(row, 'owner'),
    status: textOf(row, 'status') as LeadStatus,
    lastActivityAt: text(row['last_activity_at']),
    activity,
    converted: row['converted'] === null || row['converted'] === undefined ? null : row['converted'] === true,
    convertedAt: text(row['converted_at']),
    attributes: attributes.length === 0 ? NO_ATTRIBUTES : attributeValuesOf(row, attributes),
  };
}

/** The attributes of every lead when none are mapped: one shared, frozen object instead of a million empty ones. */
const NO_ATTRIBUTES: Record<string, string | number | null> = Object.freeze({});

function attributeValuesOf(row: SqlRow, attributes: readonly string[]): Record<string, string | number | null> {
  const values: Record<string, string | number | null> = {};
  for (const a of attributes) {
    const v = row[a];
    values[a] = v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
  }
  return values;
}

function text(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function num(value: SqlValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
