/**
 * The "Lead Segments" tab: one table per breakdown dimension with leads, open leads, the tier mix,
 * mean engagement and the historical conversion rate, and a chart of tiers by segment for each.
 */
import type { ChartSpec, SheetColumn, SheetTab, TableBlock } from '../publishing/SheetModel.ts';
import type { Breakdown } from './leadBreakdowns.ts';
import type { LeadSheetConfig } from './leadScoringConfig.ts';
import type { LeadScoringResult } from './LeadScoringResult.ts';
import { MISSING_VALUE } from './leadBreakdowns.ts';
import { fieldLabel } from './leadFields.ts';

const TIER_SERIES = ['hot_share', 'warm_share', 'nurture_share', 'low_share', 'disqualified_share'] as const;

function segmentColumns(dimension: string, windowDays: number): SheetColumn[] {
  const label = fieldLabel(dimension);
  return [
    { key: 'value', header: label.charAt(0).toUpperCase() + label.slice(1), type: 'text', width: 24 },
    { key: 'leads', header: 'Leads', type: 'integer', note: 'All leads with this value, any status.' },
    { key: 'open_leads', header: 'Open leads', type: 'integer' },
    { key: 'hot_share', header: 'Hot', type: 'percent', note: 'Share of the open leads in this tier.' },
    { key: 'warm_share', header: 'Warm', type: 'percent' },
    { key: 'nurture_share', header: 'Nurture', type: 'percent' },
    { key: 'low_share', header: 'Low', type: 'percent' },
    { key: 'disqualified_share', header: 'Disqualified', type: 'percent' },
    { key: 'mean_engagement', header: 'Mean engagement', type: 'number', note: 'Of the open leads.' },
    {
      key: 'known_outcomes',
      header: 'Known outcomes',
      type: 'integer',
      note: `Leads at least ${windowDays} days old, so their conversion within ${windowDays} days is known.`,
    },
    {
      key: 'conversion_rate',
      header: 'Conversion rate',
      type: 'percent',
      note: `Converted within ${windowDays} days of creation, among the known outcomes.`,
    },
  ];
}

function segmentBlock(breakdown: Breakdown, windowDays: number): TableBlock {
  return {
    title: `By ${fieldLabel(breakdown.dimension)}`,
    columns: segmentColumns(breakdown.dimension, windowDays),
    rows: breakdown.rows.map((row) => [
      row.value,
      row.leads,
      row.openLeads,
      row.tierShares.Hot,
      row.tierShares.Warm,
      row.tierShares.Nurture,
      row.tierShares.Low,
      row.tierShares.Disqualified,
      row.meanEngagement === null ? null : Math.round(row.meanEngagement * 10) / 10,
      row.knownOutcomes,
      row.conversionRate,
    ]),
  };
}

/**
 * The Lead Segments tab (role `lead-segments`). Dimensions where no lead has a value are left out
 * and named in the notes.
 *
 * @example
 * ```ts
 * const tab = leadSegmentsTab(result, config.sheet);
 * tab.blocks.map((b) => b.title); // ['By industry', 'By company size band', 'By country', 'By source']
 * ```
 */
export function leadSegmentsTab(result: LeadScoringResult, config: LeadSheetConfig): SheetTab {
  const windowDays = result.model.windowDays;
  const present = result.breakdowns.filter((b) => b.rows.some((row) => row.value !== MISSING_VALUE));
  const absent = result.breakdowns.filter((b) => !present.includes(b)).map((b) => fieldLabel(b.dimension));
  const blocks = present.map((b) => segmentBlock(b, windowDays));
  const charts: ChartSpec[] = present.map((b, i) => ({
    title: `Open leads by tier and ${fieldLabel(b.dimension)}`,
    kind: 'bar',
    block: i,
    categoryKey: 'value',
    seriesKeys: [...TIER_SERIES],
  }));
  const notes = [
    `Leads by segment as of ${result.asOf}: the tier mix of the open leads, their engagement, and how often such leads converted before.`,
  ];
  if (absent.length > 0) notes.push(`No values for: ${absent.join(', ')} (not mapped in the leads export).`);
  return { name: config.segmentsTabName, role: 'lead-segments', notes, blocks, charts };
}
