/**
 * Predicted conversion: a ridge logistic regression learned from the leads whose outcome is known,
 * checked on a later time slice before it is trusted.
 *
 * 1. Known-outcome leads (labelled and at least one window old) are encoded once (the encoder's
 *    value levels and scaling look at features, never at labels) and put in creation order; the
 *    newest `validationShare` is held out.
 * 2. The model is trained on the older leads and scored on the held-out newer ones: AUC and
 *    top-decile lift say how well it ranks leads it has not seen, in the future relative to its
 *    training data, the way it will be used.
 * 3. If there were too few conversions, or the model does not beat `minValidationAuc`, the result
 *    is "rules only" with the reason, and no probabilities are printed.
 * 4. Otherwise it is refitted on all known-outcome leads (the newest behaviour matters most),
 *    starting from the validated coefficients, unless `refit` is false; it then predicts p_convert
 *    for open leads still inside the window.
 */
import type { ConversionModelConfig } from './leadScoringConfig.ts';
import { rocAuc } from './auc.ts';
import { encodeTrainingSet, type FeatureEncoder, type FeatureSettings, type ModelInput } from './conversionFeatures.ts';
import {
  conversionPredictor,
  fittedModel,
  summariseCoefficients,
  type CoefficientSummary,
  type ConversionPredictor,
} from './conversionPredictor.ts';
import { designRows, permuteRowsInPlace, type DesignMatrix } from './designMatrix.ts';
import { dayNumber } from './isoDays.ts';
import { hasKnownOutcome } from './knownOutcome.ts';
import { fitLogisticRegression, predictProbabilities, type LogisticFit } from './logisticRegression.ts';
import { topShareLift } from './topShareLift.ts';

export type { CoefficientSummary, ConversionPredictor, ModelContribution } from './conversionPredictor.ts';

interface ReportBase {
  readonly windowDays: number;
  /** Leads with a known outcome (labelled, at least one window old). */
  readonly knownOutcomes: number;
  /** Of which converted. */
  readonly conversions: number;
}

export interface TrainedModelReport extends ReportBase {
  readonly status: 'trained';
  readonly trainSize: number;
  readonly trainConversions: number;
  readonly validationSize: number;
  readonly validationConversions: number;
  /** On the validation slice (newest known-outcome leads), model trained on the older ones. */
  readonly auc: number;
  readonly topDecileLift: number;
  /** Whether the predicting model was refitted on all known-outcome leads after validation. */
  readonly refit: boolean;
  /** Leads the predicting model was fitted on. */
  readonly fittedOn: number;
  readonly features: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly topCoefficients: readonly CoefficientSummary[];
  readonly trainingMs: number;
}

export interface RulesOnlyReport extends ReportBase {
  readonly status: 'rules-only';
  /** Plain-words reason, e.g. "rules only: 12 conversions among leads older than 90 days, need 50". */
  readonly reason: string;
  /** Validation figures when a model was tried and rejected. */
  readonly validation: { readonly auc: number; readonly topDecileLift: number; readonly validationSize: number } | null;
}

export type ConversionModelReport = TrainedModelReport | RulesOnlyReport;

export interface ConversionModel {
  readonly report: ConversionModelReport;
  readonly predictor: ConversionPredictor | null;
  /**
   * The validation slice: the newest known-outcome leads and the scores the model trained on the
   * older ones gave them, so the check can be repeated outside (`lead_model_validation.csv`).
   */
  readonly validationSlice: ValidationSlice | null;
}

/** Lead ids of the validation slice and their held-out scores, in the same order. */
export interface ValidationSlice {
  readonly leadIds: readonly string[];
  readonly scores: Float64Array;
}

/** Names of the fit rules and disqualifiers, which become model features. */
export interface RuleNames {
  readonly ruleLabels: readonly string[];
  readonly disqualifierLabels: readonly string[];
}

/**
 * Trains, validates and (re)fits the conversion model, or says why not.
 *
 * @example
 * ```ts
 * const model = trainConversionModel(inputs, config.model, { ruleLabels, disqualifierLabels }, '2025-06-30');
 * if (model.predictor) model.predictor.predict(inputs[0]); // 0.18
 * else model.report.reason; // 'rules only: 12 conversions among leads older than 90 days, need 50'
 * ```
 */
export function trainConversionModel(
  inputs: readonly ModelInput[],
  config: ConversionModelConfig,
  names: RuleNames,
  asOf: string,
): ConversionModel {
  const started = performance.now();
  const known = inputs.filter((input) => hasKnownOutcome(input.record, asOf, config.windowDays));
  const conversions = known.reduce((n, input) => n + (input.record.converted === true ? 1 : 0), 0);
  const base: ReportBase = { windowDays: config.windowDays, knownOutcomes: known.length, conversions };
  const rulesOnly = (reason: string, validation: RulesOnlyReport['validation'] = null, slice: ValidationSlice | null = null): ConversionModel => ({
    report: { ...base, status: 'rules-only', reason, validation },
    predictor: null,
    validationSlice: slice,
  });

  const tooLittle = historyShortfall(config, known.length, conversions);
  if (tooLittle !== null) return rulesOnly(tooLittle);

  const data = encodeOldestFirst(known, { ...config, ...names });
  const validation = validateOnNewest(data, config);
  const figures = { auc: validation.auc, topDecileLift: validation.topDecileLift, validationSize: validation.size };
  if (Number.isNaN(validation.auc)) {
    const held = validation.conversions === 0 ? 'no conversions' : 'only conversions';
    return rulesOnly(`rules only: the newest ${validation.size} known-outcome leads (validation slice) hold ${held}, so the model cannot be checked`);
  }
  if (validation.auc < config.minValidationAuc) {
    return rulesOnly(
      `rules only: the model ranked newer leads little better than chance (validation AUC ${validation.auc.toFixed(2)} < ${config.minValidationAuc})`,
      figures,
      validation.slice,
    );
  }

  const final = config.refit
    ? fitLogisticRegression(data.design, data.labels, { l2: config.l2, maxIterations: config.maxIterations, initial: validation.fit.coefficients })
    : validation.fit;
  const fittedDesign = config.refit ? data.design : designRows(data.design, 0, data.design.rows - validation.size);
  const model = fittedModel(data.encoder, final.coefficients, fittedDesign);
  const report: TrainedModelReport = {
    ...base,
    status: 'trained',
    trainSize: data.design.rows - validation.size,
    trainConversions: conversions - validation.conversions,
    validationSize: validation.size,
    validationConversions: validation.conversions,
    auc: validation.auc,
    topDecileLift: validation.topDecileLift,
    refit: config.refit,
    fittedOn: fittedDesign.rows,
    features: final.coefficients.length - 1,
    iterations: final.iterations,
    converged: final.converged,
    topCoefficients: summariseCoefficients(model, 12),
    trainingMs: Math.round(performance.now() - started),
  };
  return { report, predictor: conversionPredictor(model), validationSlice: validation.slice };
}

/** Why the history is too thin to learn from, or null when it is enough. */
function historyShortfall(config: ConversionModelConfig, known: number, conversions: number): string | null {
  if (!config.enabled) return 'rules only: the conversion model is switched off in the config';
  if (conversions < config.minConversions) {
    return `rules only: ${conversions} conversions among leads older than ${config.windowDays} days, need ${config.minConversions}`;
  }
  const nonConversions = known - conversions;
  if (nonConversions < config.minConversions) {
    return `rules only: ${nonConversions} leads older than ${config.windowDays} days did not convert, need ${config.minConversions} to learn from`;
  }
  return null;
}

interface EncodedHistory {
  readonly encoder: FeatureEncoder;
  /** Rows in creation order, oldest first. */
  readonly design: DesignMatrix;
  readonly labels: Uint8Array<ArrayBuffer>;
  /** Lead id of design row `row` (only the validation slice's are needed, so they are looked up on demand). */
  leadIdOf(row: number): string;
}

/**
 * The known-outcome leads encoded and put in creation order. Encoding reads the records in input
 * order (the order they sit in memory, several times faster at half a million leads); the rows
 * are then reordered.
 */
function encodeOldestFirst(known: readonly ModelInput[], settings: FeatureSettings): EncodedHistory {
  const encoded = encodeTrainingSet(known, settings);
  const order = oldestFirst(known);
  const inputOrderLabels = Uint8Array.from(known, (input) => (input.record.converted === true ? 1 : 0));
  const labels = Uint8Array.from(order, (i) => inputOrderLabels[i] as number);
  permuteRowsInPlace(encoded.design, order);
  const leadIdOf = (row: number): string => (known[order[row] as number] as ModelInput).record.leadId;
  return { encoder: encoded.encoder, design: encoded.design, labels, leadIdOf };
}

interface Validation {
  readonly fit: LogisticFit;
  readonly slice: ValidationSlice;
  readonly size: number;
  readonly conversions: number;
  readonly auc: number;
  readonly topDecileLift: number;
}

/** Fits on the older rows and measures AUC and top-decile lift on the newest `validationShare`. */
function validateOnNewest(data: EncodedHistory, config: ConversionModelConfig): Validation {
  const rows = data.design.rows;
  const size = Math.max(1, Math.round(rows * config.validationShare));
  const trainSize = rows - size;
  const fit = fitLogisticRegression(designRows(data.design, 0, trainSize), data.labels.subarray(0, trainSize), {
    l2: config.l2,
    maxIterations: config.maxIterations,
  });
  const scores = predictProbabilities(designRows(data.design, trainSize, rows), fit.coefficients);
  const labels = data.labels.subarray(trainSize);
  return {
    fit,
    slice: { leadIds: Array.from({ length: size }, (_, k) => data.leadIdOf(trainSize + k)), scores },
    size,
    conversions: labels.reduce((n, y) => n + y, 0),
    auc: rocAuc(scores, labels),
    topDecileLift: topShareLift(scores, labels, 0.1),
  };
}

/**
 * Positions of the leads sorted by creation date; leads created the same day keep their input
 * order (the lead SQL orders by lead id, so the split is reproducible). Sorts numeric keys, not
 * objects: comparing through half a million records costs seconds in memory traffic.
 */
function oldestFirst(leads: readonly ModelInput[]): Uint32Array {
  const keys = Float64Array.from(leads, (input, i) => dayNumber(input.record.createdAt) * POSITION_SPAN + i).sort();
  return Uint32Array.from(keys, (key) => key % POSITION_SPAN);
}

/** Sort keys are day × POSITION_SPAN + position: exact in a double for days before year 2500. */
const POSITION_SPAN = 2 ** 26;
