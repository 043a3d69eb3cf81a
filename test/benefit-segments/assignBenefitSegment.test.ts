import { describe, expect, it } from 'vitest';
import { benefitSegmentAssigner, type BenefitFeatures } from '../../functions/benefit-segments/assignBenefitSegment.ts';
import { benefitSegmentsConfigSchema, type BenefitSegmentRule } from '../../functions/benefit-segments/benefitSegmentsConfig.ts';
import { BenefitSegmentStats } from '../../functions/benefit-segments/BenefitSegmentStats.ts';
import { DEFAULT_BENEFIT_SEGMENTS } from '../../functions/benefit-segments/defaultBenefitSegments.ts';
import { parseConfig } from '../../functions/config/loadConfig.ts';

/** A repeat buyer with no strong pattern: 3 orders, 20% on discount, 3 categories, 50% in the top one. */
const BASE: BenefitFeatures = {
  recencyDays: 30,
  frequency: 3,
  monetary: 300,
  channel: 'web',
  discountRevenueShare: 0.2,
  favouriteCategory: 'Books',
  favouriteCategoryShare: 0.5,
  categoryCount: 2,
  avgBasket: 100,
  meanDaysBetweenOrders: 40,
  discountedRevenue: 60,
  purchaseRevenue: 300,
};

const assignDefault = benefitSegmentAssigner(DEFAULT_BENEFIT_SEGMENTS, 'Mixed');

describe('the built-in benefit segments', () => {
  it.each<[string, Partial<BenefitFeatures>, string]>([
    ['one order, even if all on discount', { frequency: 1, discountRevenueShare: 1, meanDaysBetweenOrders: null }, 'One-off buyers'],
    ['half the spend on discount (inclusive)', { discountRevenueShare: 0.5 }, 'Discount-driven'],
    ['discount-driven before category focus', { discountRevenueShare: 0.9, favouriteCategoryShare: 1, categoryCount: 1 }, 'Discount-driven'],
    ['just under half on discount, one category', { discountRevenueShare: 0.49, favouriteCategoryShare: 1, categoryCount: 1 }, 'Category specialists'],
    ['80% in one category (inclusive)', { favouriteCategoryShare: 0.8 }, 'Category specialists'],
    ['three orders, at most 10% on discount', { discountRevenueShare: 0.1 }, 'Full-price loyal'],
    ['full price but only two orders, three categories', { frequency: 2, discountRevenueShare: 0, categoryCount: 3 }, 'Multi-category'],
    ['three categories, some discount', { categoryCount: 3 }, 'Multi-category'],
    ['no pattern', {}, 'Mixed'],
    ['no discount data: neither discount-driven nor full-price loyal', { discountRevenueShare: null, discountedRevenue: null }, 'Mixed'],
    ['no category data: neither specialist nor multi-category', { favouriteCategory: null, favouriteCategoryShare: null, categoryCount: 0, discountRevenueShare: 0.3 }, 'Mixed'],
  ])('%s → %s', (_case, change, expected) => {
    expect(assignDefault({ ...BASE, ...change })).toBe(expected);
  });

  it('can reach every segment it lists, and has words for each', () => {
    const reached = new Set(
      [
        { frequency: 1 },
        { discountRevenueShare: 0.7 },
        { favouriteCategoryShare: 0.9 },
        { discountRevenueShare: 0 },
        { categoryCount: 4 },
      ].map((change) => assignDefault({ ...BASE, ...change })),
    );
    expect([...reached].sort()).toEqual(DEFAULT_BENEFIT_SEGMENTS.map((r) => r.name).sort());
    for (const rule of DEFAULT_BENEFIT_SEGMENTS) {
      expect(rule.description.length, rule.name).toBeGreaterThan(10);
      expect(rule.action.length, rule.name).toBeGreaterThan(10);
    }
  });

  it('is what the configuration uses when it names no segments', () => {
    const config = parseConfig({ sources: { orders: { path: 'x.csv', mapping: {} } } }, 'test');
    expect(config.benefitSegments).toEqual({ unmatchedSegment: 'Mixed' });
  });
});

describe('benefit rules from the configuration', () => {
  const rules = (segments: unknown): readonly BenefitSegmentRule[] => benefitSegmentsConfigSchema.parse({ segments }).segments ?? [];

  it.each<[string, unknown, Partial<BenefitFeatures>, string]>([
    ['first match wins', [{ name: 'Wide', when: {} }, { name: 'Narrow', when: { frequency: { min: 3 } } }], {}, 'Wide'],
    ['an empty condition matches everyone', [{ name: 'All' }], { frequency: 1 }, 'All'],
    ['all conditions must hold', [{ name: 'Both', when: { frequency: { min: 3 }, avg_basket: { min: 150 } } }], {}, 'Rest'],
    ['ranges are inclusive at both ends', [{ name: 'Band', when: { avg_basket: { min: 100, max: 100 } } }], {}, 'Band'],
    ['recency and monetary are features too', [{ name: 'Recent big', when: { recency: { max: 30 }, monetary: { min: 300 } } }], {}, 'Recent big'],
    ['mean days between orders', [{ name: 'Frequent', when: { mean_days_between_orders: { max: 45 } } }], {}, 'Frequent'],
    ['a missing value never matches', [{ name: 'Frequent', when: { mean_days_between_orders: { max: 45 } } }], { meanDaysBetweenOrders: null }, 'Rest'],
    ['text is compared case-insensitively and trimmed', [{ name: 'Readers', when: { favourite_category: { in: [' books '] } } }], {}, 'Readers'],
    ['channel lists', [{ name: 'In store', when: { channel: { in: ['store', 'pos'] } } }], {}, 'Rest'],
    ['no text value never matches', [{ name: 'Readers', when: { favourite_category: { in: ['Books'] } } }], { favouriteCategory: null }, 'Rest'],
  ])('%s', (_case, segments, change, expected) => {
    expect(benefitSegmentAssigner(rules(segments), 'Rest')({ ...BASE, ...change })).toBe(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown feature', { segments: [{ name: 'X', when: { discount_share: { min: 0.5 } } }] }, /benefitSegments\.segments\.0\.when: unknown field 'discount_share'/],
    ['an empty range', { segments: [{ name: 'X', when: { frequency: {} } }] }, /when\.frequency: a range needs min, max or both/],
    ['min above max', { segments: [{ name: 'X', when: { frequency: { min: 5, max: 2 } } }] }, /range min must be <= max/],
    ['a range on text', { segments: [{ name: 'X', when: { channel: { min: 1 } } }] }, /when\.channel/],
    ['twice the same name', { segments: [{ name: 'X' }, { name: 'X' }] }, /segment names must be unique/],
  ])('rejects %s, naming the field', (_case, benefitSegments, message) => {
    expect(() => parseConfig({ sources: { orders: { path: 'x.csv', mapping: {} } }, benefitSegments }, 'shop.json')).toThrow(message);
  });
});

describe('benefit segment totals', () => {
  it('weights the discount share by purchase revenue and skips members without discount data', () => {
    const stats = new BenefitSegmentStats(['Discount-driven', 'Mixed']);
    stats.add('Discount-driven', { orders: 2, revenue: 100, recencyDays: 5 }, { ...BASE, discountedRevenue: 90, purchaseRevenue: 100 });
    stats.add('Discount-driven', { orders: 3, revenue: 300, recencyDays: 5 }, { ...BASE, discountedRevenue: 150, purchaseRevenue: 300 });
    stats.add('Discount-driven', { orders: 1, revenue: 20, recencyDays: 5 }, { ...BASE, discountRevenueShare: null, discountedRevenue: null, purchaseRevenue: 20 });
    expect(stats.all()).toEqual([
      // (90 + 150) / (100 + 300); basket 420 / 6
      { segment: 'Discount-driven', customers: 3, orders: 6, revenue: 420, avgBasket: 70, discountRevenueShare: 0.6 },
      { segment: 'Mixed', customers: 0, orders: 0, revenue: 0, avgBasket: null, discountRevenueShare: null },
    ]);
  });
});
