/**
 * Batch predictions for many customers: tight loops over columns, with the (x, T) factors of the
 * purchase model computed once per distinct pair.
 */
import { clv } from './clv.ts';
import type { CustomerColumns } from './CustomerHistory.ts';
import { discountProblem, type DiscountOptions } from './discounting.ts';
import { expectedAverageSpend, type GammaGammaFit } from './gammaGamma.ts';
import { memoizeByXT } from './memoizeByXT.ts';
import type { FittedPurchaseModel } from './PurchaseModel.ts';

export interface PurchasePredictions {
  readonly pAlive: Float64Array;
  /** E[Y(horizon) | x, tx, T]. */
  readonly expectedPurchases: Float64Array;
  /** DERT under the discount options. */
  readonly discountedExpectedTransactions: Float64Array;
}

export interface PurchasePredictionOptions {
  /** Horizon for expected purchases, in model time units. */
  readonly horizon: number;
  /** Discounting (and its own horizon, or lifetime) for DERT. */
  readonly discount: DiscountOptions;
}

/**
 * P(alive), expected purchases over the horizon and DERT for every customer.
 *
 * @example
 * ```ts
 * const fitted = bindPurchaseModel(bgNbd, fit.params);
 * const out = predictPurchases(fitted, toCustomerColumns(customers), { horizon: 52, discount: { discountPerUnit: 0.0027 } });
 * out.pAlive[0];
 * ```
 */
export function predictPurchases(
  model: FittedPurchaseModel,
  customers: CustomerColumns,
  options: PurchasePredictionOptions,
): PurchasePredictions {
  const problem = discountProblem(options.discount);
  if (problem !== undefined) throw new RangeError(problem);
  const n = customers.x.length;
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const discounted = new Float64Array(n);
  const ifAlive = memoizeByXT((x, T) => ({
    purchases: model.expectedPurchasesIfAlive(options.horizon, x, T),
    discounted: model.discountedTransactionsIfAlive(x, T, options.discount),
  }));
  const { x, tx, T } = customers;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const Ti = T[i]!;
    const alive = model.pAlive({ x: xi, tx: tx[i]!, T: Ti });
    const factors = ifAlive(xi, Ti);
    pAlive[i] = alive;
    expectedPurchases[i] = alive * factors.purchases;
    discounted[i] = alive * factors.discounted;
  }
  return { pAlive, expectedPurchases, discountedExpectedTransactions: discounted };
}

/**
 * Expected average spend per future transaction for every customer (see
 * {@link expectedAverageSpend} for the q <= 1 and no-spend fallbacks).
 *
 * @example
 * ```ts
 * const spend = predictSpend(ggFit, columns);
 * ```
 */
export function predictSpend(fit: GammaGammaFit, customers: CustomerColumns): Float64Array {
  const n = customers.x.length;
  const out = new Float64Array(n);
  const monetary = customers.monetary;
  for (let i = 0; i < n; i++) {
    const m = monetary ? monetary[i]! : Number.NaN;
    out[i] = expectedAverageSpend(fit, { x: customers.x[i]!, tx: customers.tx[i]!, T: customers.T[i]!, monetary: m });
  }
  return out;
}

export interface CustomerPredictions extends PurchasePredictions {
  readonly expectedAverageSpend: Float64Array;
  /** Expected purchases over the horizon x expected average spend. */
  readonly expectedRevenue: Float64Array;
  /** margin x expected average spend x DERT. */
  readonly clv: Float64Array;
}

/**
 * Every per-customer CLV figure: purchase predictions, expected spend, expected revenue over the
 * horizon and CLV = margin x expected spend x DERT.
 *
 * @example
 * ```ts
 * const out = predictCustomers(fitted, ggFit, columns, { horizon: 52, discount: { discountPerUnit: 0.0027 }, margin: 0.3 });
 * out.clv[0];
 * ```
 */
export function predictCustomers(
  model: FittedPurchaseModel,
  spendFit: GammaGammaFit,
  customers: CustomerColumns,
  options: PurchasePredictionOptions & { readonly margin: number },
): CustomerPredictions {
  const purchases = predictPurchases(model, customers, options);
  const spend = predictSpend(spendFit, customers);
  const n = spend.length;
  const expectedRevenue = new Float64Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    expectedRevenue[i] = purchases.expectedPurchases[i]! * spend[i]!;
    value[i] = clv({
      margin: options.margin,
      expectedAverageSpend: spend[i]!,
      discountedExpectedTransactions: purchases.discountedExpectedTransactions[i]!,
    });
  }
  return { ...purchases, expectedAverageSpend: spend, expectedRevenue, clv: value };
}
