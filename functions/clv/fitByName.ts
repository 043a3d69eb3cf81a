/**
 * Fitting a purchase model chosen by name (from config), returning it bound to its parameters so
 * callers never pair a model with another model's parameters.
 */
import { bgNbd } from './bgNbd.ts';
import type { WeightedHistory } from './CustomerHistory.ts';
import type { FitFailure, FitOptions, FitSuccess } from './FitResult.ts';
import { mbgNbd } from './mbgNbd.ts';
import { paretoNbd } from './paretoNbd.ts';
import { bindPurchaseModel, type FittedPurchaseModel, type ModelParams, type PurchaseModel, type PurchaseModelName } from './PurchaseModel.ts';

/** A successful fit together with the bound model. */
export type BoundFit = FitSuccess<ModelParams> & { readonly fitted: FittedPurchaseModel };

/** The outcome of fitting a named model: usable, or a typed failure. */
export type NamedFitResult = BoundFit | FitFailure<ModelParams>;

/** Every purchase model by name. */
export const purchaseModelNames: readonly PurchaseModelName[] = ['bgnbd', 'mbgnbd', 'pareto-nbd'];

/**
 * Fits the named model and binds the parameters on success.
 *
 * @example
 * ```ts
 * const result = fitByName('pareto-nbd', collapseHistories(customers));
 * if (result.ok) result.fitted.pAlive({ x: 2, tx: 30.43, T: 38.86 });
 * else console.error(result.message);
 * ```
 */
export function fitByName(name: PurchaseModelName, histories: readonly WeightedHistory[], options: FitOptions = {}): NamedFitResult {
  switch (name) {
    case 'bgnbd':
      return fitAndBind(bgNbd, histories, options);
    case 'mbgnbd':
      return fitAndBind(mbgNbd, histories, options);
    case 'pareto-nbd':
      return fitAndBind(paretoNbd, histories, options);
  }
}

function fitAndBind<P extends ModelParams>(model: PurchaseModel<P>, histories: readonly WeightedHistory[], options: FitOptions): NamedFitResult {
  const result = model.fit(histories, options);
  return result.ok ? { ...result, fitted: bindPurchaseModel(model, result.params) } : result;
}
