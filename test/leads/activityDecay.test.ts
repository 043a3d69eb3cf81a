import { describe, expect, it } from 'vitest';
import { activityStatFromCounter, activityStatFromEvents, decayWeight } from '../../functions/leads/activityDecay.ts';
import { daysBetween, dayNumber } from '../../functions/leads/isoDays.ts';

describe('decay', () => {
  it('halves an event each half-life', () => {
    expect(decayWeight(0, 30)).toBe(1);
    expect(decayWeight(30, 30)).toBe(0.5);
    expect(decayWeight(60, 30)).toBe(0.25);
    expect(decayWeight(7, 7)).toBe(0.5);
  });

  it('counts events dated after as_of as fresh, not more than fully', () => {
    expect(decayWeight(-5, 30)).toBe(1);
  });

  it('sums per-event weights and keeps the latest date', () => {
    // Ages 0, 30 and 60 days: 1 + 0.5 + 0.25.
    const stat = activityStatFromEvents(['2025-05-31', '2025-06-30', '2025-05-01'], '2025-06-30', 30);
    expect(stat.count).toBe(3);
    expect(stat.decayedCount).toBeCloseTo(1.75, 12);
    expect(stat.lastAt).toBe('2025-06-30');
  });

  it('decays a counter as if all its events happened at the last activity', () => {
    expect(activityStatFromCounter(4, '2025-05-31', '2025-06-30', 30)).toEqual({ count: 4, decayedCount: 2, lastAt: '2025-05-31' });
    expect(activityStatFromCounter(4, null, '2025-06-30', 30).decayedCount).toBe(0);
  });
});

describe('calendar days', () => {
  it('counts whole UTC days and reads timestamps by their date', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2); // leap year
    expect(daysBetween('2025-06-30T23:59:59Z', '2025-07-01')).toBe(1);
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('not a date')).toBeNaN();
  });
});
