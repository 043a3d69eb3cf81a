/**
 * Engagement: what the lead has been doing lately. Each activity type earns points per decayed
 * event (so old activity fades instead of inflating the score forever), capped per type (so one
 * noisy signal such as email opens cannot carry a lead), and negative types subtract.
 */
import type { ActivityStat } from './LeadRecord.ts';
import type { ActivityScoring, EngagementConfig } from './leadScoringConfig.ts';

export interface EngagementScorer {
  /** Engagement score: Σ over types of the capped points. */
  score(activity: Readonly<Record<string, ActivityStat>>): number;
  /** Points one activity type earns: points × decayedCount, clamped to ±cap. */
  points(type: string, stat: ActivityStat): number;
  /** Scoring rule used for a type (the configured one, or `otherActivities`). */
  scoringOf(type: string): ActivityScoring;
  /** Verb phrase for reasons, e.g. "visited pricing". */
  labelOf(type: string): string;
}

/**
 * Activity type as the config names it: lower case, runs of other characters as `_`.
 *
 * @example
 * ```ts
 * normaliseActivityType('Pricing Page View'); // 'pricing_page_view'
 * ```
 */
export function normaliseActivityType(type: string): string {
  let normalised = normalisedTypes.get(type);
  if (normalised === undefined) {
    normalised = type
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    // Activity types are few; the bound only guards against a column of free text.
    if (normalisedTypes.size < 10_000) normalisedTypes.set(type, normalised);
  }
  return normalised;
}

const normalisedTypes = new Map<string, string>();

/**
 * Compiles the engagement config.
 *
 * @example
 * ```ts
 * const scorer = compileEngagementScorer(leadScoringConfigSchema.parse({}).engagement);
 * scorer.score({ pricing_page_view: { count: 3, decayedCount: 2.9, lastAt: '2025-06-29' } }); // 14.5
 * ```
 */
export function compileEngagementScorer(config: EngagementConfig): EngagementScorer {
  // Few distinct types exist, so remembering each raw type's rule saves re-normalising per lead.
  const rules = new Map<string, ActivityScoring>();
  const scoringOf = (type: string): ActivityScoring => {
    let rule = rules.get(type);
    if (rule === undefined) {
      rule = config.activities[normaliseActivityType(type)] ?? config.otherActivities;
      rules.set(type, rule);
    }
    return rule;
  };
  const points = (type: string, stat: ActivityStat): number => {
    const rule = scoringOf(type);
    const raw = rule.points * stat.decayedCount;
    return Math.max(-rule.cap, Math.min(rule.cap, raw));
  };
  const score = (activity: Readonly<Record<string, ActivityStat>>): number => {
    let total = 0;
    for (const type in activity) {
      const stat = activity[type];
      if (stat !== undefined) total += points(type, stat);
    }
    return total;
  };
  const labelOf = (type: string): string => scoringOf(type).label ?? normaliseActivityType(type).replaceAll('_', ' ');
  return { score, points, scoringOf, labelOf };
}
