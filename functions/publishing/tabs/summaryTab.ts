import type { AudienceReport } from '../../audiences/AudienceReport.ts';
import { roundMoney } from '../../customers/ScoredCustomer.ts';
import type { SegmentTotals } from '../../segment-stats/SegmentStats.ts';
import type { CellValue, SheetTab, TableBlock } from '../SheetModel.ts';
import { audiencesBlock } from './audiencesBlock.ts';

export interface SummaryInput {
  readonly asOf: string;
  readonly generatedAt: string;
  readonly reportingCurrency: string;
  readonly facts: readonly (readonly [string, CellValue])[];
  readonly segments: readonly SegmentTotals[];
  /** Description and recommended action per segment name. */
  readonly guidance: ReadonlyMap<string, { description: string; action: string }>;
  readonly emptySegments: readonly string[];
  /** Open leads per priority tier, when the run scored leads too. */
  readonly leadTiers?: readonly { readonly tier: string; readonly leads: number }[];
  /** Audience files written for the ad platforms, when the config asks for some. */
  readonly audiences?: readonly AudienceReport[];
  /** The benefit-segment table (functions/benefit-segments/benefitSegmentsBlock.ts), after the segments. */
  readonly benefitSegments?: TableBlock;
  /** Customers per segment at the previous snapshot (a "change since last run" column), or why there is none. */
  readonly sinceLastRun?: { readonly previousAsOf: string; readonly customers: ReadonlyMap<string, number> } | { readonly note: string };
}

/**
 * The Summary tab: run facts and KPIs, then the segment table (customers, share, change since
 * the last run, revenue, revenue share, AOV, description, recommended action), the benefit
 * segments when given, with a chart of customers and revenue by segment.
 */
export function buildSummaryTab(input: SummaryInput): SheetTab {
  const totalCustomers = input.segments.reduce((a, s) => a + s.customers, 0);
  const totalRevenue = input.segments.reduce((a, s) => a + s.revenue, 0);
  const withValue = input.segments.some((s) => s.valued > 0);
  const before = input.sinceLastRun && 'customers' in input.sinceLastRun ? input.sinceLastRun : undefined;
  const facts: TableBlock = {
    title: 'Run',
    columns: [
      { key: 'fact', header: 'Fact', type: 'text', width: 34 },
      { key: 'value', header: 'Value', type: 'text', width: 30 },
    ],
    rows: input.facts.map(([k, v]) => [k, v]),
  };
  const segmentTable: TableBlock = {
    title: 'Segments',
    colourBy: 'segment',
    columns: [
      { key: 'segment', header: 'Segment', type: 'text', width: 22 },
      { key: 'customers', header: 'Customers', type: 'integer', width: 11 },
      { key: 'customer_share', header: 'Share of customers', type: 'percent', width: 11 },
      ...(before
        ? ([
            { key: 'customers_last_run', header: 'Customers last run', type: 'integer', width: 11, note: `At the previous snapshot, ${before.previousAsOf}.` },
            { key: 'change_since_last_run', header: 'Change since last run', type: 'integer', width: 11, note: 'Customers now minus last run; the Migration tab shows where they went.' },
          ] as const)
        : []),
      { key: 'revenue', header: 'Net revenue', type: 'currency', width: 15, note: `Net revenue in ${input.reportingCurrency}.` },
      { key: 'revenue_share', header: 'Share of revenue', type: 'percent', width: 11 },
      { key: 'orders', header: 'Orders', type: 'integer', width: 10 },
      { key: 'aov', header: 'Average order value', type: 'currency', width: 12, note: 'Net revenue / orders.' },
      { key: 'avg_recency', header: 'Avg days since last order', type: 'number', width: 12 },
      ...(withValue
        ? ([
            { key: 'clv_total', header: 'Total CLV', type: 'currency', width: 15, note: 'Sum of predicted customer lifetime value (see the CLV tab).' },
            { key: 'p_alive_mean', header: 'Mean P(alive)', type: 'percent', width: 10 },
          ] as const)
        : []),
      { key: 'description', header: 'Who they are', type: 'text', width: 48 },
      { key: 'action', header: 'Recommended action', type: 'text', width: 56 },
    ],
    rows: input.segments.map((s) => {
      const guidance = input.guidance.get(s.segment);
      return [
        s.segment,
        s.customers,
        ratio(s.customers, totalCustomers),
        ...(before ? [before.customers.get(s.segment) ?? 0, s.customers - (before.customers.get(s.segment) ?? 0)] : []),
        roundMoney(s.revenue),
        ratio(s.revenue, totalRevenue),
        s.orders,
        s.orders > 0 ? roundMoney(s.revenue / s.orders) : null,
        s.customers > 0 ? roundMoney(s.recencyDaysSum / s.customers) : null,
        ...(withValue ? [roundMoney(s.clv), s.valued > 0 ? s.pAliveSum / s.valued : null] : []),
        guidance?.description ?? '',
        guidance?.action ?? '',
      ];
    }),
  };
  const blocks: TableBlock[] = [facts, segmentTable, ...(input.benefitSegments ? [input.benefitSegments] : [])];
  if (input.leadTiers) {
    blocks.push({
      title: 'Open leads by priority tier',
      colourBy: 'tier',
      columns: [
        { key: 'tier', header: 'Tier', type: 'text', width: 16 },
        { key: 'leads', header: 'Open leads', type: 'integer', width: 12 },
      ],
      rows: input.leadTiers.map((t) => [t.tier, t.leads]),
    });
  }
  if (input.audiences) blocks.push(audiencesBlock(input.audiences));
  const notes = [`Customer segments as of ${input.asOf} (generated ${input.generatedAt}).`];
  if (input.emptySegments.length > 0) notes.push(`Empty this run: ${input.emptySegments.join(', ')}.`);
  if (input.sinceLastRun) {
    notes.push('note' in input.sinceLastRun ? input.sinceLastRun.note : `Change since last run: compared with the snapshot of ${input.sinceLastRun.previousAsOf}.`);
  }
  return {
    name: 'Summary',
    role: 'summary',
    notes,
    blocks,
    charts: [{ title: 'Customers and revenue by segment', kind: 'column', block: 1, categoryKey: 'segment', seriesKeys: ['customers', 'revenue'] }],
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

