/**
 * A fitted conversion model put to use: p_convert for a lead, the factors that move that lead's
 * odds (for reasons), and the largest coefficients (for run.json).
 *
 * Factors are relative to the average training lead: a dense feature contributes
 * β (x − mean), a categorical value its level's coefficient minus the average level coefficient.
 * So "(+)" reads "raises the odds compared with a typical lead".
 */
import type { FeatureEncoder, FeatureSource, ModelInput } from './conversionFeatures.ts';
import type { DesignMatrix } from './designMatrix.ts';
import { categoricalOffsets } from './designMatrix.ts';
import { sigmoid } from './logisticRegression.ts';

/** One source's share of a lead's log-odds, relative to the average training lead. */
export interface ModelContribution {
  readonly source: FeatureSource;
  readonly logOdds: number;
}

export interface ConversionPredictor {
  /** P(convert within the window). */
  predict(input: ModelInput): number;
  /**
   * P(convert) and the sources that move this lead's odds most, largest first, at least
   * `minLogOdds` in size; only sources the lead has (a matched rule, an activity done, a value).
   */
  explain(input: ModelInput, limit: number, minLogOdds: number): { probability: number; factors: ModelContribution[] };
}

/** One coefficient, for run.json. */
export interface CoefficientSummary {
  /** e.g. "industry = Software", "company_size (log)". */
  readonly feature: string;
  /** Log-odds per standard deviation (dense) or relative to the average level (categorical). */
  readonly coefficient: number;
  readonly oddsRatio: number;
}

export interface FittedModel {
  readonly encoder: FeatureEncoder;
  readonly coefficients: Float64Array;
  /** Average coefficient of each categorical feature's levels over the leads it was fitted on. */
  readonly meanLevelEffect: Float64Array;
}

/**
 * Bundles an encoder and its fitted coefficients, computing the average level effects over the
 * design the coefficients were fitted on.
 *
 * @example
 * ```ts
 * const model = fittedModel(encoder, fit.coefficients, design);
 * ```
 */
export function fittedModel(encoder: FeatureEncoder, coefficients: Float64Array, design: DesignMatrix): FittedModel {
  const offsets = categoricalOffsets(design);
  const meanLevelEffect = Float64Array.from(design.categorical, (column, f) => {
    let sum = 0;
    for (let i = 0; i < design.rows; i++) sum += coefficients[(offsets[f] as number) + (column.codes[i] as number)] as number;
    return design.rows === 0 ? 0 : sum / design.rows;
  });
  return { encoder, coefficients, meanLevelEffect };
}

/**
 * The `limit` largest coefficients by size, named.
 *
 * @example
 * ```ts
 * summariseCoefficients(model, 3); // [{ feature: 'source = referral', coefficient: 0.81, oddsRatio: 2.25 }, …]
 * ```
 */
export function summariseCoefficients(model: FittedModel, limit: number): CoefficientSummary[] {
  const beta = model.coefficients;
  const rows: CoefficientSummary[] = [];
  const add = (feature: string, coefficient: number): void => {
    rows.push({ feature, coefficient, oddsRatio: Math.exp(coefficient) });
  };
  model.encoder.dense.forEach((feature, j) => add(feature.name, beta[1 + j] as number));
  let offset = 1 + model.encoder.dense.length;
  model.encoder.categorical.forEach((feature, f) => {
    feature.levels.forEach((level, l) => add(`${feature.field} = ${level}`, (beta[offset + l] as number) - (model.meanLevelEffect[f] as number)));
    offset += feature.levels.length;
  });
  return rows.sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient)).slice(0, limit);
}

/**
 * The predictor of a fitted model. Reuses its buffers between calls (one lead at a time).
 *
 * @example
 * ```ts
 * const predictor = conversionPredictor(model);
 * predictor.explain({ record, fit }, 3, 0.1); // { probability: 0.31, factors: [{ source: { kind: 'categorical', field: 'source' }, logOdds: 0.8 }, …] }
 * ```
 */
export function conversionPredictor(model: FittedModel): ConversionPredictor {
  const { encoder, coefficients: beta, meanLevelEffect } = model;
  const width = encoder.dense.length;
  const offsets = levelOffsets(encoder);
  const groups = sourceGroups(encoder);
  const row = new Float64Array(width);
  const scaledMean = Float64Array.from(encoder.dense, (feature) => feature.scaledMean);
  const codes = new Int32Array(encoder.categorical.length);
  const groupSum = new Float64Array(groups.sources.length);
  const groupPresent = new Uint8Array(groups.sources.length);

  const linear = (input: ModelInput): number => {
    encoder.encode(input, row, 0, codes);
    let eta = beta[0] as number;
    for (let j = 0; j < width; j++) eta += (beta[1 + j] as number) * (row[j] as number);
    for (let f = 0; f < codes.length; f++) eta += beta[(offsets[f] as number) + (codes[f] as number)] as number;
    return eta;
  };

  const explain: ConversionPredictor['explain'] = (input, limit, minLogOdds) => {
    const probability = sigmoid(linear(input));
    groupSum.fill(0);
    groupPresent.fill(0);
    for (let j = 0; j < width; j++) {
      const g = groups.ofFeature[j] as number;
      const value = row[j] as number;
      groupSum[g] = (groupSum[g] as number) + (beta[1 + j] as number) * (value - (scaledMean[j] as number));
      if (value !== 0) groupPresent[g] = 1;
    }
    const found: ModelContribution[] = [];
    groups.sources.forEach((source, g) => {
      const logOdds = groupSum[g] as number;
      if (groupPresent[g] === 1 && Math.abs(logOdds) >= minLogOdds) found.push({ source, logOdds });
    });
    encoder.categorical.forEach((feature, f) => {
      const logOdds = (beta[(offsets[f] as number) + (codes[f] as number)] as number) - (meanLevelEffect[f] as number);
      if (Math.abs(logOdds) >= minLogOdds) found.push({ source: { kind: 'categorical', field: feature.field }, logOdds });
    });
    const factors = found.sort((a, b) => Math.abs(b.logOdds) - Math.abs(a.logOdds)).slice(0, limit);
    return { probability, factors };
  };

  return { predict: (input) => sigmoid(linear(input)), explain };
}

function levelOffsets(encoder: FeatureEncoder): number[] {
  const offsets: number[] = [];
  let next = 1 + encoder.dense.length;
  for (const feature of encoder.categorical) {
    offsets.push(next);
    next += feature.levels.length;
  }
  return offsets;
}

/** Dense features grouped by source: a numeric field's log value and missing flag explain together. */
function sourceGroups(encoder: FeatureEncoder): { sources: FeatureSource[]; ofFeature: Int32Array } {
  const keys: string[] = [];
  const sources: FeatureSource[] = [];
  const ofFeature = Int32Array.from(encoder.dense, (feature) => {
    const key = JSON.stringify(feature.source);
    let g = keys.indexOf(key);
    if (g < 0) {
      g = keys.length;
      keys.push(key);
      sources.push(feature.source);
    }
    return g;
  });
  return { sources, ofFeature };
}
