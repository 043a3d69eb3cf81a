/**
 * Formula tests without shared data: published single values, and each closed form checked
 * against the model's defining integral computed independently here (composite Simpson).
 */
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { bgNbd, mbgNbd, paretoNbd } from '../../functions/clv/index.ts';
import { integrateDiscountedRate } from '../../functions/clv/discounting.ts';

const relativeError = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

/** Composite Simpson's rule with n (even) intervals. */
function simpson(f: (x: number) => number, lower: number, upper: number, n = 20_000): number {
  const h = (upper - lower) / n;
  let sum = f(lower) + f(upper);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lower + i * h);
  return (sum * h) / 3;
}

/**
 * E[g(p)] for p ~ Beta(a, b > 1). With p = u^3 the integrand 3 g(u^3) u^(3a-1) (1-u^3)^(b-1) is
 * smooth enough at 0 for Simpson's rule for any a > 1/3.
 */
function betaExpectation(g: (p: number) => number, a: number, b: number): number {
  const integral = simpson((u) => {
    const p = u * u * u;
    return u === 0 ? 0 : 3 * g(p) * Math.pow(u, 3 * a - 1) * Math.pow(1 - p, b - 1);
  }, 0, 1);
  return integral / Math.exp(betaln(a, b));
}

/** 1 - E_lambda[e^(-lambda u)] = 1 - (alpha / (alpha + u))^r, without cancellation for small u. */
function notYetBought(params: { r: number; alpha: number }, u: number): number {
  return -Math.expm1(-params.r * Math.log1p(u / params.alpha));
}

describe('BG/NBD', () => {
  const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('log-likelihood equals the published pymc-marketing values (-0.59947382 and 100.7957)', () => {
    const params = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    expect(bgNbd.logLikelihood(params, [{ x: 0, tx: 0, T: 40, weight: 1 }])).toBeCloseTo(-0.59947382, 8);
    expect(bgNbd.logLikelihood(params, [{ x: 200, tx: 38, T: 40, weight: 1 }])).toBeCloseTo(100.7957, 4);
  });

  it('log-likelihood equals FHL eq. 6 evaluated directly, and weights multiply it', () => {
    const { r, alpha, a, b } = cdnow;
    for (const [x, tx, T] of [[0, 0, 30], [1, 5, 30], [4, 28.5, 30]] as const) {
      const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
      let likelihood = Math.exp(betaln(a, b + x) - betaln(a, b) + common - (r + x) * Math.log(alpha + T));
      if (x > 0) likelihood += Math.exp(betaln(a + 1, b + x - 1) - betaln(a, b) + common - (r + x) * Math.log(alpha + tx));
      expect(bgNbd.logLikelihood(cdnow, [{ x, tx, T, weight: 3 }])).toBeCloseTo(3 * Math.log(likelihood), 10);
    }
  });

  it('E[X(t)] equals its definition E_p[(1 - (alpha/(alpha+p t))^r) / p] for a < 1 and a > 1', () => {
    for (const params of [cdnow, { r: 0.5, alpha: 3, a: 1.7, b: 2.2 }]) {
      for (const t of [1, 39, 200]) {
        const defined = betaExpectation((p) => notYetBought(params, p * t) / p, params.a, params.b);
        expect(relativeError(bgNbd.expectedPurchases(params, t), defined)).toBeLessThan(1e-7);
      }
    }
  });

  it('pmf sums to 1 and its mean is E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 1500; n++) {
      const p = bgNbd.purchaseCountProbability(cdnow, 30, n);
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(relativeError(mean, bgNbd.expectedPurchases(cdnow, 30))).toBeLessThan(1e-10);
  });

  it('expectations are continuous through a = 1, where the closed form is 0/0', () => {
    const at = (a: number): number => bgNbd.conditionalExpectedPurchases({ ...cdnow, a }, 52, { x: 3, tx: 20, T: 40 });
    expect(Number.isFinite(at(1))).toBe(true);
    // Midpoint of a = 1 -+ 1e-3 differs from f(1) by f''/2 1e-6 at most.
    expect(relativeError(at(1), (at(0.999) + at(1.001)) / 2)).toBeLessThan(1e-6);
    const mbg = (a: number): number => mbgNbd.expectedPurchases({ ...cdnow, a }, 52);
    expect(relativeError(mbg(1), (mbg(0.999) + mbg(1.001)) / 2)).toBeLessThan(1e-6);
  });

  it('P(alive) is 1 for one-time buyers, by construction', () => {
    expect(bgNbd.pAlive(cdnow, { x: 0, tx: 0, T: 38 })).toBe(1);
  });

  it('undiscounted DERT over a horizon equals the conditional expectation (two independent closed forms)', () => {
    for (const [x, T] of [[0, 38.86], [3, 20], [200, 40]] as const) {
      const dert = bgNbd.discountedTransactionsIfAlive(cdnow, x, T, { discountPerUnit: 0, horizon: 52 });
      expect(relativeError(dert, bgNbd.expectedPurchasesIfAlive(cdnow, 52, x, T))).toBeLessThan(1e-11);
    }
  });
});

describe('numerical DERT (BG/NBD and MBG/NBD): the 24-point rule against adaptive high-precision quadrature', () => {
  it('matches mpmath quad of the same transaction rate to 1e-10', () => {
    // Reference: mpmath 1.3.0 quad at 25 digits of e^(-delta t) times the rate given alive.
    const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(relativeError(bgNbd.discountedTransactionsIfAlive(bg, 2, 38.86, { discountPerUnit: 0.0027 }), 7.096795912356068913)).toBeLessThan(1e-10);
    expect(relativeError(bgNbd.discountedTransactionsIfAlive(bg, 0, 700, { discountPerUnit: Math.log(1.1) / 365 }), 0.7464506897329721439)).toBeLessThan(1e-10);
    const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    expect(relativeError(mbgNbd.discountedTransactionsIfAlive(mbg, 5, 30, { discountPerUnit: 0.0027 }), 15.109072764210997902)).toBeLessThan(1e-10);
    expect(relativeError(mbgNbd.discountedTransactionsIfAlive({ ...mbg, a: 1.7, b: 3.2 }, 0, 10, { discountPerUnit: 0.05 }), 0.46415678244522594823)).toBeLessThan(1e-10);
  });
});

describe('MBG/NBD', () => {
  const params = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

  it('log-likelihood equals the direct form (alive after x + 1 dropout chances, or dropped at tx)', () => {
    const { r, alpha, a, b } = params;
    for (const [x, tx, T] of [[0, 0, 30], [2, 10, 30], [7, 29, 30]] as const) {
      const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
      const likelihood =
        Math.exp(betaln(a, b + x + 1) - betaln(a, b) + common - (r + x) * Math.log(alpha + T)) +
        Math.exp(betaln(a + 1, b + x) - betaln(a, b) + common - (r + x) * Math.log(alpha + tx));
      expect(mbgNbd.logLikelihood(params, [{ x, tx, T, weight: 1 }])).toBeCloseTo(Math.log(likelihood), 10);
    }
  });

  it('E[X(t)] equals E_p[(1 - p)(1 - (alpha/(alpha+p t))^r) / p]', () => {
    const wide = { ...params, b: 2.3 }; // b > 1 keeps the test integrand regular at p = 1
    for (const t of [1, 39, 200]) {
      const defined = betaExpectation((p) => ((1 - p) * notYetBought(wide, p * t)) / p, wide.a, wide.b);
      expect(relativeError(mbgNbd.expectedPurchases(wide, t), defined)).toBeLessThan(1e-7);
    }
  });

  it('P(alive) of a one-time buyer is below 1', () => {
    expect(mbgNbd.pAlive(params, { x: 0, tx: 0, T: 38.86 })).toBeCloseTo(0.3897350809, 9);
  });

  it('undiscounted DERT over a horizon equals the conditional expectation', () => {
    for (const [x, T] of [[0, 38.86], [5, 30], [150, 40]] as const) {
      const dert = mbgNbd.discountedTransactionsIfAlive(params, x, T, { discountPerUnit: 0, horizon: 39 });
      expect(relativeError(dert, mbgNbd.expectedPurchasesIfAlive(params, 39, x, T))).toBeLessThan(1e-11);
    }
  });
});

describe('Pareto/NBD', () => {
  const params = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

  it('log-likelihood equals its integral definition, for alpha > beta and alpha < beta', () => {
    for (const p of [params, { r: 0.9, alpha: 20, s: 1.4, beta: 4 }]) {
      const { r, alpha, s, beta } = p;
      for (const [x, tx, T] of [[0, 0, 30], [3, 12, 30], [25, 29, 31]] as const) {
        const died = simpson((y) => Math.pow(alpha + y, -(r + x)) * Math.pow(beta + y, -(s + 1)), tx, T);
        const bracket = Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s) + s * died;
        const direct = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + Math.log(bracket);
        expect(paretoNbd.logLikelihood(p, [{ x, tx, T, weight: 1 }])).toBeCloseTo(direct, 9);
      }
    }
  });

  it('log-likelihood stays right when alpha and beta are far apart (numerical branch) and continuous at the switch', () => {
    const direct = (p: { r: number; alpha: number; s: number; beta: number }, x: number, tx: number, T: number): number => {
      const { r, alpha, s, beta } = p;
      const small = Math.min(alpha, beta);
      // Simpson in q = log(min + y): the integrand varies on the scale min + y.
      const died = simpson((q) => {
        const y = Math.exp(q) - small;
        return Math.pow(alpha + y, -(r + x)) * Math.pow(beta + y, -(s + 1)) * Math.exp(q);
      }, Math.log(small + tx), Math.log(small + T));
      const bracket = Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s) + s * died;
      return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + Math.log(bracket);
    };
    for (const p of [{ r: 0.6, alpha: 0.01, s: 0.7, beta: 50 }, { r: 0.6, alpha: 80, s: 2.5, beta: 0.05 }]) {
      for (const [x, tx, T] of [[0, 0, 30], [2, 1, 30], [40, 20, 30]] as const) {
        expect(paretoNbd.logLikelihood(p, [{ x, tx, T, weight: 1 }])).toBeCloseTo(direct(p, x, tx, T), 8);
      }
    }
    // z = (beta - alpha) / beta crosses 0.99 at beta = 100 for alpha = 1 and tx = 0.
    const below = paretoNbd.logLikelihood({ r: 0.6, alpha: 1, s: 0.7, beta: 100 - 1e-9 }, [{ x: 0, tx: 0, T: 30, weight: 1 }]);
    const above = paretoNbd.logLikelihood({ r: 0.6, alpha: 1, s: 0.7, beta: 100 + 1e-9 }, [{ x: 0, tx: 0, T: 30, weight: 1 }]);
    expect(Math.abs(above - below)).toBeLessThan(1e-11);
  });

  it('P(alive) is 1 when the last purchase is at T', () => {
    expect(paretoNbd.pAlive(params, { x: 4, tx: 30, T: 30 })).toBe(1);
  });

  it('survives the underflow case: E[Y(10)] at (132, 200, 200) and (133, 200, 200) differ by < 0.05', () => {
    const p = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    const low = paretoNbd.conditionalExpectedPurchases(p, 10, { x: 132, tx: 200, T: 200 });
    const high = paretoNbd.conditionalExpectedPurchases(p, 10, { x: 133, tx: 200, T: 200 });
    expect(low).toBeCloseTo(6.206, 3);
    expect(high).toBeCloseTo(6.253, 3);
    expect(Math.abs(high - low)).toBeLessThan(0.05);
    // The same with tx < T, where the hypergeometric terms are needed: finite and ordered.
    const before = paretoNbd.conditionalExpectedPurchases(p, 10, { x: 133, tx: 199, T: 200 });
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(high);
  });

  it('E[X(t)] is continuous through s = 1, where it becomes r beta / alpha log(1 + t / beta)', () => {
    const at1 = { ...params, s: 1 };
    expect(paretoNbd.expectedPurchases(at1, 52)).toBeCloseTo((params.r * params.beta) / params.alpha * Math.log1p(52 / params.beta), 14);
    expect(relativeError(paretoNbd.expectedPurchases({ ...params, s: 1 + 1e-9 }, 52), paretoNbd.expectedPurchases(at1, 52))).toBeLessThan(1e-8);
  });

  it('closed-form DERT equals numerical integration of the transaction rate, lifetime and horizon', () => {
    for (const [x, T] of [[0, 38.86], [7, 77.86], [26, 31]] as const) {
      const scale = params.beta + T;
      const rate = (t: number): number => ((params.r + x) / (params.alpha + T)) * Math.pow(scale / (scale + t), params.s);
      for (const discount of [{ discountPerUnit: 0.0027 }, { discountPerUnit: 0.0027, horizon: 104 }, { discountPerUnit: 0.3, horizon: 5 }]) {
        const closed = paretoNbd.discountedTransactionsIfAlive(params, x, T, discount);
        expect(relativeError(closed, integrateDiscountedRate(rate, scale, discount))).toBeLessThan(1e-10);
      }
      const undiscounted = paretoNbd.discountedTransactionsIfAlive(params, x, T, { discountPerUnit: 0, horizon: 39 });
      expect(relativeError(undiscounted, paretoNbd.expectedPurchasesIfAlive(params, 39, x, T))).toBeLessThan(1e-12);
    }
  });
});
