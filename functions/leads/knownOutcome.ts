/**
 * Which leads have a known conversion outcome for the model and the historical conversion rates:
 * those with a label that are at least one window old. Younger leads that already converted are
 * left out on purpose: counting them without their unconverted peers (whose outcome is still
 * open) would make young leads look like sure converters.
 */
import type { LeadRecord } from './LeadRecord.ts';
import { daysBetween } from './isoDays.ts';

/**
 * True when the lead's conversion within `windowDays` is settled and labelled.
 *
 * @example
 * ```ts
 * hasKnownOutcome({ ...lead, createdAt: '2025-01-01', converted: false }, '2025-06-30', 90); // true
 * hasKnownOutcome({ ...lead, createdAt: '2025-06-01', converted: true }, '2025-06-30', 90); // false (too young)
 * ```
 */
export function hasKnownOutcome(record: LeadRecord, asOf: string, windowDays: number): boolean {
  return record.converted !== null && daysBetween(record.createdAt, asOf) >= windowDays;
}

/**
 * True when the lead is open and young enough that its conversion within the window is still
 * ahead: the leads p_convert is predicted for.
 *
 * @example
 * ```ts
 * isWithinWindow({ ...lead, status: 'open', createdAt: '2025-06-01' }, '2025-06-30', 90); // true
 * ```
 */
export function isWithinWindow(record: LeadRecord, asOf: string, windowDays: number): boolean {
  return record.status === 'open' && daysBetween(record.createdAt, asOf) < windowDays;
}
