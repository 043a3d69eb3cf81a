// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';
import { isIsoDate } from '../runtime/isoDate.ts';

/** A real calendar date written `YYYY-MM-DD`. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isIsoDate, 'expected a real calendar date');

/** An IANA time zone name the runtime knows. */
export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as "UTC" or "Europe/Berlin"');
