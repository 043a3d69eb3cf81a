/**
 * Benefit-segment configuration: an ordered list of named rules on a customer's behavioural
 * features (first match wins) and the name of the segment for customers no rule matches.
 * Condition keys are the `customers.csv` column names, so a rule can be tuned by looking at the
 * file: numbers take an inclusive `{ min, max }` range, text an `{ in: [...] }` list.
 *
 * @example
 * ```ts
 * const config = benefitSegmentsConfigSchema.parse({
 *   segments: [{ name: 'Discount-driven', when: { discount_revenue_share: { min: 0.5 } } }],
 *   unmatchedSegment: 'Everyone else',
 * });
 * config.segments?.[0]?.description; // ''
 * ```
 */
// A namespace import, so bundlers can drop the parts of zod left unused.
import * as z from 'zod';
import { DEFAULT_UNMATCHED_BENEFIT_SEGMENT } from './defaultBenefitSegments.ts';

const range = z
  .object({
    min: z.number().optional().describe('Inclusive lower bound.'),
    max: z.number().optional().describe('Inclusive upper bound.'),
  })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min, max or both')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'range min must be <= max');

const oneOf = z
  .object({ in: z.array(z.string().min(1)).min(1).describe('Value is one of these (case-insensitive).') })
  .strict();

/**
 * Conditions that must all hold. A customer without a value for a tested feature (no discount
 * data, a single order, no category) does not match the rule.
 */
export const benefitConditionSchema = z
  .object({
    recency: range.optional().describe('Days since the last purchase.'),
    frequency: range.optional().describe('Purchase orders.'),
    monetary: range.optional().describe('Net revenue.'),
    discount_revenue_share: range.optional().describe('Share (0-1) of purchase revenue bought with a discount.'),
    favourite_category_share: range.optional().describe('Share (0-1) of category revenue in the favourite category.'),
    category_count: range.optional().describe('Distinct product categories bought.'),
    avg_basket: range.optional().describe('Net revenue per purchase order.'),
    mean_days_between_orders: range.optional().describe('Mean days between consecutive purchase orders.'),
    favourite_category: oneOf.optional().describe('Category with the most revenue.'),
    channel: oneOf.optional().describe('Main channel (most purchase orders).'),
  })
  .strict();

export const benefitSegmentRuleSchema = z
  .object({
    name: z.string().min(1).max(90),
    description: z.string().default('').describe('Who they are, shown in the Summary.'),
    action: z.string().default('').describe('Recommended action shown in the Summary.'),
    when: benefitConditionSchema.default({}).describe('Conditions that must all hold; {} matches everyone.'),
  })
  .strict();

export const benefitSegmentsConfigSchema = z
  .object({
    segments: z
      .array(benefitSegmentRuleSchema)
      .min(1)
      .refine((rules) => new Set(rules.map((r) => r.name)).size === rules.length, 'segment names must be unique')
      .optional()
      .describe('Benefit segments, first match wins; default: the built-in table (One-off buyers, Discount-driven, Category specialists, Full-price loyal, Multi-category).'),
    unmatchedSegment: z.string().min(1).max(90).default(DEFAULT_UNMATCHED_BENEFIT_SEGMENT).describe('Segment of customers no rule matches.'),
  })
  .strict();

export type BenefitCondition = z.output<typeof benefitConditionSchema>;
export type BenefitSegmentRule = z.output<typeof benefitSegmentRuleSchema>;
export type BenefitSegmentsConfig = z.output<typeof benefitSegmentsConfigSchema>;
