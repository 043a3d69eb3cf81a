/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Hardie note 009; FHL 2005 JMR for DERT).
 * While alive a customer buys at Poisson rate lambda ~ Gamma(r, alpha); their lifetime is
 * exponential with rate mu ~ Gamma(s, beta).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerHistory, WeightedHistory } from './CustomerHistory.ts';
import { discountProblem, type DiscountOptions } from './discounting.ts';
import { scaledExpIntegralE } from './exponentialIntegral.ts';
import { fitPurchaseModel, type PurchaseFitSpec } from './fitPurchaseModel.ts';
import { logHyp2f1APlusOne } from './hypergeometric.ts';
import { logIntegrateExp } from './logIntegrateExp.ts';
import { logAddExp, logistic, logSubExp } from './logSpace.ts';
import { prepareHistories, type PreparedHistories } from './PreparedHistories.ts';
import { completePurchaseModel, type PurchaseModel } from './PurchaseModel.ts';

export type ParetoNbdParams = { readonly r: number; readonly alpha: number; readonly s: number; readonly beta: number };

/** Largest hypergeometric argument evaluated by series; beyond it the integral is numerical. */
const HYPERGEOMETRIC_LIMIT = 0.99;

/**
 * log of integral_tx^T (alpha+y)^-(r+x) (beta+y)^-(s+1) dy, the likelihood's "may have died
 * between tx and T" part (Hardie note 009's A0 = w times this), with w = r+s+x.
 *
 * Usually as a difference of its two ends, each (m+t)^-w 2F1(w, b; w+1; z) / w with
 * z = |alpha-beta|/(m+t) and m, b chosen by alpha vs beta so that z < 1; both ends are combined as
 * logarithms because (m+t)^-w underflows for large x.
 * When z > 0.99 (alpha and beta a hundredfold apart), 2F1 is hard to evaluate reliably, and the
 * same integral is computed numerically in the form |alpha-beta|^-w integral u^-b (1-u)^(w-1) du
 * over u = (min + y)/(max + y), whose integrand is log-concave.
 */
function logDeathIntegral(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  if (tx >= T) return Number.NEGATIVE_INFINITY;
  const w = r + s + x;
  const alphaLarger = alpha >= beta;
  const m = alphaLarger ? alpha : beta;
  const b = alphaLarger ? s + 1 : r + x;
  const gap = Math.abs(alpha - beta);
  if (gap / (m + tx) > HYPERGEOMETRIC_LIMIT) {
    const small = m - gap;
    const logU = (t: number): number => Math.log(small + t) - Math.log(m + t);
    const integrand = (v: number): number => (1 - b) * v + (w - 1) * Math.log1p(-Math.exp(v));
    return -w * Math.log(gap) + logIntegrateExp(integrand, logU(tx), logU(T));
  }
  const logEnd = (t: number): number => logHyp2f1APlusOne(w, b, gap / (m + t)) - w * Math.log(m + t);
  const upper = logEnd(tx);
  const lower = logEnd(T);
  return upper > lower ? logSubExp(upper, lower) - Math.log(w) : Number.NEGATIVE_INFINITY;
}

/** log of P(x, tx, T alive part) and P(alive) odds terms for one history. */
function historyLogLikelihood(p: readonly [number, number, number, number], x: number, tx: number, T: number): number {
  const [r, alpha, s, beta] = p;
  const aliveAtT = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const diedBefore = Math.log(s) + logDeathIntegral(r, alpha, s, beta, x, tx, T);
  return logAddExp(aliveAtT, diedBefore);
}

/** Mean log-likelihood: r ln(alpha) + s ln(beta) + lnG(r+x) - lnG(r) + log[alive at T + died in (tx, T)]. */
function meanLogLikelihood(data: PreparedHistories, params: readonly number[]): number {
  const p = params as [number, number, number, number];
  const [r, alpha, s, beta] = p;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return Number.NaN;
  let value = data.totalWeight * (r * Math.log(alpha) + s * Math.log(beta));
  const lgR = gammaln(r);
  for (let u = 0; u < data.distinctX.length; u++) {
    value += data.weightByX[u]! * (gammaln(r + data.distinctX[u]!) - lgR);
  }
  for (let i = 0; i < data.size; i++) {
    value += data.weight[i]! * historyLogLikelihood(p, data.x[i]!, data.tx[i]!, data.T[i]!);
  }
  return value / data.totalWeight;
}

function logLikelihood(params: ParetoNbdParams, histories: readonly WeightedHistory[]): number {
  const data = prepareHistories(histories);
  return meanLogLikelihood(data, [params.r, params.alpha, params.s, params.beta]) * data.totalWeight;
}

const fitSpec: PurchaseFitSpec<ParetoNbdParams> = {
  label: 'Pareto/NBD',
  parameterNames: ['r', 'alpha', 's', 'beta'],
  timeParameters: ['alpha', 'beta'],
  starts: [
    [1, 0.5, 1, 0.5],
    [1, 1, 1, 1],
    [0.5, 0.1, 0.5, 0.1],
  ],
  meanLogLikelihood,
  logLikelihood,
};

/** P(alive) = 1 / (1 + s (alpha+T)^(r+x) (beta+T)^s integral_tx^T ...). */
function pAlive(params: ParetoNbdParams, c: CustomerHistory): number {
  const { r, alpha, s, beta } = params;
  const logOdds =
    Math.log(s) +
    logDeathIntegral(r, alpha, s, beta, c.x, c.tx, c.T) +
    (r + c.x) * Math.log(alpha + c.T) +
    s * Math.log(beta + c.T);
  return logistic(-logOdds);
}

/** (1 - ((beta+T)/(beta+T+t))^(s-1)) / (s - 1), continuous through s = 1 (where it is log(1 + t/(beta+T))). */
function survivalIntegralFactor(s: number, logRatio: number): number {
  return s === 1 ? -logRatio : -Math.expm1((s - 1) * logRatio) / (s - 1);
}

/** E[Y(t) | alive] = (r+x)(beta+T)/(alpha+T) * (1 - ((beta+T)/(beta+T+t))^(s-1)) / (s-1). */
function expectedPurchasesIfAlive(params: ParetoNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  const logRatio = Math.log(beta + T) - Math.log(beta + T + t);
  return (((r + x) * (beta + T)) / (alpha + T)) * survivalIntegralFactor(s, logRatio);
}

/**
 * Closed-form DERT given alive (FHL 2005 JMR eq. 2, BTYD pnbd.DERT without its P(alive) factor):
 * E[lambda] E[integral e^(-delta t) e^(-mu t) dt] = (r+x)/(alpha+T) (beta+T) J, where
 * J = integral_0^U (1+u)^-s e^(-zeta u) du with zeta = delta (beta+T), U = H/(beta+T).
 * For the lifetime J = e^zeta E_s(zeta) (= zeta^(s-1) U(s, s; zeta)); for a horizon,
 * J = e^zeta E_s(zeta) - (1+U)^(1-s) e^(-zeta U) e^(zeta(1+U)) E_s(zeta(1+U)).
 */
function discountedTransactionsIfAlive(params: ParetoNbdParams, x: number, T: number, discount: DiscountOptions): number {
  const problem = discountProblem(discount);
  if (problem !== undefined) throw new RangeError(problem);
  const { r, alpha, s, beta } = params;
  const scale = beta + T;
  const zeta = discount.discountPerUnit * scale;
  const horizon = discount.horizon;
  let j: number;
  if (horizon === undefined) {
    j = scaledExpIntegralE(s, zeta);
  } else if (zeta === 0) {
    j = survivalIntegralFactor(s, -Math.log1p(horizon / scale));
  } else {
    const u = horizon / scale;
    j = scaledExpIntegralE(s, zeta) - Math.exp((1 - s) * Math.log1p(u) - zeta * u) * scaledExpIntegralE(s, zeta * (1 + u));
  }
  return ((r + x) / (alpha + T)) * scale * j;
}

/**
 * The Pareto/NBD model. DERT has a closed form (see discountedTransactionsIfAlive).
 *
 * @example
 * ```ts
 * const p = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
 * paretoNbd.conditionalExpectedPurchases(p, 52, { x: 26, tx: 30.86, T: 31 }); // 25.456
 * ```
 */
export const paretoNbd: PurchaseModel<ParetoNbdParams> = completePurchaseModel<ParetoNbdParams>({
  name: 'pareto-nbd',
  parameterNames: ['r', 'alpha', 's', 'beta'],
  dertMethod: 'closed-form',
  logLikelihood,
  fit: (histories, options) => fitPurchaseModel(fitSpec, histories, options),
  pAlive,
  expectedPurchases: (params, t) => expectedPurchasesIfAlive(params, t, 0, 0),
  expectedPurchasesIfAlive,
  discountedTransactionsIfAlive,
});
