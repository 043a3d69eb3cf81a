/**
 * Open leads per tier, for the Summary tab.
 */
import type { ScoredLead } from './ScoredLead.ts';
import { TIER_ORDER, type LeadTier } from './priorityMatrix.ts';

export interface TierCount {
  readonly tier: LeadTier;
  readonly leads: number;
}

/**
 * Open leads per tier, every tier listed (zeros included), best tier first.
 *
 * @example
 * ```ts
 * leadTierCounts(result.leads); // [{ tier: 'Hot', leads: 12 }, { tier: 'Warm', leads: 40 }, …]
 * ```
 */
export function leadTierCounts(leads: readonly ScoredLead[]): TierCount[] {
  const counts = new Map<LeadTier, number>(TIER_ORDER.map((t) => [t, 0]));
  for (const lead of leads) {
    if (lead.record.status === 'open') counts.set(lead.tier, (counts.get(lead.tier) ?? 0) + 1);
  }
  return TIER_ORDER.map((tier) => ({ tier, leads: counts.get(tier) ?? 0 }));
}
