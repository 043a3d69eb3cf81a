import { describe, expect, it } from 'vitest';
import { ProfileStats, UNKNOWN_VALUE } from '../../functions/segment-stats/ProfileStats.ts';

describe('ProfileStats', () => {
  const customers: { segment: string; values: Record<string, string | null>; orders: number; revenue: number }[] = [
    { segment: 'Champions', values: { country: 'DE', channel: 'web' }, orders: 3, revenue: 300 },
    { segment: 'Champions', values: { country: 'DE', channel: 'shop' }, orders: 1, revenue: 50 },
    { segment: 'At Risk', values: { country: 'DE', channel: null }, orders: 2, revenue: 20 },
    { segment: 'Champions', values: { country: 'AT', channel: '' }, orders: 5, revenue: 500 },
  ];

  it('sums customers, orders and revenue per dimension, value and segment, in dimension, value, segment order', () => {
    const stats = new ProfileStats(['country', 'channel']);
    for (const c of customers) stats.add(c.segment, c.values, c);
    const cells = stats.cellsInOrder(['Champions', 'At Risk']).map((c) => [c.dimension, c.value, c.segment, c.customers, c.orders, c.revenue]);
    expect(cells).toEqual([
      ['country', 'AT', 'Champions', 1, 5, 500],
      ['country', 'DE', 'Champions', 2, 4, 350],
      ['country', 'DE', 'At Risk', 1, 2, 20],
      // A missing or empty value is one "(unknown)" value.
      ['channel', UNKNOWN_VALUE, 'Champions', 1, 5, 500],
      ['channel', UNKNOWN_VALUE, 'At Risk', 1, 2, 20],
      ['channel', 'shop', 'Champions', 1, 1, 50],
      ['channel', 'web', 'Champions', 1, 3, 300],
    ]);
  });

  it('has no cells before any customer', () => {
    expect(new ProfileStats(['country']).cellsInOrder([])).toEqual([]);
  });
});
