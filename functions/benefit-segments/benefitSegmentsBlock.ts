import { roundMoney } from '../customers/ScoredCustomer.ts';
import type { TableBlock } from '../publishing/SheetModel.ts';
import type { BenefitSegmentRule } from './benefitSegmentsConfig.ts';
import type { BenefitSegmentTotals } from './BenefitSegmentStats.ts';

/**
 * The Summary's "Benefit segments" table: per benefit segment, customers and their share,
 * revenue and its share, average basket, the revenue-weighted discount share, who they are and
 * what to do.
 *
 * @example
 * ```ts
 * const block = benefitSegmentsBlock(stats.all(), DEFAULT_BENEFIT_SEGMENTS, 'USD');
 * block.rows[0]?.[0]; // 'One-off buyers'
 * ```
 */
export function benefitSegmentsBlock(segments: readonly BenefitSegmentTotals[], rules: readonly BenefitSegmentRule[], reportingCurrency: string): TableBlock {
  const guidance = new Map(rules.map((r) => [r.name, r]));
  const customers = segments.reduce((a, s) => a + s.customers, 0);
  const revenue = segments.reduce((a, s) => a + s.revenue, 0);
  return {
    title: 'Benefit segments',
    columns: [
      { key: 'benefit_segment', header: 'Benefit segment', type: 'text', width: 22 },
      { key: 'customers', header: 'Customers', type: 'integer', width: 11 },
      { key: 'customer_share', header: 'Share of customers', type: 'percent', width: 11 },
      { key: 'revenue', header: 'Net revenue', type: 'currency', width: 15, note: `Net revenue in ${reportingCurrency}.` },
      { key: 'revenue_share', header: 'Share of revenue', type: 'percent', width: 11 },
      { key: 'avg_basket', header: 'Average basket', type: 'currency', width: 12, note: 'Net revenue / purchase orders.' },
      {
        key: 'discount_revenue_share',
        header: 'Bought on discount',
        type: 'percent',
        width: 11,
        note: 'Share of purchase revenue from orders with a discount (empty without discount data).',
      },
      { key: 'description', header: 'Who they are', type: 'text', width: 48 },
      { key: 'action', header: 'Recommended action', type: 'text', width: 56 },
    ],
    rows: segments.map((s) => {
      const rule = guidance.get(s.segment);
      return [
        s.segment,
        s.customers,
        customers > 0 ? s.customers / customers : null,
        roundMoney(s.revenue),
        revenue !== 0 ? s.revenue / revenue : null,
        s.avgBasket === null ? null : roundMoney(s.avgBasket),
        s.discountRevenueShare,
        rule ? rule.description : 'Matched none of the benefit rules.',
        rule?.action ?? '',
      ];
    }),
  };
}
