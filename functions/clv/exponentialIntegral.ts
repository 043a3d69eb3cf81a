/**
 * The generalised exponential integral, scaled: e^z E_s(z) = integral_0^inf (1 + u)^-s e^(-z u) du
 * = U(1, 2 - s, z) (Tricomi). It is what Pareto/NBD's discounted expected residual transactions
 * reduce to: BTYD's U(s, s; z) = z^(1 - s) e^z E_s(z).
 *
 * Evaluation: Legendre's continued fraction for z >= 1, the power series for z < 1. The series
 * has a pole in Gamma(1 - s) that cancels one of its terms when s is (near) a positive integer;
 * that pair is summed as one term, so s = 1 and s = 1 +- 1e-12 give continuous answers.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

const EULER_GAMMA = 0.5772156649015329;
/** zeta(2..15), for log Gamma(1 + e) near e = 0. */
const ZETA = [
  1.6449340668482264, 1.2020569031595943, 1.0823232337111382, 1.0369277551433699, 1.0173430619844491,
  1.0083492773819228, 1.0040773561979443, 1.0020083928260822, 1.0009945751278181, 1.0004941886041195,
  1.000246086553308, 1.0001227133475785, 1.0000612481350587, 1.000030588236307,
];
const EPSILON = 1e-16;
const MAX_ITERATIONS = 10_000;

/**
 * e^z E_s(z) for real s >= 0 and z > 0.
 *
 * @example
 * ```ts
 * scaledExpIntegralE(0, 2); // 1 / 2, since E_0(z) = e^-z / z
 * scaledExpIntegralE(1, 1); // e * E_1(1) = e * 0.21938393439552...
 * ```
 */
export function scaledExpIntegralE(s: number, z: number): number {
  if (!(z > 0) || !(s >= 0) || !Number.isFinite(s) || !Number.isFinite(z)) return Number.NaN;
  return z >= 1 ? continuedFraction(s, z) : Math.exp(z) * seriesE(s, z);
}

/** Modified Lentz evaluation of e^z E_s(z) = 1/(z+s- 1*s/(z+s+2- 2(s+1)/(z+s+4- ...))). */
function continuedFraction(s: number, z: number): number {
  const tiny = 1e-300;
  let b = z + s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (s - 1 + i);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** E_s(z) = Gamma(1-s) z^(s-1) - sum_k (-z)^k / (k! (1 - s + k)), for 0 < z < 1. */
function seriesE(s: number, z: number): number {
  const m = Math.round(s - 1);
  let sum = 0;
  let term = 1;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    if (k !== m) sum += term / (1 - s + k);
    term *= -z / (k + 1);
    if (k > m && Math.abs(term) < EPSILON * Math.abs(sum)) break;
  }
  if (m < 0) return Math.exp(gammaln(1 - s) + (s - 1) * Math.log(z)) - sum;
  return poleAndPartner(m, 1 - s + m, z) - sum;
}

/**
 * Gamma(1-s) z^(s-1) - (-z)^m / (m! e) with e = 1 - s + m, |e| <= 1/2, as one quantity:
 * ((-z)^m / m!) * (exp(e phi) - 1) / e, where
 * phi = [log Gamma(1+e) - e log z - sum_{j<=m} log(1 - e/j)] / e, and phi = psi(m+1) - log z at e = 0.
 */
function poleAndPartner(m: number, e: number, z: number): number {
  let phi = logGammaOnePlusOver(e) - Math.log(z);
  for (let j = 1; j <= m; j++) phi -= e === 0 ? -1 / j : Math.log1p(-e / j) / e;
  const ratio = e === 0 ? phi : Math.expm1(e * phi) / e;
  const scale = Math.exp(m * Math.log(z) - gammaln(m + 1));
  return (m % 2 === 0 ? scale : -scale) * ratio;
}

/** log Gamma(1 + e) / e for |e| <= 1/2, with its limit -gamma at e = 0. */
function logGammaOnePlusOver(e: number): number {
  if (Math.abs(e) >= 0.05) return gammaln(1 + e) / e;
  // Taylor series log Gamma(1+e) = -gamma e + sum_k (-1)^k zeta(k) e^k / k; e^15 < 1e-19 here.
  let sum = -EULER_GAMMA;
  let power = -1; // (-1)^k e^(k-1) = -(-e)^(k-1)
  for (let k = 2; k <= 15; k++) {
    power *= -e;
    sum += (ZETA[k - 2]! * power) / k;
  }
  return sum;
}
