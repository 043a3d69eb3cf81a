import { LEAD_ATTRIBUTES_RELATION } from '../ingestion/ingestLeads.ts';
import { activityStatFromCounter } from '../leads/activityDecay.ts';
import type { ActivityStat, LeadRecord, LeadStatus } from '../leads/LeadRecord.ts';
import type { ColumnBatch } from '../query-engine/ColumnBatch.ts';
import type { QueryEngine, SqlValue } from '../query-engine/QueryEngine.ts';
import { textLiteral } from '../query-engine/sqlTemplate.ts';
import { leadActivityColumns } from './leadActivityColumns.ts';
import { textCodes, type TextCodes } from '../query-engine/textCodes.ts';

const COUNTER_PREFIX = 'counter_';

/**
 * Text columns of `leads` whose values repeat across leads in most exports, read as codes: a CRM's
 * picklists and owners, and the companies (several leads per company) with their domains.
 */
const REPEATING_TEXT_FIELDS = ['industry', 'country', 'region', 'title', 'source', 'owner', 'status', 'company', 'domain', 'email_domain'] as const;

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
  const codes = await textCodes(engine, { relation: 'leads', alias: 'l' }, REPEATING_TEXT_FIELDS);
  const extra = attributes.map((a) => `, m.${a}`).join('');
  const leadsSql =
    `SELECT ${LEAD_COLUMNS.map(codes.selectOf).join(', ')}, c.converted, c.converted_at${extra}${wide.selectList} FROM leads AS l ` +
    'LEFT JOIN lead_conversions AS c ON c.lead_id = l.lead_id ' +
    (attributes.length > 0 ? `LEFT JOIN ${LEAD_ATTRIBUTES_RELATION} AS m ON m._source_row = l._source_row ` : '') +
    (wide.types.length > 0 ? `LEFT JOIN (${wide.relation}) AS w ON w.lead_id = l.lead_id ` : '') +
    `${codes.joins} ORDER BY l.lead_id`;
  const records: LeadRecord[] = [];
  // Column by column: the rows are wide (three columns per activity type), and most of their
  // values are numbers and codes, read without an object per row.
  for await (const batch of engine.streamColumns(leadsSql)) {
    const activityOf = options.withActivityStats ? wide.activityColumn(batch) : counterActivityColumn(batch, attributes, options);
    const recordOf = leadRecordColumn(batch, codes, attributes);
    for (let row = 0; row < batch.rowCount; row++) records.push(recordOf(row, activityOf(row)));
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
function counterActivityColumn(
  batch: ColumnBatch,
  attributes: readonly string[],
  options: { asOf: string; halfLifeDays: number },
): (row: number) => Record<string, ActivityStat> {
  const counters = attributes.filter((name) => name.startsWith(COUNTER_PREFIX)).map((name) => ({ type: name.slice(COUNTER_PREFIX.length), values: batch.column(name) }));
  const lastActivity = batch.column('last_activity_at');
  return (row) => {
    const activity: Record<string, ActivityStat> = {};
    for (const { type, values } of counters) {
      const count = Number(values[row] ?? 0);
      if (Number.isFinite(count) && count > 0) {
        activity[type] = activityStatFromCounter(count, text(lastActivity[row]), options.asOf, options.halfLifeDays);
      }
    }
    return activity;
  };
}

/** The {@link LeadRecord}s of a batch of the lead query, by row index, given each lead's activity. */
function leadRecordColumn(
  batch: ColumnBatch,
  codes: TextCodes,
  attributes: readonly string[],
): (row: number, activity: Record<string, ActivityStat>) => LeadRecord {
  const leadId = batch.column('lead_id');
  const email = batch.column('email');
  const emailValid = batch.column('email_valid');
  const freeMail = batch.column('free_mail');
  const createdAt = batch.column('created_at');
  const companySize = batch.column('company_size');
  const annualRevenue = batch.column('annual_revenue');
  const budget = batch.column('budget');
  const lastActivityAt = batch.column('last_activity_at');
  const converted = batch.column('converted');
  const convertedAt = batch.column('converted_at');
  const emailDomain = codes.textColumn(batch, 'email_domain');
  const company = codes.textColumn(batch, 'company');
  const domain = codes.textColumn(batch, 'domain');
  const industry = codes.textColumn(batch, 'industry');
  const country = codes.textColumn(batch, 'country');
  const region = codes.textColumn(batch, 'region');
  const title = codes.textColumn(batch, 'title');
  const source = codes.textColumn(batch, 'source');
  const owner = codes.textColumn(batch, 'owner');
  const status = codes.textColumn(batch, 'status');
  const attributeColumns = attributes.map((name) => ({ name, values: batch.column(name) }));
  return (row, activity) => ({
    leadId: String(leadId[row]),
    email: text(email[row]),
    emailValid: emailValid[row] === true,
    freeMail: freeMail[row] === true,
    emailDomain: emailDomain(row),
    createdAt: String(createdAt[row]),
    company: company(row),
    domain: domain(row),
    industry: industry(row),
    companySize: num(companySize[row]),
    annualRevenue: num(annualRevenue[row]),
    budget: num(budget[row]),
    country: country(row),
    region: region(row),
    title: title(row),
    source: source(row),
    owner: owner(row),
    status: status(row) as LeadStatus,
    lastActivityAt: text(lastActivityAt[row]),
    activity,
    converted: converted[row] === null || converted[row] === undefined ? null : converted[row] === true,
    convertedAt: text(convertedAt[row]),
    attributes: attributeColumns.length === 0 ? NO_ATTRIBUTES : attributeValuesOf(attributeColumns, row),
  });
}

/** The attributes of every lead when none are mapped: one shared, frozen object instead of a million empty ones. */
const NO_ATTRIBUTES: Record<string, string | number | null> = Object.freeze({});

function attributeValuesOf(columns: readonly { name: string; values: readonly SqlValue[] }[], row: number): Record<string, string | number | null> {
  const values: Record<string, string | number | null> = {};
  for (const { name, values: column } of columns) {
    const v = column[row];
    values[name] = v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
  }
  return values;
}

function text(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function num(value: SqlValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
