/**
 * The row layout of `leads.csv`, one row per lead in priority order. Column names are a public
 * contract: change them only on purpose.
 */
import type { CellValue } from '../publishing/SheetModel.ts';
import type { ScoredLead } from './ScoredLead.ts';

/** Column names of leads.csv, in order. */
export const LEADS_CSV_COLUMNS = [
  'lead_id',
  'email',
  'company',
  'owner',
  'status',
  'grade',
  'fit_points',
  'disqualified_by',
  'engagement_score',
  'engagement_band',
  'priority',
  'tier',
  'p_convert',
  'reasons',
  'next_action',
  'created_at',
  'last_activity_at',
  'converted',
  'converted_at',
  'industry',
  'company_size',
  'country',
  'region',
  'source',
  'title',
] as const;

/** Separator between reasons in one cell (reasons themselves may contain commas). */
export const REASON_SEPARATOR = '; ';

/**
 * One lead's leads.csv row, values in {@link LEADS_CSV_COLUMNS} order; null is an empty cell.
 *
 * @example
 * ```ts
 * leadsCsvRow(result.leads[0]); // ['L-17', 'ana@acme.io', 'Acme', 'kim', 'open', 'A', 37, null, 42.5, 1, 'A1', 'Hot', 0.4113, '…', …]
 * ```
 */
export function leadsCsvRow(lead: ScoredLead): CellValue[] {
  const r = lead.record;
  return [
    r.leadId,
    r.email,
    r.company,
    r.owner,
    r.status,
    lead.fit.grade,
    lead.fit.points,
    lead.fit.disqualifiedBy,
    round(lead.engagement, 2),
    lead.band,
    lead.priority,
    lead.tier,
    lead.pConvert === null ? null : round(lead.pConvert, 4),
    lead.reasons.join(REASON_SEPARATOR),
    lead.nextAction,
    r.createdAt,
    r.lastActivityAt,
    r.converted,
    r.convertedAt,
    r.industry,
    r.companySize,
    r.country,
    r.region,
    r.source,
    r.title,
  ];
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
