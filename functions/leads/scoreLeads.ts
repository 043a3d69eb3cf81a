/**
 * Lead scoring end to end: fit grade and engagement for every lead, bands, the priority matrix,
 * the conversion model (or the reason it is not used), reasons, ordering and breakdowns.
 */
import type { ModelInput } from './conversionFeatures.ts';
import type { FitGrade } from './fitGrading.ts';
import type { LeadRecord, LeadStatus } from './LeadRecord.ts';
import type { LeadScoringConfig } from './leadScoringConfig.ts';
import type { LeadRunSummary, LeadScoringResult } from './LeadScoringResult.ts';
import type { ScoredLead } from './ScoredLead.ts';
import { trainConversionModel } from './conversionModel.ts';
import { bandCutoffs, engagementBand, type BandCutoffs } from './engagementBands.ts';
import { compileEngagementScorer } from './engagementScore.ts';
import { compileFitGrader } from './fitGrading.ts';
import { dayNumber } from './isoDays.ts';
import { hasKnownOutcome, isWithinWindow } from './knownOutcome.ts';
import { leadBreakdowns } from './leadBreakdowns.ts';
import { LazyScoredLead, type LazyReasonContext } from './LazyScoredLead.ts';
import { TIER_ORDER, leadPriority, type LeadTier } from './priorityMatrix.ts';
import { sortByPriority } from './scoredLeadOrder.ts';

/** Next action of leads that are no longer open, whatever their tier. */
const CLOSED_ACTIONS: Readonly<Record<Exclude<LeadStatus, 'open'>, string>> = {
  converted: 'None: already converted',
  disqualified: 'None: disqualified in the CRM',
};

/**
 * Scores all leads as of `asOf` (`YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * const result = scoreLeads(records, leadScoringConfigSchema.parse({}), '2025-06-30');
 * result.leads[0]; // the hottest open lead: { priority: 'A1', tier: 'Hot', pConvert: 0.41, reasons: [...], … }
 * result.model.status; // 'trained' | 'rules-only'
 * ```
 */
export function scoreLeads(records: readonly LeadRecord[], config: LeadScoringConfig, asOf: string): LeadScoringResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(dayNumber(asOf))) {
    throw new Error(`scoreLeads: as-of date must be YYYY-MM-DD, got "${asOf}"`);
  }
  const started = performance.now();
  const grader = compileFitGrader(config.fit);
  const engagement = compileEngagementScorer(config.engagement);
  const inputs: ModelInput[] = records.map((record) => ({ record, fit: grader.grade(record) }));
  const scores = Float64Array.from(records, (record) => engagement.score(record.activity));
  const openScores = scores.filter((_, i) => records[i]?.status === 'open');
  const bands = bandCutoffs(config.engagement.bands, openScores);
  const rulesDone = performance.now();

  const model = trainConversionModel(
    inputs,
    config.model,
    { ruleLabels: grader.rules.map((r) => r.label), disqualifierLabels: grader.disqualifierLabels },
    asOf,
  );
  const modelDone = performance.now();

  const wording: LazyReasonContext = { reasons: { asOf, engagement, grader }, predictor: model.predictor };
  const context: LeadContext = { asOf, config, bands, wording };
  const unordered = inputs.map((input, i) => scoreOne(input, scores[i] as number, context));
  const leads = sortByPriority(unordered);
  const reasonsDone = performance.now();

  const knownOutcome = (lead: ScoredLead): boolean => hasKnownOutcome(lead.record, asOf, config.model.windowDays);
  // Counting passes read the leads in input order: the order they sit in memory, several times
  // faster at a million leads than hopping through them in priority order.
  const breakdowns = leadBreakdowns(unordered, config.breakdowns, knownOutcome);
  const timingsMs = {
    rules: Math.round(rulesDone - started),
    model: Math.round(modelDone - rulesDone),
    reasons: Math.round(reasonsDone - modelDone),
    total: Math.round(performance.now() - started),
  };
  const summary = summarise(unordered, asOf, config, bands, model.report, timingsMs);
  return { asOf, leads, model: model.report, validationSlice: model.validationSlice, bands, breakdowns, summary };
}

interface LeadContext {
  readonly asOf: string;
  readonly config: LeadScoringConfig;
  readonly bands: BandCutoffs;
  /** The reasons' context; its predictor (null when rules only) also gives p_convert. */
  readonly wording: LazyReasonContext;
}

/** One lead's band, cell, tier, action and p_convert; its reasons are worded when read. */
function scoreOne(input: ModelInput, engagementScore: number, context: LeadContext): ScoredLead {
  const { record, fit } = input;
  const band = engagementBand(engagementScore, context.bands);
  const priority = leadPriority(fit.grade, band, context.config.priority);
  const { predictor } = context.wording;
  const pConvert = predictor !== null && isWithinWindow(record, context.asOf, context.config.model.windowDays) ? predictor.predict(input) : null;
  return new LazyScoredLead({
    record,
    fit,
    engagement: engagementScore,
    band,
    priority: priority.cell,
    tier: priority.tier,
    nextAction: record.status === 'open' ? priority.nextAction : CLOSED_ACTIONS[record.status],
    pConvert,
  }, context.wording);
}

function summarise(
  leads: readonly ScoredLead[],
  asOf: string,
  config: LeadScoringConfig,
  bands: BandCutoffs,
  model: LeadRunSummary['model'],
  timingsMs: LeadRunSummary['timingsMs'],
): LeadRunSummary {
  const byStatus: Record<LeadStatus, number> = { open: 0, disqualified: 0, converted: 0 };
  const byGrade: Record<FitGrade, number> = { A: 0, B: 0, C: 0, D: 0, F: 0 };
  const byTier = Object.fromEntries(TIER_ORDER.map((t) => [t, 0])) as Record<LeadTier, number>;
  const disqualified: Record<string, number> = {};
  let openEngagement = 0;
  let predictedLeads = 0;
  for (const lead of leads) {
    byStatus[lead.record.status]++;
    byGrade[lead.fit.grade]++;
    if (lead.record.status === 'open') {
      byTier[lead.tier]++;
      openEngagement += lead.engagement;
    }
    if (lead.pConvert !== null) predictedLeads++;
    const by = lead.fit.disqualifiedBy;
    if (by !== null) disqualified[by] = (disqualified[by] ?? 0) + 1;
  }
  return {
    asOf,
    leads: leads.length,
    byStatus,
    byGrade,
    byTier,
    disqualified,
    engagement: {
      halfLifeDays: config.engagement.halfLifeDays,
      bands,
      meanOpen: byStatus.open === 0 ? null : openEngagement / byStatus.open,
    },
    predictedLeads,
    model,
    timingsMs,
  };
}
