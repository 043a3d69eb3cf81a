/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005 JMR; Hardie note 025). A customer's spend per
 * transaction is Gamma(p, nu) with nu ~ Gamma(q, v) across customers, so the mean of x repeat
 * transactions m has density
 * G(px+q) / (G(px) G(q)) v^q m^(px-1) x^px / (v + x m)^(px+q).
 *
 * Guards: fitted only on customers with x > 0 and m > 0; q <= 1 (infinite population mean) is
 * reported and predictions then fall back to observed means; the correlation between frequency and
 * spend, which the model assumes to be zero, is returned for reporting.
 */
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerHistory } from './CustomerHistory.ts';
import type { FitFailure, FitOptions, FitSuccess } from './FitResult.ts';
import { fitDiagnostics, maximizeLikelihood } from './maximizeLikelihood.ts';

export type GammaGammaParams = { readonly p: number; readonly q: number; readonly v: number };

/** A unique (x, m) pair of a repeat buyer and how many customers share it. */
export interface WeightedSpend {
  readonly x: number;
  readonly monetary: number;
  readonly weight: number;
}

/** Who was left out of the spend fit, and why. */
export interface SpendExclusions {
  /** x = 0: no repeat spend to learn from (predicted at the population mean). */
  readonly oneTimeBuyers: number;
  /** x > 0 but mean spend missing, zero or negative (e.g. net of returns). */
  readonly nonPositiveSpend: number;
}

export interface GammaGammaFit extends FitSuccess<GammaGammaParams> {
  /** True when q <= 1: the population mean p v / (q - 1) does not exist. */
  readonly qAtMostOne: boolean;
  /** Pearson correlation of x and mean spend among the repeat buyers fitted on (assumed ~0). */
  readonly frequencySpendCorrelation: number;
  /** Mean of the repeat buyers' mean spend: the fallback estimate when q <= 1. */
  readonly observedMeanSpend: number;
  readonly excluded: SpendExclusions;
}

export type GammaGammaFitResult = GammaGammaFit | (FitFailure<GammaGammaParams> & { readonly excluded?: SpendExclusions });

/**
 * Collapses customers into unique (x, mean spend) pairs of repeat buyers with positive spend and
 * counts those left out.
 *
 * @example
 * ```ts
 * collapseSpend([{ x: 2, tx: 3, T: 5, monetary: 10 }, { x: 0, tx: 0, T: 5 }]);
 * // { spend: [{ x: 2, monetary: 10, weight: 1 }], excluded: { oneTimeBuyers: 1, nonPositiveSpend: 0 } }
 * ```
 */
export function collapseSpend(customers: Iterable<CustomerHistory>): { spend: WeightedSpend[]; excluded: SpendExclusions } {
  const index = new Map<number, Map<number, number>>();
  const spend: { x: number; monetary: number; weight: number }[] = [];
  let oneTimeBuyers = 0;
  let nonPositiveSpend = 0;
  for (const c of customers) {
    if (!(c.x > 0)) {
      oneTimeBuyers++;
      continue;
    }
    const m = c.monetary;
    if (m === undefined || !(m > 0) || !Number.isFinite(m)) {
      nonPositiveSpend++;
      continue;
    }
    let byM = index.get(c.x);
    if (byM === undefined) {
      byM = new Map();
      index.set(c.x, byM);
    }
    const at = byM.get(m);
    if (at === undefined) {
      byM.set(m, spend.length);
      spend.push({ x: c.x, monetary: m, weight: 1 });
    } else {
      spend[at]!.weight += 1;
    }
  }
  return { spend, excluded: { oneTimeBuyers, nonPositiveSpend } };
}

/** Columns of the spend data with per-distinct-x indexing, in money units divided by `scale`. */
interface SpendData {
  readonly size: number;
  readonly weight: Float64Array;
  readonly monetary: Float64Array;
  readonly logMonetary: Float64Array;
  readonly xIndex: Int32Array;
  readonly distinctX: Float64Array;
  readonly weightByX: Float64Array;
  readonly totalWeight: number;
}

function prepareSpend(spend: readonly WeightedSpend[], scale: number): SpendData {
  const size = spend.length;
  const weight = new Float64Array(size);
  const monetary = new Float64Array(size);
  const logMonetary = new Float64Array(size);
  const xIndex = new Int32Array(size);
  const position = new Map<number, number>();
  const distinct: number[] = [];
  const weightOfX: number[] = [];
  let totalWeight = 0;
  spend.forEach((s, i) => {
    weight[i] = s.weight;
    monetary[i] = s.monetary / scale;
    logMonetary[i] = Math.log(s.monetary / scale);
    let at = position.get(s.x);
    if (at === undefined) {
      at = distinct.length;
      position.set(s.x, at);
      distinct.push(s.x);
      weightOfX.push(0);
    }
    xIndex[i] = at;
    weightOfX[at]! += s.weight;
    totalWeight += s.weight;
  });
  return {
    size,
    weight,
    monetary,
    logMonetary,
    xIndex,
    distinctX: Float64Array.from(distinct),
    weightByX: Float64Array.from(weightOfX),
    totalWeight,
  };
}

/** Mean log-likelihood of the mean-spend density and its gradient w.r.t. (p, q, v). */
function meanLogLikelihoodWithGradient(data: SpendData, params: readonly number[]): { value: number; gradient: number[] } {
  const [p, q, v] = params as [number, number, number];
  if (!(p > 0 && q > 0 && v > 0)) return { value: Number.NaN, gradient: [0, 0, 0] };
  const nx = data.distinctX.length;
  const logX = new Float64Array(nx);
  const digammaSum = new Float64Array(nx);
  const logV = Math.log(v);
  const lgQ = gammaln(q);
  const psiQ = digamma(q);
  let value = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  for (let u = 0; u < nx; u++) {
    const x = data.distinctX[u]!;
    const w = data.weightByX[u]!;
    const px = p * x;
    logX[u] = Math.log(x);
    digammaSum[u] = digamma(px + q);
    value += w * (gammaln(px + q) - gammaln(px) - lgQ + q * logV + px * logX[u]!);
    gp += w * x * (digammaSum[u]! - digamma(px) + logX[u]!);
    gq += w * (digammaSum[u]! - psiQ + logV);
    gv += (w * q) / v;
  }
  for (let i = 0; i < data.size; i++) {
    const u = data.xIndex[i]!;
    const x = data.distinctX[u]!;
    const w = data.weight[i]!;
    const px = p * x;
    const total = x * data.monetary[i]! + v;
    const logTotal = Math.log(total);
    value += w * ((px - 1) * data.logMonetary[i]! - (px + q) * logTotal);
    gp += w * x * (data.logMonetary[i]! - logTotal);
    gq -= w * logTotal;
    gv -= (w * (px + q)) / total;
  }
  const n = data.totalWeight;
  return { value: value / n, gradient: [gp / n, gq / n, gv / n] };
}

/**
 * Total log-likelihood of weighted (x, mean spend) pairs (density of the mean; BTYD's spend.LL
 * convention, which differs from the total-spend density by a constant).
 *
 * @example
 * ```ts
 * gammaGammaLogLikelihood({ p: 6.25, q: 3.74, v: 15.44 }, [{ x: 2, monetary: 22.35, weight: 1 }]);
 * ```
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, spend: readonly WeightedSpend[]): number {
  const data = prepareSpend(spend, 1);
  return meanLogLikelihoodWithGradient(data, [params.p, params.q, params.v]).value * data.totalWeight;
}

/**
 * Fits Gamma-Gamma on the repeat buyers with positive mean spend. Customers with x = 0 or spend
 * <= 0 are left out and counted. Money is rescaled by the mean spend while fitting (v scales back).
 *
 * @example
 * ```ts
 * const fit = fitGammaGamma(customers);
 * if (fit.ok && fit.qAtMostOne) console.warn(fit.warnings);
 * ```
 */
export function fitGammaGamma(customers: Iterable<CustomerHistory>, options: FitOptions = {}): GammaGammaFitResult {
  const { spend, excluded } = collapseSpend(customers);
  const repeatBuyers = spend.reduce((n, s) => n + s.weight, 0);
  const minimum = Math.max(1, options.minRepeatBuyers ?? 10);
  if (repeatBuyers < minimum) {
    return {
      ok: false,
      reason: 'too-few-repeat-buyers',
      message:
        `Gamma-Gamma: only ${repeatBuyers} customers have repeat purchases with positive spend ` +
        `(${excluded.oneTimeBuyers} one-time buyers, ${excluded.nonPositiveSpend} with spend <= 0); ` +
        `at least ${minimum} are needed.`,
      excluded,
    };
  }
  const observedMeanSpend = spend.reduce((sum, s) => sum + s.weight * s.monetary, 0) / repeatBuyers;
  const data = prepareSpend(spend, observedMeanSpend);
  const maximum = maximizeLikelihood(
    {
      parameterNames: ['p', 'q', 'v'],
      starts: [
        [1, 1, 1],
        [2, 3, 2],
        [0.5, 2, 0.5],
      ],
      meanLogLikelihood: (params) => meanLogLikelihoodWithGradient(data, params).value,
      meanLogLikelihoodWithGradient: (params) => meanLogLikelihoodWithGradient(data, params),
    },
    options,
  );
  const [p, q, vScaled] = maximum.params as [number, number, number];
  const params: GammaGammaParams = { p, q, v: vScaled * observedMeanSpend };
  const logLikelihood = gammaGammaLogLikelihood(params, spend);
  const diagnostics = fitDiagnostics(maximum, logLikelihood);
  if (!maximum.converged) {
    return {
      ok: false,
      reason: 'not-converged',
      message:
        `Gamma-Gamma did not converge (${maximum.message}; gradient norm ${maximum.gradientNorm.toExponential(2)} ` +
        `after ${maximum.iterations} iterations). Its parameters are not used.`,
      diagnostics,
      bestParams: params,
      excluded,
    };
  }
  const qAtMostOne = q <= 1;
  const warnings = qAtMostOne
    ? [
        `Gamma-Gamma q = ${q.toFixed(3)} <= 1: the population mean spend is infinite, so expected spend uses each ` +
          `repeat buyer's observed mean and, for the others, the mean over repeat buyers (${observedMeanSpend.toFixed(2)}).`,
      ]
    : [];
  return {
    ok: true,
    params,
    logLikelihood,
    customers: repeatBuyers,
    repeatBuyers,
    diagnostics,
    warnings,
    qAtMostOne,
    frequencySpendCorrelation: weightedCorrelation(spend),
    observedMeanSpend,
    excluded,
  };
}

/** Weighted Pearson correlation of x and mean spend. */
function weightedCorrelation(spend: readonly WeightedSpend[]): number {
  let n = 0;
  let sx = 0;
  let sm = 0;
  for (const s of spend) {
    n += s.weight;
    sx += s.weight * s.x;
    sm += s.weight * s.monetary;
  }
  const mx = sx / n;
  const mm = sm / n;
  let cxm = 0;
  let cxx = 0;
  let cmm = 0;
  for (const s of spend) {
    const dx = s.x - mx;
    const dm = s.monetary - mm;
    cxm += s.weight * dx * dm;
    cxx += s.weight * dx * dx;
    cmm += s.weight * dm * dm;
  }
  return cxx > 0 && cmm > 0 ? cxm / Math.sqrt(cxx * cmm) : Number.NaN;
}

/**
 * E[M | x, m] = (v + x m) p / (p x + q - 1): a weighted average of the population mean
 * p v / (q - 1) and the observed mean m. Only meaningful for q > 1 (see {@link expectedAverageSpend}).
 *
 * @example
 * ```ts
 * conditionalExpectedAverageSpend({ p: 6.25, q: 3.74, v: 15.44 }, 2, 22.35); // 24.66
 * ```
 */
export function conditionalExpectedAverageSpend(params: GammaGammaParams, x: number, monetary: number): number {
  const { p, q, v } = params;
  const m = x > 0 ? monetary : 0;
  return ((v + x * m) * p) / (p * x + q - 1);
}

/**
 * Expected average spend per future transaction for a customer, never negative:
 * - q > 1: the Gamma-Gamma conditional expectation; customers without usable repeat spend
 *   (x = 0, or spend <= 0 / missing) get the population mean p v / (q - 1).
 * - q <= 1 (population mean infinite): a repeat buyer's own observed mean spend; everyone else the
 *   mean over the repeat buyers fitted on (`observedMeanSpend`).
 *
 * @example
 * ```ts
 * const fit = fitGammaGamma(customers);
 * if (fit.ok) expectedAverageSpend(fit, { x: 2, tx: 30.43, T: 38.86, monetary: 22.35 });
 * ```
 */
export function expectedAverageSpend(fit: GammaGammaFit, c: CustomerHistory): number {
  const m = c.monetary;
  const usable = c.x > 0 && m !== undefined && m > 0 && Number.isFinite(m);
  if (fit.qAtMostOne) return usable ? m : fit.observedMeanSpend;
  return conditionalExpectedAverageSpend(fit.params, usable ? c.x : 0, usable ? m : 0);
}
