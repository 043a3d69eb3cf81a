/**
 * BFGS quasi-Newton minimisation with a strong Wolfe line search. Reports convergence honestly:
 * `converged` is true only when the gradient's largest component is within tolerance.
 */
import { wolfeLineSearch, type LinePoint } from './wolfeLineSearch.ts';

/** Objective value and gradient at a point. Return a non-finite value outside the domain. */
export type Objective = (x: readonly number[]) => { value: number; gradient: number[] };

export interface MinimizeOptions {
  /** Largest allowed |gradient component| at a solution (default 1e-7). */
  readonly gradientTolerance?: number;
  /** Iteration budget (default 500). */
  readonly maxIterations?: number;
}

export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly gradient: number[];
  /** max |gradient component| at x. */
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Why the iteration stopped, in words. */
  readonly message: string;
}

/**
 * Minimises a smooth function from a starting point.
 *
 * @example
 * ```ts
 * const r = minimizeBfgs((x) => ({ value: (x[0]! - 3) ** 2, gradient: [2 * (x[0]! - 3)] }), [0]);
 * r.x; // [3], r.converged === true
 * ```
 */
export function minimizeBfgs(objective: Objective, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const tolerance = options.gradientTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 500;
  const n = start.length;
  let x = [...start];
  let { value, gradient } = objective(x);
  let evaluations = 1;
  const finish = (iterations: number, converged: boolean, message: string): MinimizeResult => ({
    x,
    value,
    gradient,
    gradientNorm: maxAbs(gradient),
    iterations,
    evaluations,
    converged,
    message,
  });
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return finish(0, false, 'the objective is not finite at the starting point');
  }
  let inverseHessian = identity(n);
  let firstStep = true;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) <= tolerance) return finish(iteration, true, 'gradient within tolerance');
    let direction = negate(multiply(inverseHessian, gradient));
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Curvature information went bad: fall back to steepest descent.
      inverseHessian = identity(n);
      direction = negate(gradient);
      slope = dot(gradient, direction);
    }
    const initialStep = firstStep ? Math.min(1, 1 / maxAbs(gradient)) : 1;
    const here = x;
    // Points the line search evaluated, so the accepted one is not recomputed.
    const trials = new Map<number, { value: number; gradient: number[]; x: number[] }>();
    const search = wolfeLineSearch(
      (step): LinePoint => {
        const point = here.map((xi, i) => xi + step * direction[i]!);
        const evaluated = objective(point);
        trials.set(step, { ...evaluated, x: point });
        return { step, value: evaluated.value, slope: dot(evaluated.gradient, direction) };
      },
      { step: 0, value, slope },
      initialStep,
    );
    evaluations += search.evaluations;
    const accepted = search.point ? trials.get(search.point.step) : undefined;
    if (!accepted) {
      return finish(iteration, maxAbs(gradient) <= tolerance, 'the line search found no step that lowers the objective');
    }
    const s = accepted.x.map((xi, i) => xi - x[i]!);
    const y = accepted.gradient.map((gi, i) => gi - gradient[i]!);
    x = accepted.x;
    value = accepted.value;
    gradient = accepted.gradient;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) inverseHessian = scaledIdentity(n, sy / dot(y, y));
      inverseHessian = bfgsUpdate(inverseHessian, s, y, sy);
      firstStep = false;
    }
  }
  const converged = maxAbs(gradient) <= tolerance;
  return finish(maxIterations, converged, converged ? 'gradient within tolerance' : 'iteration budget exhausted');
}

/** H+ = (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / (y's). */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const n = s.length;
  const rho = 1 / sy;
  const hy = multiply(h, y);
  const yhy = dot(y, hy);
  const next: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      row.push(h[i]![j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!);
    }
    next.push(row);
  }
  return next;
}

function identity(n: number): number[][] {
  return scaledIdentity(n, 1);
}

function scaledIdentity(n: number, scale: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
}

function multiply(m: number[][], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function negate(v: number[]): number[] {
  return v.map((vi) => -vi);
}

function maxAbs(v: readonly number[]): number {
  let m = 0;
  for (const vi of v) m = Math.max(m, Math.abs(vi));
  return m;
}
