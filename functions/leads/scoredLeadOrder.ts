/**
 * The order of the priority list: open leads first, by tier (Hot … Disqualified), then by
 * predicted conversion (leads without one after those with), engagement and fit points; leads equal
 * on all of these keep their input order (the lead SQL orders by lead id, so the order is the same
 * between runs).
 */
import type { ScoredLead } from './ScoredLead.ts';
import { tierRank } from './priorityMatrix.ts';

/**
 * The leads in priority order, without mutating the input. Sorts an index by precomputed numeric
 * keys: comparing objects through a million leads is several times slower.
 *
 * @example
 * ```ts
 * const ranked = sortByPriority(scored);
 * ```
 */
export function sortByPriority(leads: readonly ScoredLead[]): ScoredLead[] {
  const n = leads.length;
  // First key: open before closed, then tier rank (0 Hot … 4 Disqualified).
  const group = new Int8Array(n);
  const p = new Float64Array(n);
  const engagement = new Float64Array(n);
  const fit = new Float64Array(n);
  leads.forEach((lead, i) => {
    group[i] = (lead.record.status === 'open' ? 0 : 8) + tierRank(lead.tier);
    p[i] = lead.pConvert ?? -1;
    engagement[i] = lead.engagement;
    fit[i] = lead.fit.points;
  });
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      (group[a] as number) - (group[b] as number) ||
      (p[b] as number) - (p[a] as number) ||
      (engagement[b] as number) - (engagement[a] as number) ||
      (fit[b] as number) - (fit[a] as number) ||
      a - b,
  );
  return Array.from(order, (i) => leads[i] as ScoredLead);
}
