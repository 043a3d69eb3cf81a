import type { ScoredCustomer } from '../../customers/ScoredCustomer.ts';
import { roundMoney } from '../../customers/ScoredCustomer.ts';
import type { SheetColumn, SheetTab } from '../SheetModel.ts';

export const SEGMENT_TAB_COLUMNS: readonly SheetColumn[] = [
  { key: 'customer_id', header: 'Customer', type: 'text', width: 16 },
  { key: 'email', header: 'Email', type: 'text', width: 30 },
  { key: 'rfm_code', header: 'RFM', type: 'text', width: 6, note: 'Recency, frequency and monetary scores (5 = best).' },
  { key: 'r_score', header: 'R', type: 'integer', width: 4, note: 'Recency score: 5 = bought most recently.' },
  { key: 'f_score', header: 'F', type: 'integer', width: 4, note: 'Frequency score: 5 = most orders.' },
  { key: 'm_score', header: 'M', type: 'integer', width: 4, note: 'Monetary score: 5 = highest net revenue.' },
  { key: 'recency', header: 'Days since last order', type: 'integer', width: 12, note: 'Days from the last order to the analysis date.' },
  { key: 'frequency', header: 'Orders', type: 'integer', width: 8, note: 'Distinct orders (returns and cancellations excluded).' },
  { key: 'monetary', header: 'Net revenue', type: 'currency', width: 14, note: 'Revenue after returns, in the reporting currency.' },
  { key: 'last_order_date', header: 'Last order', type: 'date', width: 12 },
  { key: 'first_order_date', header: 'First order', type: 'date', width: 12 },
  { key: 'country', header: 'Country', type: 'text', width: 10 },
];

/** Extra columns when CLV was fitted. */
export const SEGMENT_TAB_VALUE_COLUMNS: readonly SheetColumn[] = [
  { key: 'p_alive', header: 'P(alive)', type: 'percent', width: 9, note: 'Probability the customer is still active (CLV model).' },
  { key: 'clv', header: 'CLV', type: 'currency', width: 12, note: 'Predicted customer lifetime value: margin x expected spend x discounted expected purchases.' },
];

export interface SegmentTabInput {
  readonly tabName: string;
  readonly segment: string;
  readonly description: string;
  readonly action: string;
  /** The segment's best customers, best first (at most the row cap). */
  readonly customers: readonly ScoredCustomer[];
  /** All customers in the segment. */
  readonly total: number;
  /** Whether to show the CLV columns. */
  readonly withValue: boolean;
}

/** One tab per segment listing its customers, best (highest revenue) first. */
export function buildSegmentTab(input: SegmentTabInput): SheetTab {
  const capped = input.customers.length < input.total;
  const notes = [
    `${input.segment}: ${input.description}`.trim(),
    `Recommended action: ${input.action}`,
    capped
      ? `Showing the top ${input.customers.length.toLocaleString('en-US')} of ${input.total.toLocaleString('en-US')} customers by revenue; the full list is in customers.csv.`
      : `${input.total.toLocaleString('en-US')} customers, highest revenue first.`,
  ];
  return {
    name: input.tabName,
    role: 'segment',
    notes,
    blocks: [
      {
        columns: input.withValue ? [...SEGMENT_TAB_COLUMNS, ...SEGMENT_TAB_VALUE_COLUMNS] : SEGMENT_TAB_COLUMNS,
        rows: input.customers.map((c) => [
          c.customerId,
          c.email,
          c.rfmCode,
          c.r,
          c.f,
          c.m,
          c.recencyDays,
          c.frequency,
          roundMoney(c.monetary),
          c.lastOrderDate,
          c.firstOrderDate,
          c.dimensions['country'] ?? null,
          ...(input.withValue ? [c.value?.pAlive ?? null, c.value ? roundMoney(c.value.clv) : null] : []),
        ]),
      },
    ],
    ...(capped ? { cap: { totalRows: input.total, shownRows: input.customers.length, fullListIn: 'customers.csv' } } : {}),
  };
}
