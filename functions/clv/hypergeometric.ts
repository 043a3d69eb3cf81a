/**
 * Gauss hypergeometric function 2F1 in the forms the purchase models need.
 *
 * - `hyp2f1`: @stdlib's implementation (Cephes port), accurate for the bounded arguments of
 *   BG/NBD and MBG/NBD once they are put in Euler-transformed form (see the model files).
 * - `logHyp2f1APlusOne`: log 2F1(a, b; a + 1; z), the Pareto/NBD likelihood's case. There the
 *   value itself overflows (it grows like (1 - z)^-b with b = r + x in the hundreds), so only
 *   its logarithm is usable.
 */
import stdlibHyp2f1 from '@stdlib/math-base-special-hyp2f1';

/**
 * 2F1(a, b; c; z) for real arguments (delegates to @stdlib).
 *
 * @example
 * ```ts
 * hyp2f1(1, 1, 2, 0.5); // -Math.log(0.5) / 0.5
 * ```
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return stdlibHyp2f1(a, b, c, z);
}

/** Above this argument the own series needs thousands of terms; @stdlib transforms to 1 - z. */
const SERIES_LIMIT = 0.99;
const MAX_TERMS = 20_000;

/**
 * log 2F1(a, b; a + 1; z) for a > 0, 0 < b <= a + 1 and 0 <= z < 1.
 *
 * Uses Euler's transformation 2F1(a, b; a+1; z) = (1 - z)^(1 - b) 2F1(1, a + 1 - b; a + 1; z).
 * The remaining series has positive terms whose ratio stays below z, so it is summed until the
 * geometric tail bound is negligible; its value lies in [1, 1 / (1 - z)] and cannot overflow.
 * Above z = 0.99, @stdlib evaluates that bounded factor; where it fails there (it can return
 * Infinity extremely close to 1 with large a) the result is NaN rather than a wrong number.
 * The Pareto/NBD likelihood does not rely on that range (see paretoNbd.ts).
 *
 * @example
 * ```ts
 * // 2F1(a, a + 1; a + 1; z) = (1 - z)^-a, even where the value itself overflows:
 * logHyp2f1APlusOne(1000, 1001, 0.9); // 1000 * Math.log(10)
 * ```
 */
export function logHyp2f1APlusOne(a: number, b: number, z: number): number {
  if (!(a > 0 && b > 0 && b <= a + 1 && z >= 0 && z < 1)) return Number.NaN;
  if (z === 0) return 0;
  const c = a + 1;
  const d = c - b;
  const factor = z > SERIES_LIMIT ? stdlibHyp2f1(1, d, c, z) : boundedSeries(d, c, z);
  // The factor's terms are positive with ratio below z, so it lies in [1, 1 / (1 - z)].
  if (!(factor >= 1 && factor <= (1 / (1 - z)) * (1 + 1e-12))) return Number.NaN;
  return (1 - b) * Math.log1p(-z) + Math.log(factor);
}

/** Sum of (d)_k / (c)_k z^k, k >= 0, for 0 <= d < c and 0 < z <= SERIES_LIMIT. */
function boundedSeries(d: number, c: number, z: number): number {
  const tailFactor = z / (1 - z);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= ((d + k) / (c + k)) * z;
    sum += term;
    if (term * tailFactor <= 1e-17 * sum) break;
  }
  return sum;
}
