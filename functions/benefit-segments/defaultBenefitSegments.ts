import type { BenefitSegmentRule } from './benefitSegmentsConfig.ts';

/**
 * The built-in benefit segments: what customers seek, read from how they buy. First match wins.
 *
 * Reading order: one order says little about motives, so one-off buyers are set apart first;
 * then price, the strongest benefit signal (discount-driven before anything else); then product
 * focus; then repeat buyers who pay full price; then breadth. The thresholds are round numbers a
 * marketer can reason about, not fitted values: "half their spend on discount", "four fifths of
 * their spend in one category".
 */
export const DEFAULT_BENEFIT_SEGMENTS: readonly BenefitSegmentRule[] = [
  {
    name: 'One-off buyers',
    description: 'One purchase so far: too early to tell what they seek.',
    action: 'Welcome series and a reason for a second order; learn what they came for.',
    when: { frequency: { max: 1 } },
  },
  {
    name: 'Discount-driven',
    description: 'Half or more of their spend was on discounted orders.',
    action: 'Reach them with sales, bundles and price alerts; keep full-price campaigns for others.',
    when: { discount_revenue_share: { min: 0.5 } },
  },
  {
    name: 'Category specialists',
    description: 'Four fifths or more of their spend is in one product category.',
    action: 'New arrivals and expert content in their category; cross-sell close complements.',
    when: { favourite_category_share: { min: 0.8 } },
  },
  {
    name: 'Full-price loyal',
    description: 'Three or more orders, at most a tenth of the spend on discount.',
    action: 'Reward with service, early access and recognition rather than discounts.',
    when: { frequency: { min: 3 }, discount_revenue_share: { max: 0.1 } },
  },
  {
    name: 'Multi-category',
    description: 'Buy across three or more product categories.',
    action: 'Cross-category recommendations, bundles and the loyalty programme.',
    when: { category_count: { min: 3 } },
  },
];

/** Segment of customers no built-in rule matches. */
export const DEFAULT_UNMATCHED_BENEFIT_SEGMENT = 'Mixed';
