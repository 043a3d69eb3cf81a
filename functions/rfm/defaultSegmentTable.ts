import type { SegmentRule } from '../config/configSchema.ts';

/**
 * The built-in named-segment table for 1–5 scores. First match wins, and the rules together
 * cover all 125 R-F-M cells (a test checks it), unlike the widely copied 11-segment table whose
 * overlapping ranges leave four segments unreachable (research rfm_leads.md §1.3).
 *
 * Reading order: the most valuable recent customers first, then recent customers by how often
 * they bought, then lapsed customers by how much is at stake.
 */
export const DEFAULT_SEGMENT_TABLE: readonly SegmentRule[] = [
  {
    name: 'Champions',
    description: 'Bought recently, buy often and spend the most.',
    action: 'Reward them: early access, loyalty perks, ask for reviews and referrals.',
    r: [4, 5], f: [4, 5], m: [4, 5],
  },
  {
    name: 'Loyal Customers',
    description: 'Buy regularly and spend well; responsive to promotions.',
    action: 'Upsell higher-value products; invite to the loyalty programme.',
    r: [3, 5], f: [3, 5], m: [3, 5],
  },
  {
    name: 'Potential Loyalists',
    description: 'Recent customers who have come back more than once.',
    action: 'Offer membership or a loyalty programme; recommend related products.',
    r: [3, 5], f: [2, 5], m: [1, 5],
  },
  {
    name: 'New Customers',
    description: 'Bought very recently for the first time or nearly so.',
    action: 'Onboard them: welcome series, help with first use, a reason to return.',
    r: [5, 5], f: [1, 1], m: [1, 5],
  },
  {
    name: 'Promising',
    description: 'Recent shoppers who have not bought often yet.',
    action: 'Build the relationship: free shipping threshold, trial offers.',
    r: [4, 4], f: [1, 1], m: [1, 5],
  },
  {
    name: 'Need Attention',
    description: 'Bought a while ago, once; could go either way.',
    action: 'Reactivate with a limited-time, personalised offer.',
    r: [3, 3], f: [1, 1], m: [1, 5],
  },
  {
    name: "Can't Lose Them",
    description: 'Used to buy often and spend the most, but not for a long time.',
    action: 'Win them back personally: call, survey why, strong offer.',
    r: [1, 2], f: [4, 5], m: [4, 5],
  },
  {
    name: 'At Risk',
    description: 'Bought often some time ago and have not returned.',
    action: 'Send a personalised win-back campaign with relevant products.',
    r: [1, 2], f: [3, 5], m: [1, 5],
  },
  {
    name: 'About To Sleep',
    description: 'Below-average recency and frequency; fading.',
    action: 'Share popular products and a discount before they lapse.',
    r: [2, 2], f: [1, 2], m: [1, 5],
  },
  {
    name: 'Hibernating',
    description: 'Last bought long ago, bought a couple of times.',
    action: 'Include in low-cost reactivation; do not overspend.',
    r: [1, 1], f: [2, 2], m: [1, 5],
  },
  {
    name: 'Lost',
    description: 'Bought once, long ago.',
    action: 'Ignore in paid campaigns, or one last low-cost reactivation.',
    r: [1, 1], f: [1, 1], m: [1, 5],
  },
];
