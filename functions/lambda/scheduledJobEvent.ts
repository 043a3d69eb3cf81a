// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';

/**
 * What a job function is invoked with. The schedules send `{"scheduledTime": "<aws.scheduler.scheduled-time>"}`;
 * by hand, `{}` runs now and `{"asOf": "2024-05-31"}` runs for a given date. `force` re-runs a
 * scheduled time that already published.
 *
 * @example
 * ```json
 * { "scheduledTime": "2024-05-06T04:00:00Z" }
 * ```
 */
export const scheduledJobEventSchema = z
  .object({
    scheduledTime: z.iso.datetime({ offset: true }).optional(),
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'expected a real calendar date')
      .optional(),
    force: z.boolean().default(false),
  })
  .loose();

export type ScheduledJobEvent = z.output<typeof scheduledJobEventSchema>;

/**
 * The calendar date of an instant in a time zone: a Monday 06:00 Europe/Berlin schedule analyses
 * as of that Monday, even though it fires on Monday 04:00 or 05:00 UTC.
 *
 * @example
 * ```ts
 * dateInTimeZone(new Date('2024-05-05T23:30:00Z'), 'Europe/Berlin'); // '2024-05-06'
 * ```
 */
export function dateInTimeZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
