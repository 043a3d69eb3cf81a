import type { Config } from '../config/configSchema.ts';
import { FREE_MAIL_DOMAINS, LEAD_STATUS_MAP } from '../leads/freeMailDomains.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import { loadSql } from '../query-engine/sqlCatalog.ts';
import { renderSql, valuesRelation } from '../query-engine/sqlTemplate.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import { UserError } from '../runtime/UserError.ts';
import { accountRows } from './accountRows.ts';
import { writeQuarantine } from './writeQuarantine.ts';
import { messageOf, registerSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';

export const LEADS_QUARANTINE_FILE = 'quarantine_leads.csv';
export const LEAD_ACTIVITIES_QUARANTINE_FILE = 'quarantine_lead_activities.csv';
/** The mapped attributes of the rows kept in `leads`, by `_source_row` (only when some are mapped). */
export const LEAD_ATTRIBUTES_RELATION = 'lead_attributes';

/** The relations {@link ingestLeads} leaves for later steps (to drop once they are read). */
export const LEAD_RELATIONS = ['lead_activity_stats', 'lead_conversions', 'leads', LEAD_ATTRIBUTES_RELATION] as const;

export interface IngestedLeads {
  readonly leads: SourceCounts;
  readonly activities?: SourceCounts;
  /** Lead ids that appeared more than once; the latest row of each was kept. */
  readonly duplicateRows: number;
  /** Non-canonical mapped lead fields (engagement counters `counter_<type>` and attributes). */
  readonly attributes: readonly string[];
}

/**
 * Builds relations `leads` (one row per lead id, the latest row winning), `lead_conversions`
 * (labels from the status and from first purchases of the same e-mail in the window) and, when
 * an activities export is configured, `lead_activity_stats` (events per lead and type, with
 * decay), with `lead_attributes` when the mapping has attributes. Rejected rows go to quarantine
 * files with their reasons.
 */
export async function ingestLeads(engine: QueryEngine, config: Config, asOf: string, results: ResultStore): Promise<IngestedLeads> {
  const source = config.sources.leads;
  if (!source) throw new UserError('leads: the lead job needs sources.leads in the config (or --leads PATH)');
  const registered = await registerSource(engine, 'leads', source);
  await materializeOrExplain(engine, 'leads', 'leads_checked', renderSql(loadSql('leads_checked'), {
    as_of: { date: asOf },
    time_zone: { text: source.timeZone },
    free_mail_domains: { sql: valuesRelation(['domain'], ['VARCHAR'], FREE_MAIL_DOMAINS.map((d) => [d])) },
    status_map: { sql: valuesRelation(['status', 'canonical'], ['VARCHAR', 'VARCHAR'], LEAD_STATUS_MAP.map(([a, b]) => [a, b])) },
  }), source.path);
  const leads = await accountRows(engine, 'leads', source, registered, 'leads_checked', LEADS_QUARANTINE_FILE);
  await writeQuarantine(engine, results, leads, registered, 'leads_checked');
  await engine.materialize('leads', loadSql('leads'));
  const [distinct] = await engine.query('SELECT count(*) AS n FROM leads');
  const duplicateRows = leads.rowsUsed - Number(distinct?.['n'] ?? 0);
  await engine.drop('leads_checked');
  const attributes = registered.mapped.attributes;
  if (attributes.length > 0) {
    await engine.materialize(LEAD_ATTRIBUTES_RELATION,
      `SELECT m._source_row, ${attributes.map((a) => `m.${a}`).join(', ')} FROM ${registered.mappedRelation} AS m JOIN leads AS l ON l._source_row = m._source_row`);
  }
  // All later steps need from the export is in those relations: its copy's memory goes.
  await engine.drop(registered.rawRelation);
  await engine.materialize('lead_conversions', renderSql(loadSql('lead_conversions'), {
    as_of: { date: asOf },
    window_days: { number: config.leads.model.windowDays },
    match_by_domain: { number: config.leads.model.matchByDomain ? 1 : 0 },
  }));

  const activitiesSource = config.sources.leadActivities;
  if (!activitiesSource) return { leads, duplicateRows, attributes };
  const activityExport = await registerSource(engine, 'leadActivities', activitiesSource, '_row_key');
  await materializeOrExplain(engine, 'leadActivities', 'lead_activities_checked',
    renderSql(loadSql('lead_activities_checked'), { as_of: { date: asOf }, time_zone: { text: activitiesSource.timeZone } }), activitiesSource.path);
  const activities = await accountRows(engine, 'leadActivities', activitiesSource, activityExport,
    'lead_activities_checked', LEAD_ACTIVITIES_QUARANTINE_FILE);
  await writeQuarantine(engine, results, activities, activityExport, 'lead_activities_checked');
  await engine.materialize('lead_activity_stats', renderSql(loadSql('lead_activity_stats'), {
    as_of: { date: asOf },
    half_life_days: { number: config.leads.engagement.halfLifeDays },
    window_days: { number: config.leads.model.windowDays },
  }));
  await engine.drop('lead_activities_checked');
  return { leads, activities, duplicateRows, attributes };
}

async function materializeOrExplain(engine: QueryEngine, kind: string, name: string, sql: string, path: string): Promise<void> {
  try {
    await engine.materialize(name, sql);
  } catch (error) {
    throw new UserError(`${kind}: cannot read ${path}: ${messageOf(error)}`);
  }
}
