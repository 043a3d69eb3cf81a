/**
 * Hand-made leads for tests: a plain open lead that matches no fit rule and has no activity, to
 * be overridden field by field.
 */
import type { ActivityStat, LeadRecord } from '../../functions/leads/LeadRecord.ts';

export const AS_OF = '2025-06-30';

/**
 * A lead with every field neutral under the default config (0 fit points, grade D, no activity).
 *
 * @example
 * ```ts
 * makeLead({ leadId: 'L-2', industry: 'Software' });
 * ```
 */
export function makeLead(overrides: Partial<LeadRecord> = {}): LeadRecord {
  return {
    leadId: 'L-1',
    email: 'pat@acme.io',
    emailValid: true,
    freeMail: false,
    emailDomain: 'acme.io',
    createdAt: '2025-06-01',
    company: 'Acme',
    domain: 'acme.io',
    industry: null,
    companySize: null,
    annualRevenue: null,
    budget: null,
    country: null,
    region: null,
    title: null,
    source: null,
    owner: 'kim',
    status: 'open',
    lastActivityAt: null,
    activity: {},
    converted: null,
    convertedAt: null,
    attributes: {},
    ...overrides,
  };
}

/** An activity statistic with `count` events, all `ageDays` before as_of, decayed with a 30-day half-life. */
export function eventsAgo(count: number, ageDays: number, asOf = AS_OF): ActivityStat {
  const lastAt = new Date(Date.parse(`${asOf}T00:00:00Z`) - ageDays * 86_400_000).toISOString().slice(0, 10);
  return { count, decayedCount: count * 0.5 ** (ageDays / 30), lastAt };
}
