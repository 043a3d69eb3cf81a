/**
 * A lead after scoring: its record, the two axes (fit grade, engagement band), the matrix cell and
 * tier with the next action, the predicted conversion and the reasons, in plain words.
 */
import type { EngagementBand } from './engagementBands.ts';
import type { FitResult } from './fitGrading.ts';
import type { LeadRecord } from './LeadRecord.ts';
import type { LeadTier, PriorityCell } from './priorityMatrix.ts';

export interface ScoredLead {
  readonly record: LeadRecord;
  readonly fit: FitResult;
  /** Engagement score: Σ per type of capped, decayed points. */
  readonly engagement: number;
  readonly band: EngagementBand;
  /** Grade × band, e.g. `A1`, or `F`. */
  readonly priority: PriorityCell;
  readonly tier: LeadTier;
  readonly nextAction: string;
  /**
   * P(convert within the model window): set for open leads still inside the window when the model
   * is trained; null otherwise (rules only, closed lead, or lead older than the window).
   */
  readonly pConvert: number | null;
  /** Up to three plain-words reasons, most important first. */
  readonly reasons: readonly string[];
}
