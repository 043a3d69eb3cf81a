/**
 * A small, fast, seeded pseudo-random generator (sfc32, seeded through splitmix32) with the
 * distributions the sample-data generator needs. Same seed and stream give the same sequence
 * on every platform: only 32-bit integer arithmetic feeds the uniform draws.
 *
 * @example
 * ```ts
 * const rng = new Random(42);
 * const spend = rng.gamma(6, 1 / 0.15); // shape 6, scale 6.67
 * const lateDraw = new Random(42, 7).uniform(); // an independent stream for the same seed
 * ```
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  /** Second normal deviate left over from the last polar Box–Muller pair. */
  #spareNormal = Number.NaN;

  /**
   * @param seed any integer; only its low 32 bits matter.
   * @param stream selects an independent sequence for the same seed (e.g. one per output file).
   */
  constructor(seed: number, stream = 0) {
    let state = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      // splitmix32: spreads a small seed over the whole 128-bit sfc32 state.
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    // Discard the first outputs: sfc32 mixes its state in the first dozen rounds.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /**
   * A uniform 32-bit unsigned integer (sfc32 step).
   * @example new Random(1).uint32(); // 0 ≤ n < 2^32
   */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /**
   * Uniform on [0, 1).
   * @example new Random(1).next() < 1; // true
   */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /**
   * Uniform on [min, max).
   * @example new Random(1).uniform(10, 20);
   */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /**
   * Uniform integer in [0, n).
   * @example new Random(1).int(6); // a die roll minus one
   */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * True with probability p.
   * @example new Random(1).chance(0.03);
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * Standard normal (polar Box–Muller), scaled to mean and standard deviation.
   * @example new Random(1).normal(100, 15);
   */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.#spareNormal)) {
      const spare = this.#spareNormal;
      this.#spareNormal = Number.NaN;
      return mean + sd * spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * factor;
    return mean + sd * u * factor;
  }

  /**
   * Exponential with the given rate (mean 1/rate).
   * @example new Random(1).exponential(0.5); // mean 2
   */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /**
   * Gamma with shape k and scale θ (mean kθ, variance kθ²), by Marsaglia–Tsang; shapes below 1
   * use the boost Gamma(k) = Gamma(k+1)·U^(1/k).
   * @example new Random(1).gamma(0.25, 1 / 4); // BG/NBD purchase rate with r = 0.25, α = 4
   */
  gamma(shape: number, scale = 1): number {
    if (shape < 1) {
      const boost = Math.pow(1 - this.next(), 1 / shape);
      return this.gamma(shape + 1, scale) * boost;
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /**
   * Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).
   * @example new Random(1).beta(0.8, 2.5); // BG/NBD dropout probability, mean ≈ 0.24
   */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /**
   * Poisson with the given mean: Knuth's product method for small means, the PTRS transformed
   * rejection (Hörmann 1993) above 30, so large means stay O(1).
   * @example new Random(1).poisson(3.5);
   */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let product = this.next();
      while (product > limit) {
        k++;
        product *= this.next();
      }
      return k;
    }
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v * invAlpha / (a / (us * us) + b));
      if (lhs <= -mean + k * logMean - logFactorial(k)) return k;
    }
  }

  /**
   * Index drawn from a cumulative weight table built by {@link cumulativeWeights}.
   * @example
   * const table = cumulativeWeights([0.7, 0.2, 0.1]);
   * new Random(1).pick(table); // 0, 1 or 2
   */
  pick(cumulative: Float64Array): number {
    const u = this.next() * (cumulative[cumulative.length - 1] ?? 0);
    let i = 0;
    while (i < cumulative.length - 1 && u >= (cumulative[i] ?? 0)) i++;
    return i;
  }
}

/**
 * Running sums of weights, the form {@link Random.pick} reads.
 * @example cumulativeWeights([1, 3]); // Float64Array [1, 4]
 */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const table = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    table[i] = sum;
  });
  return table;
}

/** ln(k!) by Stirling's series above a small exact table; accurate to ~1e-10 for PTRS. */
function logFactorial(k: number): number {
  if (k < SMALL_LOG_FACTORIALS.length) return SMALL_LOG_FACTORIALS[k] ?? 0;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

const SMALL_LOG_FACTORIALS: readonly number[] = (() => {
  const table = [0];
  for (let k = 1; k < 16; k++) table.push((table[k - 1] ?? 0) + Math.log(k));
  return table;
})();
