/**
 * One lead as the lead SQL hands it to the scoring core: attributes, status, per-type activity
 * statistics and the conversion label. Field names are camelCase here; the SQL's snake_case
 * columns map one to one (`lead_id` → `leadId`, …), and rules in the config refer to the
 * snake_case names (see `leadFields.ts`).
 *
 * @example
 * ```ts
 * const lead: LeadRecord = {
 *   leadId: 'L-1', email: 'ana@acme.io', emailValid: true, freeMail: false, emailDomain: 'acme.io',
 *   createdAt: '2025-05-02', company: 'Acme', domain: 'acme.io', industry: 'Software',
 *   companySize: 120, annualRevenue: null, budget: null, country: 'DE', region: 'EMEA',
 *   title: 'VP Sales', source: 'webinar', owner: 'kim', status: 'open', lastActivityAt: '2025-06-28',
 *   activity: { pricing_page_view: { count: 3, decayedCount: 2.8, lastAt: '2025-06-28' } },
 *   converted: null, convertedAt: null, attributes: {},
 * };
 * ```
 */

/** Activity of one type for one lead. */
export interface ActivityStat {
  /** Number of events of this type. */
  count: number;
  /**
   * Σ 0.5^(ageDays / halfLifeDays) over the events, age relative to `as_of`: recent events count
   * almost fully, an event one half-life old counts half. See `activityDecay.ts`.
   */
  decayedCount: number;
  /** Date (or timestamp) of the latest event of this type, ISO. */
  lastAt: string | null;
}

/** CRM status of a lead, normalised by the SQL. */
export type LeadStatus = 'open' | 'disqualified' | 'converted';

export interface LeadRecord {
  leadId: string;
  /** Trimmed, lower-case. */
  email: string | null;
  emailValid: boolean;
  /** The email domain is a free-mail provider (gmail.com, outlook.com, …). */
  freeMail: boolean;
  emailDomain: string | null;
  /** `YYYY-MM-DD`. */
  createdAt: string;
  company: string | null;
  domain: string | null;
  industry: string | null;
  /** Employees. */
  companySize: number | null;
  annualRevenue: number | null;
  budget: number | null;
  country: string | null;
  region: string | null;
  title: string | null;
  source: string | null;
  owner: string | null;
  status: LeadStatus;
  /** ISO date or timestamp of the latest activity of any type. */
  lastActivityAt: string | null;
  /**
   * Per activity type: from the activities file when present (decayed per event), else from the
   * export's counters (then decayedCount = count × 0.5^(age of lastActivityAt / halfLife), and
   * lastAt = lastActivityAt).
   */
  activity: Record<string, ActivityStat>;
  /**
   * Conversion label: true/false when the outcome is known (lead older than the window, or status
   * converted), null when still unknown.
   */
  converted: boolean | null;
  convertedAt: string | null;
  /** Extra mapped attributes (any configured column), for rules and breakdowns. */
  attributes: Record<string, string | number | null>;
}
