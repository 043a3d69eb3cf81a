/**
 * BG/NBD (Fader, Hardie & Lee 2005, Marketing Science 24(2); Hardie notes 004, 021, 027).
 * While alive a customer buys at Poisson rate lambda ~ Gamma(r, alpha); after each repeat
 * purchase they drop out with probability p ~ Beta(a, b).
 */
import betaln from '@stdlib/math-base-special-betaln';
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerHistory, WeightedHistory } from './CustomerHistory.ts';
import { integrateDiscountedRate, type DiscountOptions } from './discounting.ts';
import { fitPurchaseModel, type PurchaseFitSpec } from './fitPurchaseModel.ts';
import { hyp2f1 } from './hypergeometric.ts';
import { logistic } from './logSpace.ts';
import { prepareHistories, type PreparedHistories } from './PreparedHistories.ts';
import { completePurchaseModel, type PurchaseModel } from './PurchaseModel.ts';

export type BgNbdParams = { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number };

/** Within this distance of a = 1 the expectation is interpolated across its removable singularity. */
const A_NEAR_ONE = 1e-6;

/**
 * Mean log-likelihood and its gradient (w.r.t. r, alpha, a, b), in the "#NUM!-safe" form of
 * Hardie note 027: LL = D1 + D2 + log(C3 + [x > 0] C4), with log(C3 + C4) as a log-sum-exp.
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
  const logC4 = new Float64Array(nx);
  const inverseBx1 = new Float64Array(nx);
  let value = data.totalWeight * r * logAlpha;
  let gr = data.totalWeight * logAlpha;
  let gAlpha = (data.totalWeight * r) / alpha;
  let ga = 0;
  let gb = 0;
  for (let u = 0; u < nx; u++) {
    const x = data.distinctX[u]!;
    const w = data.weightByX[u]!;
    value += w * (gammaln(r + x) - lgR + lgAB + gammaln(b + x) - lgB - gammaln(a + b + x));
    gr += w * (digamma(r + x) - psiR);
    const psiABx = digamma(a + b + x);
    ga += w * (psiAB - psiABx);
    gb += w * (psiAB + digamma(b + x) - psiB - psiABx);
    logC4[u] = x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    inverseBx1[u] = x > 0 ? 1 / (b + x - 1) : 0;
  }
  for (let i = 0; i < data.size; i++) {
    const x = data.x[i]!;
    const tx = data.tx[i]!;
    const T = data.T[i]!;
    const w = data.weight[i]!;
    const rx = r + x;
    const logAt = tx === 0 ? logAlpha : Math.log(alpha + tx);
    const logAT = Math.log(alpha + T);
    const logC3 = rx * (logAt - logAT);
    let logSum = logC3;
    let w3 = 1;
    if (x > 0) {
      const c4 = logC4[data.xIndex[i]!]!;
      logSum = logC3 > c4 ? logC3 + Math.log1p(Math.exp(c4 - logC3)) : c4 + Math.log1p(Math.exp(logC3 - c4));
      w3 = Math.exp(logC3 - logSum);
    }
    const w4 = 1 - w3;
    const inverseAt = 1 / (alpha + tx);
    value += w * (logSum - rx * logAt);
    gr += w * (-logAt + w3 * (logAt - logAT));
    gAlpha += w * (-rx * inverseAt + w3 * rx * (inverseAt - 1 / (alpha + T)));
    ga += (w * w4) / a;
    gb -= w * w4 * inverseBx1[data.xIndex[i]!]!;
  }
  const n = data.totalWeight;
  return { value: value / n, gradient: [gr / n, gAlpha / n, ga / n, gb / n] };
}

function logLikelihood(params: BgNbdParams, histories: readonly WeightedHistory[]): number {
  const data = prepareHistories(histories);
  const { r, alpha, a, b } = params;
  return meanLogLikelihoodWithGradient(data, [r, alpha, a, b]).value * data.totalWeight;
}

const fitSpec: PurchaseFitSpec<BgNbdParams> = {
  label: 'BG/NBD',
  parameterNames: ['r', 'alpha', 'a', 'b'],
  timeParameters: ['alpha'],
  // BTYD's start (1, 3, 1, 3) in weeks is alpha ~ 0.1 of a 39-week calibration period.
  starts: [
    [1, 0.1, 1, 3],
    [0.5, 1, 0.5, 1],
    [2, 0.01, 2, 10],
  ],
  meanLogLikelihood: (data, params) => meanLogLikelihoodWithGradient(data, params).value,
  meanLogLikelihoodWithGradient,
  logLikelihood,
};

/** P(alive) = 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+tx))^(r+x)); 1 for x = 0 by construction. */
function pAlive(params: BgNbdParams, c: CustomerHistory): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + c.x - 1)) + (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx));
  return logistic(-logOdds);
}

/**
 * FHL eq. 10 without its P(alive) denominator:
 * (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)], z = t/(alpha+T+t).
 * Euler's transformation turns the product into (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), which
 * stays bounded for any x (the untransformed 2F1 overflows for large x).
 */
function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  // The leading factor is 0/0 at a = 1 but the function is smooth in a: interpolate across.
  if (Math.abs(params.a - 1) < A_NEAR_ONE) {
    const below = expectedPurchasesIfAlive({ ...params, a: 1 - 2 * A_NEAR_ONE }, t, x, T);
    const above = expectedPurchasesIfAlive({ ...params, a: 1 + 2 * A_NEAR_ONE }, t, x, T);
    return below + ((params.a - (1 - 2 * A_NEAR_ONE)) / (4 * A_NEAR_ONE)) * (above - below);
  }
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const remaining = Math.exp((a - 1) * (Math.log(alpha + T) - Math.log(alpha + T + t))) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  return (c / (a - 1)) * (1 - remaining);
}

/**
 * Transaction rate at time t after T given alive: E[lambda e^(-lambda p t)] over the posteriors
 * lambda ~ Gamma(r+x, alpha+T), p ~ Beta(a, b+x), which is
 * (r+x)/(alpha+T) (1+w)^-a 2F1(a, a+b-r-1; a+b+x; w/(1+w)) with w = t/(alpha+T) (Pfaff).
 * No closed form exists for its discounted integral, so DERT integrates it numerically.
 */
function discountedTransactionsIfAlive(params: BgNbdParams, x: number, T: number, discount: DiscountOptions): number {
  const { r, alpha, a, b } = params;
  const scale = alpha + T;
  const rate = (t: number): number => {
    const w = t / scale;
    return ((r + x) / scale) * Math.pow(1 + w, -a) * hyp2f1(a, a + b - r - 1, a + b + x, w / (1 + w));
  };
  return integrateDiscountedRate(rate, scale, discount);
}

/**
 * P(X(t) = n) for a new customer (FHL 2005 eq. 8).
 * The second term needs the NBD upper tail 1 - sum_{j<n} P(NBD = j); when that is small it is
 * summed directly instead of subtracted, so tiny probabilities keep their digits.
 */
function purchaseCountProbability(params: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = params;
  if (!(Number.isInteger(n) && n >= 0)) return Number.NaN;
  if (t <= 0) return n === 0 ? 1 : 0;
  const logP = Math.log(alpha / (alpha + t));
  const logQ = Math.log(t / (alpha + t));
  const logNbd = (j: number): number => gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * logP + j * logQ;
  const first = Math.exp(betaln(a, b + n) - betaln(a, b) + logNbd(n));
  if (n === 0) return first;
  return first + Math.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * nbdUpperTail(r, Math.exp(logQ), n, logNbd);
}

/** P(NBD >= n) for NBD(r, q) pmf terms given by logNbd. */
function nbdUpperTail(r: number, q: number, n: number, logNbd: (j: number) => number): number {
  let head = 0;
  let term = Math.exp(logNbd(0));
  for (let j = 0; j < n; j++) {
    head += term;
    term *= ((r + j) / (j + 1)) * q;
  }
  if (head < 0.5) return 1 - head;
  let tail = 0;
  term = Math.exp(logNbd(n));
  for (let j = n; j < n + 1_000_000; j++) {
    tail += term;
    const ratio = ((r + j) / (j + 1)) * q;
    term *= ratio;
    const bound = Math.max(ratio, q);
    if (bound < 1 && (term * bound) / (1 - bound) < 1e-17 * tail) break;
  }
  return tail;
}

/**
 * The BG/NBD model, plus the purchase-count distribution P(X(t) = n).
 *
 * @example
 * ```ts
 * const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
 * bgNbd.conditionalExpectedPurchases(p, 39, { x: 2, tx: 30.43, T: 38.86 }); // 1.226
 * bgNbd.purchaseCountProbability(p, 39, 0); // 0.5738
 * ```
 */
export const bgNbd: PurchaseModel<BgNbdParams> & {
  /** P(X(t) = n) for a customer who just made a first purchase. */
  purchaseCountProbability(params: BgNbdParams, t: number, n: number): number;
} = {
  ...completePurchaseModel<BgNbdParams>({
    name: 'bgnbd',
    parameterNames: ['r', 'alpha', 'a', 'b'],
    dertMethod: 'numerical-integration',
    logLikelihood,
    fit: (histories, options) => fitPurchaseModel(fitSpec, histories, options),
    pAlive,
    expectedPurchases: (params, t) => expectedPurchasesIfAlive(params, t, 0, 0),
    expectedPurchasesIfAlive,
    discountedTransactionsIfAlive,
  }),
  purchaseCountProbability,
};
