import type { ActivityStat } from '../leads/LeadRecord.ts';
import { isoDateOfDay } from '../leads/isoDays.ts';
import type { ColumnBatch } from '../query-engine/ColumnBatch.ts';
import { textLiteral } from '../query-engine/sqlTemplate.ts';

/** Activity types as numeric columns of the lead rows, and how to read them back. */
export interface LeadActivityColumns {
  readonly types: readonly string[];
  /** `, coalesce(w.a0_events, 0) AS a0_events, …` for the lead query's select list ('' without types). */
  readonly selectList: string;
  /** One row per lead id (alias `w` in the lead query) with the columns of {@link selectList}. */
  readonly relation: string;
  /** The activity of these types of the leads in a batch, by row index; types a lead did not do are left out. */
  activityColumn(batch: ColumnBatch): (row: number) => Record<string, ActivityStat>;
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
 * wide.activityColumn(batch)(0); // { page_view: { count: 3, decayedCount: 2.6, lastAt: '2025-06-28' } }
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
  const activityColumn = (batch: ColumnBatch): ((row: number) => Record<string, ActivityStat>) => {
    const columns = names.map((n) => ({ events: batch.column(n.events), decayed: batch.column(n.decayed), lastDay: batch.column(n.lastDay) }));
    return (row) => {
      const activity: Record<string, ActivityStat> = {};
      for (let i = 0; i < columns.length; i++) {
        const { events, decayed, lastDay } = columns[i] as (typeof columns)[number];
        const count = events[row];
        if (typeof count !== 'number' || count === 0) continue;
        const day = lastDay[row];
        activity[types[i] as string] = {
          count,
          decayedCount: Number(decayed[row]),
          lastAt: typeof day === 'number' ? isoDateOfDay(day) : null,
        };
      }
      return activity;
    };
  };
  return {
    types,
    // Zeros for "none", not NULLs: a column without NULLs comes out of DuckDB without a validity
    // mask to test per value, which at a million leads and 144 columns is seconds.
    selectList: names.map((n) => [n.events, n.decayed, n.lastDay].map((c) => `, coalesce(w.${c}, 0) AS ${c}`).join('')).join(''),
    relation: `SELECT lead_id, ${columns.join(', ')} FROM lead_activity_stats GROUP BY lead_id`,
    activityColumn,
  };
}
