/**
 * Whole days between ISO dates, on the UTC calendar. Timestamps count by their date part, so
 * "2 days ago" means two calendar days whatever the hour.
 */

const MS_PER_DAY = 86_400_000;

/**
 * Day number (days since 1970-01-01) of an ISO date or timestamp; NaN when unreadable.
 *
 * @example
 * ```ts
 * dayNumber('1970-01-03'); // 2
 * dayNumber('1970-01-03T23:59:00Z'); // 2
 * ```
 */
export function dayNumber(iso: string): number {
  let day = dayCache.get(iso);
  if (day === undefined) {
    day = parseDayNumber(iso);
    // Dates repeat across leads; the bound keeps a column of distinct timestamps from growing it forever.
    if (dayCache.size >= 100_000) dayCache.clear();
    dayCache.set(iso, day);
  }
  return day;
}

const dayCache = new Map<string, number>();

function parseDayNumber(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || iso[4] !== '-') {
    return Number.NaN;
  }
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * Days from `from` to `to` (positive when `to` is later).
 *
 * @example
 * ```ts
 * daysBetween('2025-01-30', '2025-02-02'); // 3
 * ```
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * ISO date (`YYYY-MM-DD`) of a day number, one shared string per day: dates repeat across leads.
 *
 * @example
 * ```ts
 * isoDateOfDay(2); // '1970-01-03'
 * ```
 */
export function isoDateOfDay(day: number): string {
  let iso = isoByDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoByDay.size >= 100_000) isoByDay.clear();
    isoByDay.set(day, iso);
  }
  return iso;
}

const isoByDay = new Map<number, string>();
