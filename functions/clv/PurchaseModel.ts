/**
 * The common shape of the purchase-process models (BG/NBD, MBG/NBD, Pareto/NBD), and a binding of
 * a model to fitted parameters that callers can hold without knowing the parameter type.
 *
 * Every prediction factors as P(alive | x, tx, T) times a quantity that depends on (x, T) only;
 * the "IfAlive" methods expose that factor so batch predictions can cache it per (x, T).
 */
import type { CustomerHistory, WeightedHistory } from './CustomerHistory.ts';
import type { DiscountOptions } from './discounting.ts';
import type { FitOptions, FitResult } from './FitResult.ts';

export type PurchaseModelName = 'bgnbd' | 'mbgnbd' | 'pareto-nbd';

/** Model parameters: named positive numbers. */
export type ModelParams = Readonly<Record<string, number>>;

/** The parts each model implements. */
export interface PurchaseModelCore<P extends ModelParams> {
  readonly name: PurchaseModelName;
  readonly parameterNames: readonly (keyof P & string)[];
  /** How DERT is computed: a closed form, or numerical integration of the transaction rate. */
  readonly dertMethod: 'closed-form' | 'numerical-integration';
  /** Total log-likelihood of weighted histories, in the histories' time unit. */
  logLikelihood(params: P, histories: readonly WeightedHistory[]): number;
  /** Maximum-likelihood fit on weighted unique histories. */
  fit(histories: readonly WeightedHistory[], options?: FitOptions): FitResult<P>;
  /** P(customer still alive at the end of calibration | x, tx, T). */
  pAlive(params: P, c: CustomerHistory): number;
  /** E[X(t)]: expected repeat purchases in (0, t] of a customer who just made a first purchase. */
  expectedPurchases(params: P, t: number): number;
  /** E[Y(t) | alive at T, x, T]: expected purchases in (T, T + t] if the customer is alive. */
  expectedPurchasesIfAlive(params: P, t: number, x: number, T: number): number;
  /** DERT given alive at T. */
  discountedTransactionsIfAlive(params: P, x: number, T: number, discount: DiscountOptions): number;
}

/** A purchase model: the core plus the conditional predictions built from it. */
export interface PurchaseModel<P extends ModelParams> extends PurchaseModelCore<P> {
  /** E[Y(t) | x, tx, T]: expected purchases in the next t time units. */
  conditionalExpectedPurchases(params: P, t: number, c: CustomerHistory): number;
  /** Discounted expected residual transactions (DERT) over a horizon or the lifetime. */
  discountedExpectedTransactions(params: P, c: CustomerHistory, discount: DiscountOptions): number;
}

/**
 * Adds the conditional predictions (P(alive) times the alive-only factor) to a model core.
 *
 * @example
 * ```ts
 * export const bgNbd = completePurchaseModel(bgNbdCore);
 * ```
 */
export function completePurchaseModel<P extends ModelParams>(core: PurchaseModelCore<P>): PurchaseModel<P> {
  return {
    ...core,
    conditionalExpectedPurchases: (params, t, c) => core.pAlive(params, c) * core.expectedPurchasesIfAlive(params, t, c.x, c.T),
    discountedExpectedTransactions: (params, c, discount) =>
      core.pAlive(params, c) * core.discountedTransactionsIfAlive(params, c.x, c.T, discount),
  };
}

/** A model with its parameters bound: what pipelines, predictions and model choice hold. */
export interface FittedPurchaseModel {
  readonly name: PurchaseModelName;
  readonly params: ModelParams;
  readonly dertMethod: 'closed-form' | 'numerical-integration';
  pAlive(c: CustomerHistory): number;
  expectedPurchases(t: number): number;
  expectedPurchasesIfAlive(t: number, x: number, T: number): number;
  conditionalExpectedPurchases(t: number, c: CustomerHistory): number;
  discountedTransactionsIfAlive(x: number, T: number, discount: DiscountOptions): number;
  discountedExpectedTransactions(c: CustomerHistory, discount: DiscountOptions): number;
}

/**
 * Binds parameters to a model.
 *
 * @example
 * ```ts
 * const fitted = bindPurchaseModel(bgNbd, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * fitted.conditionalExpectedPurchases(39, { x: 2, tx: 30.43, T: 38.86 }); // 1.226
 * ```
 */
export function bindPurchaseModel<P extends ModelParams>(model: PurchaseModel<P>, params: P): FittedPurchaseModel {
  return {
    name: model.name,
    params,
    dertMethod: model.dertMethod,
    pAlive: (c) => model.pAlive(params, c),
    expectedPurchases: (t) => model.expectedPurchases(params, t),
    expectedPurchasesIfAlive: (t, x, T) => model.expectedPurchasesIfAlive(params, t, x, T),
    conditionalExpectedPurchases: (t, c) => model.conditionalExpectedPurchases(params, t, c),
    discountedTransactionsIfAlive: (x, T, discount) => model.discountedTransactionsIfAlive(params, x, T, discount),
    discountedExpectedTransactions: (c, discount) => model.discountedExpectedTransactions(params, c, discount),
  };
}
