import type { BenefitCondition, BenefitSegmentRule } from './benefitSegmentsConfig.ts';
import type { CustomerBehaviour } from './CustomerBehaviour.ts';

/** What a benefit rule can test: the behaviour plus the RFM inputs and the main channel. */
export interface BenefitFeatures extends CustomerBehaviour {
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly channel: string | null;
}

type TextKey = 'favourite_category' | 'channel';
/** Every other condition key is a number; the tables below must cover each key (tsc checks). */
type NumericKey = Exclude<keyof BenefitCondition, TextKey>;

/** Condition key (a `customers.csv` column) → the feature it reads. */
const NUMERIC_FEATURES: Readonly<Record<NumericKey, (f: BenefitFeatures) => number | null>> = {
  recency: (f) => f.recencyDays,
  frequency: (f) => f.frequency,
  monetary: (f) => f.monetary,
  discount_revenue_share: (f) => f.discountRevenueShare,
  favourite_category_share: (f) => f.favouriteCategoryShare,
  category_count: (f) => f.categoryCount,
  avg_basket: (f) => f.avgBasket,
  mean_days_between_orders: (f) => f.meanDaysBetweenOrders,
};
const TEXT_FEATURES: Readonly<Record<TextKey, (f: BenefitFeatures) => string | null>> = {
  favourite_category: (f) => f.favouriteCategory,
  channel: (f) => f.channel,
};

type Predicate = (f: BenefitFeatures) => boolean;

/**
 * Compiles a benefit-segment table into a function naming the segment of a customer: the first
 * rule whose conditions all hold, else `unmatched`. A condition on a feature the customer has no
 * value for (null) does not hold; ranges are inclusive; text compares trimmed and
 * case-insensitively.
 *
 * @example
 * ```ts
 * const assign = benefitSegmentAssigner(
 *   [{ name: 'Discount-driven', description: '', action: '', when: { discount_revenue_share: { min: 0.5 } } }],
 *   'Mixed',
 * );
 * assign({ ...features, discountRevenueShare: 0.8 }); // 'Discount-driven'
 * assign({ ...features, discountRevenueShare: null }); // 'Mixed'
 * ```
 */
export function benefitSegmentAssigner(rules: readonly BenefitSegmentRule[], unmatched: string): (features: BenefitFeatures) => string {
  const compiled = rules.map((rule) => ({ name: rule.name, holds: compileConditions(rule.when) }));
  return (features) => compiled.find((rule) => rule.holds.every((test) => test(features)))?.name ?? unmatched;
}

function compileConditions(when: BenefitCondition): Predicate[] {
  const tests: Predicate[] = [];
  for (const key of Object.keys(NUMERIC_FEATURES) as NumericKey[]) {
    const range = when[key];
    if (!range) continue;
    const read = NUMERIC_FEATURES[key];
    const min = range.min ?? Number.NEGATIVE_INFINITY;
    const max = range.max ?? Number.POSITIVE_INFINITY;
    tests.push((f) => {
      const value = read(f);
      return value !== null && value >= min && value <= max;
    });
  }
  for (const key of Object.keys(TEXT_FEATURES) as TextKey[]) {
    const list = when[key];
    if (!list) continue;
    const read = TEXT_FEATURES[key];
    const accepted = new Set(list.in.map(normalise));
    tests.push((f) => {
      const value = read(f);
      return value !== null && accepted.has(normalise(value));
    });
  }
  return tests;
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}
