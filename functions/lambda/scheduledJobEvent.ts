// zod's tree-shakable build: the handler's only schemas at run time are this one and the
// environment's (the configuration is validated at synth), and with classic zod these two would
// bring 85 kB of it into each bundle and about 10 ms into each cold start; zod/mini takes 20 kB and
// 4 ms. zod/mini loads no error messages, so every rule names its own.
import * as z from 'zod/mini';
import { isIsoDate } from '../runtime/isoDate.ts';

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
export const scheduledJobEventSchema = z.looseObject(
  {
    scheduledTime: z.optional(z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as 2024-05-06T04:00:00Z' })),
    asOf: z.optional(
      z
        .string({ error: 'expected a date as YYYY-MM-DD' })
        .check(
          z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
          z.refine(isIsoDate, 'expected a real calendar date'),
        ),
    ),
    force: z._default(z.boolean({ error: 'expected true or false' }), false),
  },
  { error: 'expected an object' },
);

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
