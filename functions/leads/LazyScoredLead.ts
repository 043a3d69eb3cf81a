/**
 * A scored lead whose reasons are put into words when they are read, not when the lead is
 * scored: a million leads would otherwise hold three million reason strings for the whole run,
 * while each is read once (leads.csv) or not at all (beyond the tabs' row cap). The words depend
 * only on the lead and the run's fitted scorers, so reading them twice gives the same text.
 */
import type { ConversionPredictor, ModelContribution } from './conversionModel.ts';
import type { EngagementBand } from './engagementBands.ts';
import type { FitResult } from './fitGrading.ts';
import type { LeadRecord } from './LeadRecord.ts';
import { MAX_REASONS, MIN_LOG_ODDS, leadReasons, type ReasonContext } from './leadReasons.ts';
import type { LeadTier, PriorityCell } from './priorityMatrix.ts';
import type { ScoredLead } from './ScoredLead.ts';

/** What the reasons of the run's leads are worded from. */
export interface LazyReasonContext {
  readonly reasons: ReasonContext;
  /** The model that predicted p_convert, whose factors join the reasons; null when rules only. */
  readonly predictor: ConversionPredictor | null;
}

/** The scores of one lead: a {@link ScoredLead} without its reasons. */
export type LeadScores = Omit<ScoredLead, 'reasons'>;

/**
 * @example
 * ```ts
 * const lead = new LazyScoredLead({ record, fit, engagement: 42, band: 1, priority: 'A1', tier: 'Hot', nextAction: 'Call', pConvert: 0.4 }, context);
 * lead.reasons; // ['requested demo 2 days ago', 'company size 50-1,000 (+)', …]
 * ```
 */
export class LazyScoredLead implements ScoredLead {
  readonly record: LeadRecord;
  readonly fit: FitResult;
  readonly engagement: number;
  readonly band: EngagementBand;
  readonly priority: PriorityCell;
  readonly tier: LeadTier;
  readonly nextAction: string;
  readonly pConvert: number | null;
  private readonly context: LazyReasonContext;

  constructor(scores: LeadScores, context: LazyReasonContext) {
    this.record = scores.record;
    this.fit = scores.fit;
    this.engagement = scores.engagement;
    this.band = scores.band;
    this.priority = scores.priority;
    this.tier = scores.tier;
    this.nextAction = scores.nextAction;
    this.pConvert = scores.pConvert;
    this.context = context;
  }

  /** Up to three plain-words reasons, most important first, worded on each read. */
  get reasons(): readonly string[] {
    const { record, fit } = this;
    // The model's factors of a lead it predicted for: the same explanation as its p_convert.
    const modelFactors: readonly ModelContribution[] = this.pConvert !== null && this.context.predictor !== null
      ? this.context.predictor.explain({ record, fit }, MAX_REASONS, MIN_LOG_ODDS).factors
      : [];
    return leadReasons({ record, fit, modelFactors }, this.context.reasons);
  }
}
