/**
 * log of integral_a^b e^h(v) dv for a smooth h with one maximum (concave, or monotone), by adaptive
 * Gauss-Legendre on e^(h - max h): the answer's logarithm is returned, so integrands like
 * u^-b (1 - u)^(w - 1) with w in the thousands neither overflow nor underflow.
 */
import { gaussLegendre } from './gaussLegendre.ts';

const NODES = 16;
const RELATIVE_TOLERANCE = 1e-13;
/** Safety budget; smooth integrands need a few dozen panels. */
const MAX_PANELS = 5000;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * log integral_a^b exp(h(v)) dv, for b >= a and h with a single maximum on [a, b].
 *
 * @example
 * ```ts
 * // integral_0^1 e^(1000 v) dv = (e^1000 - 1) / 1000, far beyond double range:
 * logIntegrateExp((v) => 1000 * v, 0, 1); // 1000 - Math.log(1000)
 * ```
 */
export function logIntegrateExp(h: (v: number) => number, a: number, b: number): number {
  if (!(b >= a)) return Number.NaN;
  if (b === a) return Number.NEGATIVE_INFINITY;
  const shift = maximum(h, a, b);
  if (!Number.isFinite(shift)) return shift;
  const { nodes, weights } = gaussLegendre(NODES);
  const f = (v: number): number => Math.exp(h(v) - shift);
  const panel = (lo: number, hi: number): number => {
    const half = (hi - lo) / 2;
    let sum = 0;
    for (let i = 0; i < NODES; i++) sum += weights[i]! * f(lo + half * (1 + nodes[i]!));
    return sum * half;
  };
  // Every panel is positive, so a relative tolerance per panel bounds the total's relative error.
  const stack: [number, number, number][] = [[a, b, panel(a, b)]];
  let total = 0;
  let panels = 0;
  while (stack.length > 0) {
    const [lo, hi, estimate] = stack.pop()!;
    const mid = (lo + hi) / 2;
    const left = panel(lo, mid);
    const right = panel(mid, hi);
    panels++;
    if (Math.abs(left + right - estimate) <= RELATIVE_TOLERANCE * (left + right) || panels >= MAX_PANELS) {
      total += left + right;
    } else {
      stack.push([lo, mid, left], [mid, hi, right]);
    }
  }
  return shift + Math.log(total);
}

/** Largest value of h on [a, b]: endpoints and a golden-section search for an interior peak. */
function maximum(h: (v: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  let x1 = hi - GOLDEN * (hi - lo);
  let x2 = lo + GOLDEN * (hi - lo);
  let h1 = h(x1);
  let h2 = h(x2);
  for (let i = 0; i < 80 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
    if (h1 < h2) {
      lo = x1;
      x1 = x2;
      h1 = h2;
      x2 = lo + GOLDEN * (hi - lo);
      h2 = h(x2);
    } else {
      hi = x2;
      x2 = x1;
      h2 = h1;
      x1 = hi - GOLDEN * (hi - lo);
      h1 = h(x1);
    }
  }
  return Math.max(h(a), h(b), h1, h2);
}
