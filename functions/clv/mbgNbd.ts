/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008; lifetimes'
 * ModifiedBetaGeoFitter, BTYDplus). As BG/NBD, but a customer may also drop out right after the
 * first purchase, so P(alive) < 1 even for one-time buyers.
 */
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerHistory, WeightedHistory } from './CustomerHistory.ts';
import { integrateDiscountedRate, type DiscountOptions } from './discounting.ts';
import { fitPurchaseModel, type PurchaseFitSpec } from './fitPurchaseModel.ts';
import { hyp2f1 } from './hypergeometric.ts';
import { logistic } from './logSpace.ts';
import { prepareHistories, type PreparedHistories } from './PreparedHistories.ts';
import { completePurchaseModel, type PurchaseModel } from './PurchaseModel.ts';

export type MbgNbdParams = { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number };

/** Within this distance of a = 1 the expectation is interpolated across its removable singularity. */
const A_NEAR_ONE = 1e-6;

/**
 * Mean log-likelihood and gradient: LL = A1 + A2 + A3 + log(1 + e^A4) with
 * A1 = lnG(r+x) - lnG(r) + r ln(alpha), A2 = lnG(a+b) + lnG(b+x+1) - lnG(b) - lnG(a+b+x+1),
 * A3 = -(r+x) ln(alpha+T), A4 = ln(a/(b+x)) + (r+x) ln((alpha+T)/(alpha+tx)).
 */
function meanLogLikelihoodWithGradient(data: PreparedHistories, params: readonly number[]): { value: number; gradient: number[] } {
  const [r, alpha, a, b] = params as [number, number, number, number];
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return { value: Number.NaN, gradient: [0, 0, 0, 0] };
  const logAlpha = Math.log(alpha);
  const lgR = gammaln(r);
  const lgAB = gammaln(a + b);
  const lgB = gammaln(b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const logA = Math.log(a);
  const nx = data.distinctX.length;
  const logRatioAB = new Float64Array(nx);
  const inverseBx = new Float64Array(nx);
  let value = data.totalWeight * r * logAlpha;
  let gr = data.totalWeight * logAlpha;
  let gAlpha = (data.totalWeight * r) / alpha;
  let ga = 0;
  let gb = 0;
  for (let u = 0; u < nx; u++) {
    const x = data.distinctX[u]!;
    const w = data.weightByX[u]!;
    value += w * (gammaln(r + x) - lgR + lgAB + gammaln(b + x + 1) - lgB - gammaln(a + b + x + 1));
    gr += w * (digamma(r + x) - psiR);
    const psiABx = digamma(a + b + x + 1);
    ga += w * (psiAB - psiABx);
    gb += w * (psiAB + digamma(b + x + 1) - psiB - psiABx);
    logRatioAB[u] = logA - Math.log(b + x);
    inverseBx[u] = 1 / (b + x);
  }
  for (let i = 0; i < data.size; i++) {
    const x = data.x[i]!;
    const tx = data.tx[i]!;
    const w = data.weight[i]!;
    const u = data.xIndex[i]!;
    const rx = r + x;
    const logAt = tx === 0 ? logAlpha : Math.log(alpha + tx);
    const logAT = Math.log(alpha + data.T[i]!);
    const a4 = logRatioAB[u]! + rx * (logAT - logAt);
    const softplus = a4 > 0 ? a4 + Math.log1p(Math.exp(-a4)) : Math.log1p(Math.exp(a4));
    const s4 = logistic(a4);
    const inverseAT = 1 / (alpha + data.T[i]!);
    value += w * (-rx * logAT + softplus);
    gr += w * (-logAT + s4 * (logAT - logAt));
    gAlpha += w * (-rx * inverseAT + s4 * rx * (inverseAT - 1 / (alpha + tx)));
    ga += (w * s4) / a;
    gb -= w * s4 * inverseBx[u]!;
  }
  const n = data.totalWeight;
  return { value: value / n, gradient: [gr / n, gAlpha / n, ga / n, gb / n] };
}

function logLikelihood(params: MbgNbdParams, histories: readonly WeightedHistory[]): number {
  const data = prepareHistories(histories);
  const { r, alpha, a, b } = params;
  return meanLogLikelihoodWithGradient(data, [r, alpha, a, b]).value * data.totalWeight;
}

const fitSpec: PurchaseFitSpec<MbgNbdParams> = {
  label: 'MBG/NBD',
  parameterNames: ['r', 'alpha', 'a', 'b'],
  timeParameters: ['alpha'],
  starts: [
    [1, 0.1, 1, 3],
    [0.5, 1, 0.5, 1],
    [2, 0.01, 2, 10],
  ],
  meanLogLikelihood: (data, params) => meanLogLikelihoodWithGradient(data, params).value,
  meanLogLikelihoodWithGradient,
  logLikelihood,
};

/** P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+tx))^(r+x)). */
function pAlive(params: MbgNbdParams, c: CustomerHistory): number {
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + c.x)) + (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx));
  return logistic(-logOdds);
}

/**
 * (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)], z = t/(alpha+T+t),
 * evaluated after Euler's transformation as (a+b+x)/(a-1) [1 - (1-z)^(a-1) 2F1(a+b-r, a-1; a+b+x; z)].
 */
function expectedPurchasesIfAlive(params: MbgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  // The leading factor is 0/0 at a = 1 but the function is smooth in a: interpolate across.
  if (Math.abs(params.a - 1) < A_NEAR_ONE) {
    const below = expectedPurchasesIfAlive({ ...params, a: 1 - 2 * A_NEAR_ONE }, t, x, T);
    const above = expectedPurchasesIfAlive({ ...params, a: 1 + 2 * A_NEAR_ONE }, t, x, T);
    return below + ((params.a - (1 - 2 * A_NEAR_ONE)) / (4 * A_NEAR_ONE)) * (above - below);
  }
  const { r, alpha, a, b } = params;
  const c = a + b + x;
  const z = t / (alpha + T + t);
  const remaining = Math.exp((a - 1) * (Math.log(alpha + T) - Math.log(alpha + T + t))) * hyp2f1(a + b - r, a - 1, c, z);
  return (c / (a - 1)) * (1 - remaining);
}

/**
 * E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]: a new customer first
 * survives the dropout at time 0 (probability b/(a+b)), then behaves as an alive x = 0, T = 0 one.
 */
function expectedPurchases(params: MbgNbdParams, t: number): number {
  return (params.b / (params.a + params.b)) * expectedPurchasesIfAlive(params, t, 0, 0);
}

/**
 * Rate given alive: (r+x)/(alpha+T) (1+w)^-a 2F1(a, a+b-r; a+b+x+1; w/(1+w)), w = t/(alpha+T)
 * (posterior p ~ Beta(a, b+x+1)). DERT integrates it numerically: no closed form exists.
 */
function discountedTransactionsIfAlive(params: MbgNbdParams, x: number, T: number, discount: DiscountOptions): number {
  const { r, alpha, a, b } = params;
  const scale = alpha + T;
  const rate = (t: number): number => {
    const w = t / scale;
    return ((r + x) / scale) * Math.pow(1 + w, -a) * hyp2f1(a, a + b - r, a + b + x + 1, w / (1 + w));
  };
  return integrateDiscountedRate(rate, scale, discount);
}

/**
 * The MBG/NBD model.
 *
 * @example
 * ```ts
 * const p = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
 * mbgNbd.pAlive(p, { x: 0, tx: 0, T: 38.86 }); // 0.3897 (below 1, unlike BG/NBD)
 * ```
 */
export const mbgNbd: PurchaseModel<MbgNbdParams> = completePurchaseModel<MbgNbdParams>({
  name: 'mbgnbd',
  parameterNames: ['r', 'alpha', 'a', 'b'],
  dertMethod: 'numerical-integration',
  logLikelihood,
  fit: (histories, options) => fitPurchaseModel(fitSpec, histories, options),
  pAlive,
  expectedPurchases,
  expectedPurchasesIfAlive,
  discountedTransactionsIfAlive,
});
