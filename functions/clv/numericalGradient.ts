/**
 * Central-difference gradients, for objectives whose analytic gradient is impractical
 * (the Pareto/NBD likelihood, whose hypergeometric terms have no convenient derivatives).
 */
import type { Objective } from './bfgs.ts';

/**
 * Wraps a scalar function as an {@link Objective} with a central-difference gradient.
 * The step is relative to each coordinate's size (default 1e-5: the error of a central
 * difference, about step^2 * f''' + eps * f / step, is near its minimum there).
 *
 * @example
 * ```ts
 * const objective = withNumericalGradient((x) => x[0]! ** 2);
 * objective([3]).gradient; // [6] (to about 1e-9)
 * ```
 */
export function withNumericalGradient(f: (x: readonly number[]) => number, step = 1e-5): Objective {
  return (x) => {
    const value = f(x);
    if (!Number.isFinite(value)) return { value, gradient: x.map(() => Number.NaN) };
    const gradient = x.map((xi, i) => {
      const h = step * Math.max(1, Math.abs(xi));
      const up = [...x];
      const down = [...x];
      up[i] = xi + h;
      down[i] = xi - h;
      return (f(up) - f(down)) / (2 * h);
    });
    return { value, gradient };
  };
}
