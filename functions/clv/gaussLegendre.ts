/**
 * Gauss-Legendre quadrature: n nodes integrate polynomials of degree 2n - 1 exactly and smooth
 * functions to near machine precision. Used for discounted expected transactions where no closed
 * form exists.
 */

export interface QuadratureRule {
  /** Nodes on [-1, 1]. */
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/**
 * The n-point rule on [-1, 1] (nodes by Newton's method on the Legendre polynomial; cached).
 *
 * @example
 * ```ts
 * const { nodes, weights } = gaussLegendre(2); // nodes +-1/sqrt(3), weights 1
 * ```
 */
export function gaussLegendre(n: number): QuadratureRule {
  const cached = cache.get(n);
  if (cached) return cached;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`quadrature size must be a positive integer, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      const [p, dp] = legendreWithDerivative(n, x);
      derivative = dp;
      const step = p / dp;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    derivative = legendreWithDerivative(n, x)[1];
    const w = 2 / ((1 - x * x) * derivative * derivative);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** P_n(x) and P_n'(x) by the three-term recurrence. */
function legendreWithDerivative(n: number, x: number): [number, number] {
  let previous = 1;
  let current = x;
  for (let k = 2; k <= n; k++) {
    const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
    previous = current;
    current = next;
  }
  return [current, (n * (x * current - previous)) / (x * x - 1)];
}

/**
 * Integral of f over [lower, upper] with the n-point rule.
 *
 * @example
 * ```ts
 * integrateGaussLegendre(Math.exp, 0, 1, 16); // Math.E - 1
 * ```
 */
export function integrateGaussLegendre(f: (t: number) => number, lower: number, upper: number, n: number): number {
  const { nodes, weights } = gaussLegendre(n);
  const half = (upper - lower) / 2;
  const mid = (upper + lower) / 2;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]! * f(mid + half * nodes[i]!);
  return sum * half;
}
