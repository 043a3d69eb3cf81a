/**
 * Holdout check and model choice. A model fitted on the calibration period predicts each
 * customer's repeat purchases in the holdout period; predictions are compared with what the
 * customers actually did, in total, by calibration frequency (0..7+, as in the BTYD walkthrough),
 * and per customer.
 */
import type { CustomerHistory } from './CustomerHistory.ts';
import { memoizeByXT } from './memoizeByXT.ts';
import type { FittedPurchaseModel, PurchaseModelName } from './PurchaseModel.ts';

/**
 * A calibration history with the repeat purchases the customer actually made in the holdout;
 * with `weight`, that many customers with this same history and holdout count (default 1), so
 * the engine can hand over unique rows instead of one per customer.
 */
export interface HoldoutCustomer extends CustomerHistory {
  readonly holdoutPurchases: number;
  readonly weight?: number;
}

/** Calibration-frequency group: mean predicted vs mean actual holdout purchases. */
export interface FrequencyGroup {
  /** '0' .. '6', then '7+'. */
  readonly frequency: string;
  readonly customers: number;
  readonly predictedMean: number;
  readonly actualMean: number;
}

export interface HoldoutCheck {
  readonly model: PurchaseModelName;
  readonly holdoutLength: number;
  readonly customers: number;
  readonly totalPredicted: number;
  readonly totalActual: number;
  readonly byFrequency: readonly FrequencyGroup[];
  /** Mean over the non-empty frequency groups of |predicted mean - actual mean|. */
  readonly groupMeanAbsoluteError: number;
  /** sqrt(mean over customers of (predicted - actual)^2): the model-choice criterion. */
  readonly rmsePerCustomer: number;
}

const GROUPS = 8;

/**
 * Compares a fitted model's holdout predictions with actual holdout purchases.
 *
 * @example
 * ```ts
 * const check = holdoutCheck(bindPurchaseModel(bgNbd, params), customers, 39);
 * check.byFrequency[0]; // { frequency: '0', customers: 1411, predictedMean: 0.2255, actualMean: 0.237 }
 * ```
 */
export function holdoutCheck(model: FittedPurchaseModel, customers: readonly HoldoutCustomer[], holdoutLength: number): HoldoutCheck {
  const ifAlive = memoizeByXT((x, T) => model.expectedPurchasesIfAlive(holdoutLength, x, T));
  const count = new Float64Array(GROUPS);
  const predicted = new Float64Array(GROUPS);
  const actual = new Float64Array(GROUPS);
  let squaredError = 0;
  let customerCount = 0;
  for (const c of customers) {
    const weight = c.weight ?? 1;
    const prediction = model.pAlive(c) * ifAlive(c.x, c.T);
    const group = Math.min(c.x, GROUPS - 1);
    customerCount += weight;
    count[group]! += weight;
    predicted[group]! += weight * prediction;
    actual[group]! += weight * c.holdoutPurchases;
    squaredError += weight * (prediction - c.holdoutPurchases) ** 2;
  }
  const byFrequency: FrequencyGroup[] = [];
  let absoluteError = 0;
  for (let g = 0; g < GROUPS; g++) {
    const n = count[g]!;
    if (n === 0) continue;
    const group = {
      frequency: g === GROUPS - 1 ? `${g}+` : String(g),
      customers: n,
      predictedMean: predicted[g]! / n,
      actualMean: actual[g]! / n,
    };
    byFrequency.push(group);
    absoluteError += Math.abs(group.predictedMean - group.actualMean);
  }
  return {
    model: model.name,
    holdoutLength,
    customers: customerCount,
    totalPredicted: predicted.reduce((s, v) => s + v, 0),
    totalActual: actual.reduce((s, v) => s + v, 0),
    byFrequency,
    groupMeanAbsoluteError: byFrequency.length > 0 ? absoluteError / byFrequency.length : Number.NaN,
    rmsePerCustomer: Math.sqrt(squaredError / customerCount),
  };
}

export type ModelChoice = PurchaseModelName | 'auto';

export type ModelSelection =
  | {
      readonly ok: true;
      readonly chosen: FittedPurchaseModel;
      readonly checks: readonly HoldoutCheck[];
      /** Why this model, in a sentence fit for run.json and the CLV tab. */
      readonly reason: string;
    }
  | { readonly ok: false; readonly message: string; readonly checks: readonly HoldoutCheck[] };

/**
 * Picks the configured model, or with 'auto' the one with the lowest holdout RMSE per customer,
 * and returns the holdout check of every candidate either way.
 *
 * @example
 * ```ts
 * const selection = chooseModel([bgFitted, paretoFitted], holdoutCustomers, 39, 'auto');
 * if (selection.ok) console.log(selection.reason);
 * ```
 */
export function chooseModel(
  candidates: readonly FittedPurchaseModel[],
  customers: readonly HoldoutCustomer[],
  holdoutLength: number,
  choice: ModelChoice,
): ModelSelection {
  const checks = candidates.map((model) => holdoutCheck(model, customers, holdoutLength));
  if (candidates.length === 0) return { ok: false, message: 'No fitted purchase model to choose from.', checks };
  if (choice !== 'auto') {
    const configured = candidates.find((m) => m.name === choice);
    return configured
      ? { ok: true, chosen: configured, checks, reason: `${choice}: the configured model.` }
      : { ok: false, message: `The configured model ${choice} has no usable fit.`, checks };
  }
  let best = 0;
  checks.forEach((check, i) => {
    if (check.rmsePerCustomer < checks[best]!.rmsePerCustomer) best = i;
  });
  const summary = checks.map((c) => `${c.model} ${c.rmsePerCustomer.toFixed(4)}`).join(', ');
  return {
    ok: true,
    chosen: candidates[best]!,
    checks,
    reason: `auto: ${candidates[best]!.name} has the lowest holdout RMSE per customer over ${holdoutLength} time units (${summary}).`,
  };
}
