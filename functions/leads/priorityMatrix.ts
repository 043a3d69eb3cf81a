/**
 * Priority: the fit grade and the engagement band stay two separate axes (who the lead is, what
 * they do) and meet in a matrix cell, A1 best … D4, or F when disqualified. The configured matrix
 * maps each cell to a tier, and each tier to a recommended next action.
 */
import type { EngagementBand } from './engagementBands.ts';
import type { FitGrade } from './fitGrading.ts';
import type { MatrixTier, PriorityConfig } from './leadScoringConfig.ts';

/** Tier of a lead: a matrix tier, or Disqualified for grade F. */
export type LeadTier = MatrixTier | 'Disqualified';

/** Tiers best first; the order of the priority list and of tier columns. */
export const TIER_ORDER: readonly LeadTier[] = ['Hot', 'Warm', 'Nurture', 'Low', 'Disqualified'];

/** Matrix cell such as `A1`, or `F`. */
export type PriorityCell = `${Exclude<FitGrade, 'F'>}${EngagementBand}` | 'F';

export interface Priority {
  readonly cell: PriorityCell;
  readonly tier: LeadTier;
  readonly nextAction: string;
}

/**
 * Cell, tier and next action of a lead.
 *
 * @example
 * ```ts
 * const config = leadScoringConfigSchema.parse({}).priority;
 * leadPriority('A', 2, config); // { cell: 'A2', tier: 'Hot', nextAction: 'Call within 1 business day' }
 * leadPriority('F', 1, config).tier; // 'Disqualified'
 * ```
 */
export function leadPriority(grade: FitGrade, band: EngagementBand, config: PriorityConfig): Priority {
  if (grade === 'F') return { cell: 'F', tier: 'Disqualified', nextAction: config.actions.Disqualified };
  const tier = config.matrix[grade][band - 1] as MatrixTier;
  return { cell: `${grade}${band}`, tier, nextAction: config.actions[tier] };
}

/**
 * Rank of a tier, 0 for Hot; for sorting.
 *
 * @example
 * ```ts
 * tierRank('Warm'); // 1
 * ```
 */
export function tierRank(tier: LeadTier): number {
  return TIER_ORDER.indexOf(tier);
}
