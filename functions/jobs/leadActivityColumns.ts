import type { ActivityStat } from '../leads/LeadRecord.ts';
import { isoDateOfDay } from '../leads/isoDays.ts';
import type { SqlRow } from '../query-engine/QueryEngine.ts';
import { textLiteral } from '../query-engine/sqlTemplate.ts';

/** Activity types as numeric columns of the lead rows, and how to read them back. */
export interface LeadActivityColumns {
  readonly types: readonly string[];
  /** `, w.a0_events, w.a0_decayed, w.a0_last_day, …` for the lead query's select list ('' without types). */
  readonly selectList: string;
  /** One row per lead id (alias `w` in the lead query) with the columns of {@link selectList}. */
  readonly relation: string;
  /** A lead row's activity of these types; types the lead did not do are left out. */
  activityOf(row: SqlRow): Record<string, ActivityStat>;
}

/**
 * Pivots `lead_activity_stats` (one row per lead and type) into one row per lead with three
 * numeric columns per type: events, decayed events and the day number of the last event.
 * Numbers come out of the engine far cheaper than text, and the last day becomes one shared ISO
 * string per day. Column names are positional (`a<i>_…`): activity types are data, never SQL.
 *
 * @example
 * ```ts
 * const wide = leadActivityColumns(['page_view', 'demo_request']);
 * const sql = `SELECT l.*${wide.selectList} FROM leads AS l LEFT JOIN (${wide.relation}) AS w ON w.lead_id = l.lead_id`;
 * wide.activityOf(row); // { page_view: { count: 3, decayedCount: 2.6, lastAt: '2025-06-28' } }
 * ```
 */
export function leadActivityColumns(types: readonly string[]): LeadActivityColumns {
  const names = types.map((_, i) => ({ events: `a${i}_events`, decayed: `a${i}_decayed`, lastDay: `a${i}_last_day` }));
  const columns = types.map((type, i) => {
    const when = `WHEN activity_type = ${textLiteral(type)}`;
    const { events, decayed, lastDay } = names[i] as { events: string; decayed: string; lastDay: string };
    return `CAST(max(CASE ${when} THEN events END) AS INTEGER) AS ${events}, ` +
      `max(CASE ${when} THEN decayed_events END) AS ${decayed}, ` +
      `CAST(max(CASE ${when} THEN date_diff('day', DATE '1970-01-01', last_at) END) AS INTEGER) AS ${lastDay}`;
  });
  const activityOf = (row: SqlRow): Record<string, ActivityStat> => {
    const activity: Record<string, ActivityStat> = {};
    for (let i = 0; i < names.length; i++) {
      const { events, decayed, lastDay } = names[i] as { events: string; decayed: string; lastDay: string };
      const count = row[events];
      if (typeof count !== 'number') continue;
      const day = row[lastDay];
      activity[types[i] as string] = {
        count,
        decayedCount: Number(row[decayed]),
        lastAt: typeof day === 'number' ? isoDateOfDay(day) : null,
      };
    }
    return activity;
  };
  return {
    types,
    selectList: names.map((n) => `, w.${n.events}, w.${n.decayed}, w.${n.lastDay}`).join(''),
    relation: `SELECT lead_id, ${columns.join(', ')} FROM lead_activity_stats GROUP BY lead_id`,
    activityOf,
  };
}
