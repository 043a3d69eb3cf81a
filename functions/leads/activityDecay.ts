/**
 * The decay that keeps engagement honest: an event counts 0.5^(age / half-life), so a burst of
 * activity last year weighs almost nothing next to the same burst this week. The lead SQL computes
 * `ActivityStat.decayedCount` with exactly this definition; this module is the reference for it
 * and builds `ActivityStat`s from event dates where code (tests, sample data) has the events.
 */
import type { ActivityStat } from './LeadRecord.ts';
import { dayNumber } from './isoDays.ts';

/**
 * Weight of one event `ageDays` old. Events dated after `as_of` (clock skew, time zones) count as
 * fresh rather than more than fully.
 *
 * @example
 * ```ts
 * decayWeight(30, 30); // 0.5
 * decayWeight(0, 30); // 1
 * ```
 */
export function decayWeight(ageDays: number, halfLifeDays: number): number {
  return Math.pow(0.5, Math.max(0, ageDays) / halfLifeDays);
}

/**
 * Activity statistics of one type from the event dates.
 *
 * @example
 * ```ts
 * activityStatFromEvents(['2025-06-30', '2025-05-31'], '2025-06-30', 30);
 * // { count: 2, decayedCount: 1.5, lastAt: '2025-06-30' }
 * ```
 */
export function activityStatFromEvents(eventDates: readonly string[], asOf: string, halfLifeDays: number): ActivityStat {
  const asOfDay = dayNumber(asOf);
  let decayedCount = 0;
  let lastAt: string | null = null;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const date of eventDates) {
    const day = dayNumber(date);
    decayedCount += decayWeight(asOfDay - day, halfLifeDays);
    if (day > lastDay) {
      lastDay = day;
      lastAt = date;
    }
  }
  return { count: eventDates.length, decayedCount, lastAt };
}

/**
 * Activity statistics from an export's counter when there are no event dates: all events are
 * taken to have happened at the last activity (the only date known).
 *
 * @example
 * ```ts
 * activityStatFromCounter(4, '2025-05-31', '2025-06-30', 30); // { count: 4, decayedCount: 2, lastAt: '2025-05-31' }
 * ```
 */
export function activityStatFromCounter(
  count: number,
  lastActivityAt: string | null,
  asOf: string,
  halfLifeDays: number,
): ActivityStat {
  const age = lastActivityAt === null ? Number.POSITIVE_INFINITY : dayNumber(asOf) - dayNumber(lastActivityAt);
  return { count, decayedCount: count * decayWeight(age, halfLifeDays), lastAt: lastActivityAt };
}
