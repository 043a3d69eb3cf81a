/**
 * What lead scoring returns: the scored leads in priority order, the conversion model's report,
 * the engagement band cutoffs, the segment breakdowns and a summary ready for `run.json`.
 */
import type { ConversionModelReport, ValidationSlice } from './conversionModel.ts';
import type { BandCutoffs } from './engagementBands.ts';
import type { FitGrade } from './fitGrading.ts';
import type { Breakdown } from './leadBreakdowns.ts';
import type { LeadStatus } from './LeadRecord.ts';
import type { LeadTier } from './priorityMatrix.ts';
import type { ScoredLead } from './ScoredLead.ts';

export interface LeadScoringResult {
  readonly asOf: string;
  /** Every lead, open leads first in priority order (see `scoredLeadOrder.ts`), then closed ones. */
  readonly leads: readonly ScoredLead[];
  readonly model: ConversionModelReport;
  /** The held-out validation scores, when a model was validated. */
  readonly validationSlice: ValidationSlice | null;
  readonly bands: BandCutoffs;
  readonly breakdowns: readonly Breakdown[];
  readonly summary: LeadRunSummary;
}

/** The lead part of `run.json`: counts, settings that shaped the scores, the model, timings. */
export interface LeadRunSummary {
  readonly asOf: string;
  readonly leads: number;
  readonly byStatus: Readonly<Record<LeadStatus, number>>;
  /** Grades of all leads. */
  readonly byGrade: Readonly<Record<FitGrade, number>>;
  /** Tiers of the open leads. */
  readonly byTier: Readonly<Record<LeadTier, number>>;
  /** Leads per disqualifier label (first match), all statuses. */
  readonly disqualified: Readonly<Record<string, number>>;
  readonly engagement: {
    readonly halfLifeDays: number;
    readonly bands: BandCutoffs;
    /** Mean engagement score of the open leads (null without open leads). */
    readonly meanOpen: number | null;
  };
  /** Open leads with a p_convert. */
  readonly predictedLeads: number;
  readonly model: ConversionModelReport;
  readonly timingsMs: {
    readonly rules: number;
    readonly model: number;
    readonly reasons: number;
    readonly total: number;
  };
}
