/**
 * Fast formatting of naive local timestamps for the sample files. Times are seconds since
 * midnight of a base day; day and time-of-day strings are tabled once, so formatting a row costs
 * two look-ups and one concatenation, not a `Date` object.
 *
 * @example
 * ```ts
 * const clock = new TimestampFormat('2022-06-30', 1500);
 * clock.timestamp(86_400 + 3_661); // '2022-07-01 01:01:01'
 * ```
 */
export class TimestampFormat {
  readonly #dayPrefixes: string[];

  /**
   * @param baseDate `YYYY-MM-DD`, day 0.
   * @param dayCount how many days from the base are formattable.
   */
  constructor(baseDate: string, dayCount: number) {
    const baseMs = parseIsoDate(baseDate);
    this.#dayPrefixes = new Array<string>(dayCount);
    for (let day = 0; day < dayCount; day++) this.#dayPrefixes[day] = formatIsoDate(baseMs + day * MS_PER_DAY) + ' ';
  }

  /**
   * `YYYY-MM-DD HH:MM:SS` for a time in seconds since the base day's midnight (fractions dropped).
   * @example new TimestampFormat('2024-01-01', 2).timestamp(59.9); // '2024-01-01 00:00:59'
   */
  timestamp(seconds: number): string {
    const whole = Math.floor(seconds);
    const day = Math.floor(whole / SECONDS_PER_DAY);
    const prefix = this.#dayPrefixes[day];
    if (prefix === undefined) throw new RangeError(`day ${day} is outside the formatted range`);
    return prefix + TIMES_OF_DAY[whole - day * SECONDS_PER_DAY];
  }
}

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;
const MS_PER_DAY = SECONDS_PER_DAY * 1000;

/** '00'..'99', indexed by value. */
export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** `HH:MM:SS` for every second of a day, so a timestamp is a single concatenation. */
const TIMES_OF_DAY: readonly string[] = Array.from(
  { length: SECONDS_PER_DAY },
  (_, s) => TWO_DIGITS[Math.floor(s / 3600)] + ':' + TWO_DIGITS[Math.floor((s % 3600) / 60)] + ':' + TWO_DIGITS[s % 60],
);

/**
 * Milliseconds since the epoch of a `YYYY-MM-DD` date at UTC midnight; throws on anything else,
 * including impossible dates such as `2024-02-30`.
 * @example parseIsoDate('1970-01-02'); // 86400000
 */
export function parseIsoDate(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) throw new Error(`expected a date as YYYY-MM-DD, got '${iso}'`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (formatIsoDate(ms) !== iso) throw new Error(`'${iso}' is not a calendar date`);
  return ms;
}

/**
 * `YYYY-MM-DD` of a UTC instant.
 * @example formatIsoDate(0); // '1970-01-01'
 */
export function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Whole days from one `YYYY-MM-DD` date to another.
 * @example daysBetween('2024-02-28', '2024-03-01'); // 2
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to) - parseIsoDate(from)) / MS_PER_DAY);
}

/**
 * The same calendar day `years` earlier (29 February falls back to 1 March).
 * @example yearsBefore('2024-06-30', 3); // '2021-06-30'
 */
export function yearsBefore(iso: string, years: number): string {
  const ms = parseIsoDate(iso);
  const date = new Date(ms);
  return formatIsoDate(Date.UTC(date.getUTCFullYear() - years, date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Shift a `YYYY-MM-DD` date by whole days.
 * @example addDays('2024-02-28', 2); // '2024-03-01'
 */
export function addDays(iso: string, days: number): string {
  return formatIsoDate(parseIsoDate(iso) + days * MS_PER_DAY);
}
