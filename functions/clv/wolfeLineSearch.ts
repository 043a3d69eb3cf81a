/**
 * Line search for quasi-Newton methods: finds a step along a descent direction that satisfies the
 * strong Wolfe conditions (Nocedal & Wright, Numerical Optimization, algorithms 3.5 and 3.6).
 * Steps into regions where the objective is not finite count as "too long" and are shortened.
 *
 * Near an optimum the decrease of a likelihood summed over many customers drowns in rounding
 * noise (~1e-13 relative), which makes a plain Wolfe search fail ("precision loss" in scipy).
 * Hager & Zhang's approximate Wolfe conditions accept such a step on the evidence of the slope,
 * which stays accurate, as long as the value has not risen above the noise level.
 */

/** Value and directional derivative of the objective at a step length. */
export interface LinePoint {
  readonly step: number;
  readonly value: number;
  readonly slope: number;
}

export interface LineSearchResult {
  /** The accepted point, or undefined when no step satisfied the conditions. */
  readonly point: LinePoint | undefined;
  readonly evaluations: number;
}

const SUFFICIENT_DECREASE = 1e-4;
const CURVATURE = 0.9;
const MAX_EVALUATIONS = 40;
/** Relative rise of the objective that still counts as rounding noise. */
const NOISE = 1e-10;

/**
 * Strong Wolfe line search starting from step 1.
 *
 * @param evaluate returns value and slope (gradient . direction) at a step length
 * @param start value and slope at step 0 (slope must be negative)
 * @example
 * ```ts
 * // phi(t) = (t - 2)^2: a step near the minimiser is accepted.
 * const r = wolfeLineSearch((t) => ({ step: t, value: (t - 2) ** 2, slope: 2 * (t - 2) }), { step: 0, value: 4, slope: -4 });
 * ```
 */
export function wolfeLineSearch(evaluate: (step: number) => LinePoint, start: LinePoint, initialStep = 1): LineSearchResult {
  let evaluations = 0;
  const probe = (step: number): LinePoint => {
    evaluations++;
    return evaluate(step);
  };
  const sufficient = (p: LinePoint): boolean => p.value <= start.value + SUFFICIENT_DECREASE * p.step * start.slope;
  const flatEnough = (p: LinePoint): boolean => Math.abs(p.slope) <= -CURVATURE * start.slope;
  // Hager-Zhang: sigma phi'(0) <= phi'(t) <= (2 delta - 1) phi'(0), delta = 0.1, sigma = 0.9.
  const approximateWolfe = (p: LinePoint): boolean =>
    p.value <= start.value + NOISE * Math.abs(start.value) &&
    p.slope >= CURVATURE * start.slope &&
    p.slope <= (2 * 0.1 - 1) * start.slope;

  let previous = start;
  let step = initialStep;
  while (evaluations < MAX_EVALUATIONS) {
    const current = probe(step);
    if (!Number.isFinite(current.value) || !Number.isFinite(current.slope)) {
      step = previous.step + (step - previous.step) / 4;
      continue;
    }
    if (approximateWolfe(current)) return { point: current, evaluations };
    if (!sufficient(current) || (previous !== start && current.value >= previous.value)) {
      return { point: zoom(previous, current), evaluations };
    }
    if (flatEnough(current)) return { point: current, evaluations };
    if (current.slope >= 0) return { point: zoom(current, previous), evaluations };
    previous = current;
    step *= 2;
  }
  return { point: undefined, evaluations };

  function zoom(lowIn: LinePoint, highIn: LinePoint): LinePoint | undefined {
    let low = lowIn;
    let high = highIn;
    while (evaluations < MAX_EVALUATIONS) {
      const trial = probe(interpolate(low, high));
      if (approximateWolfe(trial)) return trial;
      if (!Number.isFinite(trial.value) || !sufficient(trial) || trial.value >= low.value) {
        high = trial;
      } else {
        if (flatEnough(trial)) return trial;
        if (trial.slope * (high.step - low.step) >= 0) high = low;
        low = trial;
      }
      if (Math.abs(high.step - low.step) < 1e-14 * Math.max(1, Math.abs(low.step))) break;
    }
    // Out of budget: a point with sufficient decrease is still progress.
    return low !== start && sufficient(low) ? low : undefined;
  }
}

/** Minimiser of the cubic through two points (value and slope), kept inside the bracket. */
function interpolate(a: LinePoint, b: LinePoint): number {
  const lo = Math.min(a.step, b.step);
  const hi = Math.max(a.step, b.step);
  const bisection = (a.step + b.step) / 2;
  if (!Number.isFinite(b.value) || !Number.isFinite(b.slope)) return bisection;
  const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.step - b.step);
  const radicand = d1 * d1 - a.slope * b.slope;
  if (radicand < 0) return bisection;
  const d2 = Math.sign(b.step - a.step) * Math.sqrt(radicand);
  const t = b.step - (b.step - a.step) * ((b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2));
  const margin = 0.1 * (hi - lo);
  return Number.isFinite(t) && t > lo + margin && t < hi - margin ? t : bisection;
}
