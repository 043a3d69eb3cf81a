/**
 * Deterministic simulation of BTYD customers with known parameters, for recovery tests and the
 * benchmark. A small seeded generator (sfc32) keeps runs reproducible across machines.
 */
import type { CustomerHistory } from '../../functions/clv/CustomerHistory.ts';

export interface Random {
  /** Uniform on (0, 1). */
  uniform(): number;
  exponential(rate: number): number;
  /** Gamma with shape and rate (mean shape / rate). */
  gamma(shape: number, rate: number): number;
  beta(a: number, b: number): number;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter) seeded from one integer, with Marsaglia-Tsang
 * gamma variates.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.gamma(2, 0.5); // mean 4
 * ```
 */
export function createRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32();
  const uniform = (): number => (next32() + 0.5) / 4294967296;
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const standardGamma = (shape: number): number => {
    if (shape < 1) return standardGamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + dd - dd * v + dd * Math.log(v)) return dd * v;
    }
  };
  return {
    uniform,
    exponential: (rate) => -Math.log(uniform()) / rate,
    gamma: (shape, rate) => standardGamma(shape) / rate,
    beta: (a1, b1) => {
      const x = standardGamma(a1);
      return x / (x + standardGamma(b1));
    },
  };
}

/** A simulated customer: calibration history plus repeat purchases in a holdout period. */
export interface SimulatedCustomer extends CustomerHistory {
  readonly holdoutPurchases: number;
}

export interface SimulationSettings {
  readonly customers: number;
  /** Each customer's T is drawn uniformly from [minT, maxT]. */
  readonly minT: number;
  readonly maxT: number;
  /** Length of the holdout period after T (0 for none). */
  readonly holdout?: number;
  /** Round event times down to this grid (e.g. 1 for whole days); omitted = continuous. */
  readonly resolution?: number;
}

type Dropout = (afterPurchase: number) => boolean;

/** Purchase times of one customer until `end`, given their rate and dropout rule; first purchase at 0. */
function purchaseTimes(random: Random, lambda: number, end: number, lifetime: number, dropsAfter: Dropout): number[] {
  const times: number[] = [];
  let t = 0;
  for (let k = 1; ; k++) {
    t += random.exponential(lambda);
    if (t > end || t > lifetime) return times;
    times.push(t);
    if (dropsAfter(k)) return times;
  }
}

function summarise(times: readonly number[], T: number, settings: SimulationSettings, monetary?: number): SimulatedCustomer {
  const grid = settings.resolution;
  const snap = (t: number): number => (grid ? Math.floor(t / grid) * grid : t);
  const calibration = times.filter((t) => t <= T);
  // Purchases in the same grid period merge, as the data preparation does; period 0 is the first purchase.
  const periods = [...new Set(calibration.map(snap))].filter((t) => t > 0);
  const Tsnapped = grid ? snap(T) : T;
  const holdoutPeriods = new Set(times.filter((t) => t > T).map(snap)).size;
  return {
    x: periods.length,
    tx: periods.length > 0 ? periods[periods.length - 1]! : 0,
    T: Tsnapped,
    holdoutPurchases: holdoutPeriods,
    ...(monetary === undefined ? {} : { monetary }),
  };
}

function drawT(random: Random, settings: SimulationSettings): number {
  const T = settings.minT + (settings.maxT - settings.minT) * random.uniform();
  return settings.resolution ? Math.floor(T / settings.resolution) * settings.resolution : T;
}

/**
 * BG/NBD customers: lambda ~ Gamma(r, alpha), p ~ Beta(a, b), dropout after each repeat purchase.
 * With `modified`, also a dropout at time 0 (MBG/NBD).
 *
 * @example
 * ```ts
 * const customers = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 1000, minT: 26, maxT: 52 }, 1);
 * ```
 */
export function simulateBgNbd(
  params: { r: number; alpha: number; a: number; b: number },
  settings: SimulationSettings,
  seed: number,
  modified = false,
): SimulatedCustomer[] {
  const random = createRandom(seed);
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < settings.customers; i++) {
    const T = drawT(random, settings);
    const lambda = random.gamma(params.r, params.alpha);
    const p = random.beta(params.a, params.b);
    const end = T + (settings.holdout ?? 0);
    const deadAtStart = modified && random.uniform() < p;
    const times = deadAtStart ? [] : purchaseTimes(random, lambda, end, Number.POSITIVE_INFINITY, () => random.uniform() < p);
    out.push(summarise(times, T, settings));
  }
  return out;
}

/**
 * Pareto/NBD customers: lambda ~ Gamma(r, alpha), lifetime ~ Exp(mu), mu ~ Gamma(s, beta).
 *
 * @example
 * ```ts
 * const customers = simulateParetoNbd({ r: 0.55, alpha: 10.5, s: 0.6, beta: 11.7 }, { customers: 1000, minT: 26, maxT: 52 }, 1);
 * ```
 */
export function simulateParetoNbd(
  params: { r: number; alpha: number; s: number; beta: number },
  settings: SimulationSettings,
  seed: number,
): SimulatedCustomer[] {
  const random = createRandom(seed);
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < settings.customers; i++) {
    const T = drawT(random, settings);
    const lambda = random.gamma(params.r, params.alpha);
    const lifetime = random.exponential(random.gamma(params.s, params.beta));
    const times = purchaseTimes(random, lambda, T + (settings.holdout ?? 0), lifetime, () => false);
    out.push(summarise(times, T, settings));
  }
  return out;
}

/**
 * Adds Gamma-Gamma mean repeat spend to customers: nu ~ Gamma(q, v), each of the x repeat
 * transactions ~ Gamma(p, nu); monetary is their mean (0 for x = 0).
 *
 * @example
 * ```ts
 * const withSpend = addGammaGammaSpend(customers, { p: 6, q: 3.7, v: 15 }, 2);
 * ```
 */
export function addGammaGammaSpend<C extends CustomerHistory>(
  customers: readonly C[],
  params: { p: number; q: number; v: number },
  seed: number,
): (C & { monetary: number })[] {
  const random = createRandom(seed);
  return customers.map((c) => {
    const nu = random.gamma(params.q, params.v);
    let total = 0;
    for (let k = 0; k < c.x; k++) total += random.gamma(params.p, nu);
    return { ...c, monetary: c.x > 0 ? total / c.x : 0 };
  });
}
