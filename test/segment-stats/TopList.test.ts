import { describe, expect, it } from 'vitest';
import { TopList } from '../../functions/segment-stats/TopList.ts';

interface Item { readonly id: string; readonly revenue: number; readonly orders: number }

/** Revenue, then orders, then the smaller id: ties on revenue are common in real data. */
const compare = (a: Item, b: Item): number => a.revenue - b.revenue || a.orders - b.orders || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** A small deterministic generator, so the cases are the same on every run. */
function items(count: number, seed: number, distinctRevenues: number): Item[] {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
  return Array.from({ length: count }, (_, i) => ({ id: `c${String(i).padStart(5, '0')}`, revenue: next(distinctRevenues) * 2.5, orders: next(4) }));
}

describe('TopList', () => {
  it.each([
    { name: 'keeps the best items', capacity: 2, values: [5, 1, 9, 3], best: [9, 5] },
    { name: 'keeps all when fewer than the capacity', capacity: 10, values: [2, 7], best: [7, 2] },
    { name: 'keeps none with capacity 0', capacity: 0, values: [1, 2], best: [] },
  ])('$name', ({ capacity, values, best }) => {
    const top = new TopList<number>(capacity, (a, b) => a - b);
    values.forEach((v) => top.offer(v));
    expect(top.sortedBestFirst()).toEqual(best);
    expect(top.total).toBe(values.length);
  });

  it.each([
    { count: 5_000, capacity: 100, distinctRevenues: 20, seed: 1 }, // many ties: the compare decides
    { count: 5_000, capacity: 100, distinctRevenues: 100_000, seed: 2 }, // few ties: the key decides
    { count: 300, capacity: 1_000, distinctRevenues: 10, seed: 3 }, // never full
    { count: 2_000, capacity: 1, distinctRevenues: 50, seed: 4 },
  ])('with a key, keeps exactly the best $capacity of $count (distinct revenues $distinctRevenues)', ({ count, capacity, distinctRevenues, seed }) => {
    const all = items(count, seed, distinctRevenues);
    const expected = [...all].sort((a, b) => compare(b, a)).slice(0, capacity);
    const keyed = new TopList<Item>(capacity, compare, (item) => item.revenue);
    const plain = new TopList<Item>(capacity, compare);
    for (const item of all) {
      keyed.offer(item);
      plain.offer(item);
    }
    expect(keyed.sortedBestFirst()).toEqual(expected);
    expect(plain.sortedBestFirst()).toEqual(expected);
  });
});
