/**
 * Asymptotic standard errors of log-parameters from the observed information: the inverse of
 * minus the Hessian of the total log-likelihood, by central differences. Used to set recovery
 * tolerances that follow from the sample size instead of being picked by hand.
 */

/**
 * Standard errors of log(parameter) at `params` for a total log-likelihood function.
 *
 * @example
 * ```ts
 * // n exponential observations with mean 2: se of log(rate) is 1 / sqrt(n).
 * logParameterStandardErrors(([l]) => 100 * (Math.log(l!) - 2 * l!), [0.5]); // [0.1]
 * ```
 */
export function logParameterStandardErrors(logLikelihood: (params: number[]) => number, params: readonly number[]): number[] {
  const n = params.length;
  const theta = params.map(Math.log);
  const f = (t: number[]): number => logLikelihood(t.map(Math.exp));
  const h = 1e-3;
  const hessian: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const at = (di: number, dj: number): number => {
        const t = [...theta];
        t[i]! += di;
        t[j]! += dj;
        return f(t);
      };
      const value = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
      hessian[i]![j] = value;
      hessian[j]![i] = value;
    }
  }
  const covariance = invert(hessian.map((row) => row.map((v) => -v)));
  return covariance.map((row, i) => Math.sqrt(row[i]!));
}

/** Gauss-Jordan inverse with partial pivoting. */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let k = 0; k < 2 * n; k++) a[col]![k]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r]![col]!;
      for (let k = 0; k < 2 * n; k++) a[r]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row) => row.slice(n));
}
