import type { CellValue, SheetColumn, SheetModel, SheetTab } from '../../../functions/publishing/SheetModel.ts';

/** Models for the sink tests: small ones with every feature, and a demo-sized one for measuring. */

const SEGMENTS = ['Champions', 'Loyal', 'Potential Loyalist', 'New Customers', 'Promising', 'Need Attention', 'About To Sleep', 'At Risk', 'Cannot Lose Them', 'Hibernating'];

const customerColumns: readonly SheetColumn[] = [
  { key: 'customer_id', header: 'Customer', type: 'text', note: 'Customer id from the orders export.' },
  { key: 'segment', header: 'Segment', type: 'text' },
  { key: 'recency_days', header: 'Recency (days)', type: 'integer', note: 'Days since the last order, as of the run date.' },
  { key: 'frequency', header: 'Orders', type: 'integer' },
  { key: 'monetary', header: 'Revenue', type: 'currency', note: 'Net revenue over the whole history.' },
  { key: 'last_order', header: 'Last order', type: 'date' },
  { key: 'share', header: 'Revenue share', type: 'percent' },
];

const segmentSummaryColumns: readonly SheetColumn[] = [
  { key: 'segment', header: 'Segment', type: 'text' },
  { key: 'customers', header: 'Customers', type: 'integer' },
  { key: 'revenue', header: 'Revenue', type: 'currency' },
  { key: 'action', header: 'Recommended action', type: 'text', width: 40 },
];

export interface ModelShape {
  /** Customers per segment tab. */
  readonly customersPerSegment: readonly number[];
  /** Run number, changes the run-log row and the data (so a new publish differs). */
  readonly run: number;
  /** Extra columns appended to the segment tabs (to test wider tables). */
  readonly extraColumns?: number;
  readonly keepLogRows?: number;
}

/** A model with a Summary (two blocks and a chart), segment tabs, a CLV tab with a chart and a Run Log. */
export function buildModel(shape: ModelShape): SheetModel {
  const segments = shape.customersPerSegment.map((count, index) => ({ name: SEGMENTS[index % SEGMENTS.length] ?? `S${index}`, count }));
  const extra = Array.from({ length: shape.extraColumns ?? 0 }, (_, index): SheetColumn => ({ key: `extra_${index}`, header: `Extra ${index}`, type: 'number' }));
  const columns = [...customerColumns, ...extra];
  let customer = 0;
  const segmentTabs = segments.map(({ name, count }): SheetTab => ({
    name,
    role: 'segment',
    notes: [`${count} customers in ${name}, best first.`],
    blocks: [
      {
        columns,
        colourBy: 'segment',
        rows: Array.from({ length: count }, (): CellValue[] => {
          customer += 1;
          return customerRow(customer, name, shape.run, extra.length);
        }),
      },
    ],
  }));
  const summary: SheetTab = {
    name: 'Summary',
    role: 'summary',
    notes: [`Run ${shape.run}: RFM segments as of 2024-06-30.`],
    blocks: [
      {
        title: 'Run',
        columns: [
          { key: 'fact', header: 'Fact', type: 'text' },
          { key: 'value', header: 'Value', type: 'text' },
        ],
        rows: [
          ['As of', '2024-06-30'],
          ['Run', `run-${shape.run}`],
        ],
      },
      {
        title: 'Segments',
        columns: segmentSummaryColumns,
        colourBy: 'segment',
        rows: segments.map(({ name, count }) => [name, count, count * 120.5 + shape.run, `Action for ${name}`]),
      },
    ],
    charts: [{ title: 'Customers and revenue by segment', kind: 'column', block: 1, categoryKey: 'segment', seriesKeys: ['customers', 'revenue'] }],
  };
  const clv: SheetTab = {
    name: 'CLV',
    role: 'clv',
    notes: ['Predicted vs actual purchases in the holdout period.'],
    blocks: [
      {
        columns: [
          { key: 'purchases', header: 'Purchases in calibration', type: 'integer' },
          { key: 'predicted', header: 'Predicted', type: 'number' },
          { key: 'actual', header: 'Actual', type: 'number' },
        ],
        rows: Array.from({ length: 7 }, (_, index) => [index, index * 0.9 + shape.run / 100, index * 0.95]),
      },
    ],
    charts: [{ title: 'Predicted vs actual holdout purchases', kind: 'line', block: 0, categoryKey: 'purchases', seriesKeys: ['predicted', 'actual'] }],
  };
  const runLog: SheetTab = {
    name: 'Run Log',
    role: 'run-log',
    notes: ['One row per run.'],
    append: { keepRows: shape.keepLogRows ?? 5 },
    blocks: [
      {
        columns: [
          { key: 'run', header: 'Run', type: 'text' },
          { key: 'as_of', header: 'As of', type: 'date' },
          { key: 'customers', header: 'Customers', type: 'integer' },
        ],
        rows: [[`run-${shape.run}`, '2024-06-30', customer]],
      },
    ],
  };
  return { title: 'Segments', tabs: [summary, ...segmentTabs, clv, runLog] };
}

function customerRow(index: number, segment: string, run: number, extra: number): CellValue[] {
  const day = 1 + (index % 28);
  return [
    `C-${String(index).padStart(5, '0')}`,
    segment,
    (index * 7 + run) % 365,
    1 + (index % 13),
    Math.round((index * 13.37 + run) * 100) / 100,
    `2024-05-${String(day).padStart(2, '0')}`,
    (index % 100) / 1000,
    ...Array.from({ length: extra }, (_, column) => column + index / 10),
  ];
}

/**
 * The demo-sized model: ~10 segment tabs totalling ~5,000 customers, a summary, profiles, CLV,
 * lead priority, lead segments and a run log.
 */
export function buildDemoModel(run = 1): SheetModel {
  const base = buildModel({ customersPerSegment: [350, 600, 450, 300, 250, 700, 650, 550, 400, 750], run });
  const profiles: SheetTab = {
    name: 'Profiles',
    role: 'profiles',
    notes: ['What each segment looks like.'],
    blocks: [
      {
        columns: [
          { key: 'segment', header: 'Segment', type: 'text' },
          { key: 'avg_orders', header: 'Avg orders', type: 'number' },
          { key: 'avg_revenue', header: 'Avg revenue', type: 'currency' },
          { key: 'top_country', header: 'Top country', type: 'text' },
          { key: 'discount_share', header: 'Discounted orders', type: 'percent' },
        ],
        colourBy: 'segment',
        rows: SEGMENTS.map((segment, index) => [segment, 2 + index / 3, 100 + index * 40, 'United Kingdom', index / 20]),
      },
    ],
  };
  const tiers = ['A', 'B', 'C', 'D'];
  const leadPriority: SheetTab = {
    name: 'Lead Priority',
    role: 'lead-priority',
    notes: ['Open leads, highest priority first.'],
    blocks: [
      {
        columns: [
          { key: 'lead_id', header: 'Lead', type: 'text' },
          { key: 'tier', header: 'Tier', type: 'text' },
          { key: 'score', header: 'Score', type: 'number' },
          { key: 'p_convert', header: 'P(convert)', type: 'percent' },
          { key: 'owner', header: 'Owner', type: 'text' },
          { key: 'reasons', header: 'Reasons', type: 'text', width: 50 },
        ],
        colourBy: 'tier',
        rows: Array.from({ length: 800 }, (_, index) => [`L-${index}`, tiers[Math.floor(index / 200)] ?? 'D', 100 - index / 8, 0.9 - index / 1000, `rep${index % 6}`, '+opened pricing email; =visited demo page']),
      },
    ],
  };
  const leadSegments: SheetTab = {
    name: 'Lead Segments',
    role: 'lead-segments',
    notes: ['Leads per segment and tier.'],
    blocks: [
      {
        columns: [
          { key: 'segment', header: 'Lead segment', type: 'text' },
          { key: 'tier_a', header: 'Tier A', type: 'integer' },
          { key: 'tier_b', header: 'Tier B', type: 'integer' },
          { key: 'tier_c', header: 'Tier C', type: 'integer' },
        ],
        rows: ['SMB', 'Mid-market', 'Enterprise'].map((segment, index) => [segment, 10 + index, 40 + index, 80 - index]),
      },
    ],
    charts: [{ title: 'Tiers by segment', kind: 'bar', block: 0, categoryKey: 'segment', seriesKeys: ['tier_a', 'tier_b', 'tier_c'] }],
  };
  const [summary, ...rest] = base.tabs;
  const runLog = rest.pop();
  if (!summary || !runLog) throw new Error('buildModel changed shape');
  return { title: base.title, tabs: [summary, ...rest, profiles, leadPriority, leadSegments, runLog] };
}
