import { describe, expect, it } from 'vitest';
import { minimizeBfgs, type Objective } from '../../functions/clv/bfgs.ts';
import { withNumericalGradient } from '../../functions/clv/numericalGradient.ts';
import { wolfeLineSearch } from '../../functions/clv/wolfeLineSearch.ts';

/** Extended Rosenbrock: minimum 0 at (1, ..., 1). */
const rosenbrock: Objective = (x) => {
  let value = 0;
  const gradient = x.map(() => 0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1]! - x[i]! ** 2;
    const b = 1 - x[i]!;
    value += 100 * a * a + b * b;
    gradient[i]! += -400 * x[i]! * a - 2 * b;
    gradient[i + 1]! += 200 * a;
  }
  return { value, gradient };
};

/** Beale's function: minimum 0 at (3, 0.5). */
const beale = (x: readonly number[]): number => {
  const [u, v] = [x[0]!, x[1]!];
  return (1.5 - u + u * v) ** 2 + (2.25 - u + u * v * v) ** 2 + (2.625 - u + u * v ** 3) ** 2;
};

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum from the classic start (-1.2, 1)', () => {
    const r = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.value).toBeLessThan(1e-12);
    expect(r.gradientNorm).toBeLessThanOrEqual(1e-7);
  });

  it('finds the 10-dimensional Rosenbrock minimum', () => {
    const r = minimizeBfgs(rosenbrock, Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? -1.2 : 1)));
    expect(r.converged).toBe(true);
    for (const xi of r.x) expect(xi).toBeCloseTo(1, 5);
  });

  it('solves an ill-conditioned quadratic exactly (minimiser known in closed form)', () => {
    // f = 1/2 x'Ax - b'x with A = diag(1, 1e4, 1e-2): minimiser x = b / diag(A).
    const diag = [1, 1e4, 1e-2];
    const b = [1, 2, 3];
    const quadratic: Objective = (x) => ({
      value: x.reduce((s, xi, i) => s + 0.5 * diag[i]! * xi * xi - b[i]! * xi, 0),
      gradient: x.map((xi, i) => diag[i]! * xi - b[i]!),
    });
    const r = minimizeBfgs(quadratic, [0, 0, 0], { gradientTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    r.x.forEach((xi, i) => expect(xi).toBeCloseTo(b[i]! / diag[i]!, 6));
  });

  it('minimises Beale with a numerical gradient', () => {
    const r = minimizeBfgs(withNumericalGradient(beale), [1, 1], { gradientTolerance: 1e-8 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(3, 5);
    expect(r.x[1]).toBeCloseTo(0.5, 5);
  });

  it('stays inside a domain where the objective is Infinity outside', () => {
    // f(x) = x - log(x) for x > 0 (minimum at 1), Infinity elsewhere: early steps overshoot into x <= 0.
    const f = (x: readonly number[]): number => (x[0]! > 0 ? x[0]! - Math.log(x[0]!) : Number.POSITIVE_INFINITY);
    const r = minimizeBfgs(withNumericalGradient(f), [0.01]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });

  it('reports non-convergence with diagnostics instead of pretending', () => {
    const r = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
    expect(r.gradientNorm).toBeGreaterThan(1e-7);
    expect(r.message).toMatch(/budget/);
  });

  it('reports a start where the objective is not finite', () => {
    const r = minimizeBfgs(withNumericalGradient(() => Number.NaN), [1]);
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/not finite/);
  });
});

describe('wolfeLineSearch', () => {
  it('accepts a step satisfying both strong Wolfe conditions', () => {
    const phi = (t: number) => ({ step: t, value: (t - 2) ** 2, slope: 2 * (t - 2) });
    const { point } = wolfeLineSearch(phi, phi(0));
    expect(point).toBeDefined();
    expect(point!.value).toBeLessThanOrEqual(4 + 1e-4 * point!.step * -4);
    expect(Math.abs(point!.slope)).toBeLessThanOrEqual(0.9 * 4);
  });
});

describe('withNumericalGradient', () => {
  it('matches an analytic gradient', () => {
    const g = withNumericalGradient((x) => Math.exp(x[0]!) * Math.sin(x[1]!))([0.3, 1.1]).gradient;
    expect(g[0]).toBeCloseTo(Math.exp(0.3) * Math.sin(1.1), 8);
    expect(g[1]).toBeCloseTo(Math.exp(0.3) * Math.cos(1.1), 8);
  });
});
