/**
 * Sums and differences of numbers held as logarithms, so that likelihood terms like
 * (alpha + T)^-(r + x) never overflow or underflow before they are combined.
 */

/**
 * log(e^a + e^b) without overflow.
 *
 * @example
 * ```ts
 * logAddExp(1000, 1000); // 1000 + Math.LN2
 * ```
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * log(e^a - e^b) for a >= b; -Infinity when a === b. Picks log(-expm1) or log1p(-exp)
 * by the size of the gap, the accurate choice on each side of log 2.
 *
 * @example
 * ```ts
 * logSubExp(Math.log(3), Math.log(1)); // Math.log(2)
 * ```
 */
export function logSubExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  const d = b - a;
  if (d > 0) return Number.NaN;
  if (d === 0) return Number.NEGATIVE_INFINITY;
  return a + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/**
 * The logistic function 1 / (1 + e^-z), written so large |z| neither overflows nor loses the
 * small tail.
 *
 * @example
 * ```ts
 * logistic(0); // 0.5
 * ```
 */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
