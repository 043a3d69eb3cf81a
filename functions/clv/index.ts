/**
 * CLV model core: BG/NBD, MBG/NBD and Pareto/NBD purchase models, the Gamma-Gamma spend model,
 * discounted expected transactions, CLV, batch predictions and holdout-based model choice.
 * Pure TypeScript on per-customer aggregates; no I/O.
 *
 * @example
 * ```ts
 * import { collapseHistories, fitByName, fitGammaGamma, predictCustomers, toCustomerColumns, continuousDiscountRate } from './clv/index.ts';
 * const purchase = fitByName('bgnbd', collapseHistories(customers));
 * const spend = fitGammaGamma(customers);
 * if (purchase.ok && spend.ok) {
 *   const out = predictCustomers(purchase.fitted, spend, toCustomerColumns(customers), {
 *     horizon: 52, margin: 0.3, discount: { discountPerUnit: continuousDiscountRate(0.1, 52) },
 *   });
 * }
 * ```
 */
export { collapseHistories, toCustomerColumns, type CustomerColumns, type CustomerHistory, type WeightedHistory } from './CustomerHistory.ts';
export type { FitDiagnostics, FitFailure, FitFailureReason, FitOptions, FitResult, FitSuccess } from './FitResult.ts';
export {
  bindPurchaseModel,
  type FittedPurchaseModel,
  type ModelParams,
  type PurchaseModel,
  type PurchaseModelName,
} from './PurchaseModel.ts';
export { bgNbd, type BgNbdParams } from './bgNbd.ts';
export { mbgNbd, type MbgNbdParams } from './mbgNbd.ts';
export { paretoNbd, type ParetoNbdParams } from './paretoNbd.ts';
export { fitByName, purchaseModelNames, type BoundFit, type NamedFitResult } from './fitByName.ts';
export {
  collapseSpend,
  conditionalExpectedAverageSpend,
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaFit,
  type GammaGammaFitResult,
  type GammaGammaParams,
  type SpendExclusions,
  type WeightedSpend,
} from './gammaGamma.ts';
export { continuousDiscountRate, type DiscountOptions } from './discounting.ts';
export { memoizeByXT } from './memoizeByXT.ts';
export { clv, type ClvInputs } from './clv.ts';
export {
  predictCustomers,
  predictPurchases,
  predictSpend,
  type CustomerPredictions,
  type PurchasePredictionOptions,
  type PurchasePredictions,
} from './predictCustomers.ts';
export {
  chooseModel,
  holdoutCheck,
  type FrequencyGroup,
  type HoldoutCheck,
  type HoldoutCustomer,
  type ModelChoice,
  type ModelSelection,
} from './holdout.ts';
