/**
 * Maximum likelihood on log-parameters: every model parameter is positive, so the optimiser works
 * on theta = log(parameter), which removes the bounds and evens out the scales. Starting points
 * are tried in order until one converges; the result says whether it did.
 */
import { minimizeBfgs, type MinimizeResult, type Objective } from './bfgs.ts';
import type { FitDiagnostics, FitOptions } from './FitResult.ts';
import { withNumericalGradient } from './numericalGradient.ts';

/** A likelihood to maximise, per unit of weight (a mean), so tolerances do not depend on n. */
export interface LikelihoodProblem {
  readonly parameterNames: readonly string[];
  /** Starting points in natural parameters, tried in order until one converges. */
  readonly starts: readonly (readonly number[])[];
  /** Mean log-likelihood at natural parameters (non-finite outside the model's domain). */
  readonly meanLogLikelihood: (params: readonly number[]) => number;
  /** Mean log-likelihood and its gradient with respect to the natural parameters, when available. */
  readonly meanLogLikelihoodWithGradient?: (params: readonly number[]) => { value: number; gradient: number[] };
}

export interface LikelihoodMaximum {
  readonly converged: boolean;
  /** Natural parameters at the best point found. */
  readonly params: number[];
  readonly meanLogLikelihood: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly starts: number;
  readonly message: string;
}

/** The diagnostics every fit reports, from the optimiser's run and the total log-likelihood. */
export function fitDiagnostics(maximum: LikelihoodMaximum, logLikelihood: number): FitDiagnostics {
  const { converged, iterations, evaluations, gradientNorm, starts, message } = maximum;
  return { converged, iterations, evaluations, gradientNorm, logLikelihood, starts, message };
}

/** The objective is +Infinity beyond |log parameter| = 25: keeps exp() finite while exploring. */
const LOG_BOUND = 25;
/**
 * A maximum with a parameter beyond 1e-6 or 1e6 (times the data's scale) is a limit of the model
 * family (e.g. r, alpha -> infinity: no heterogeneity), not an estimate: reported as not converged.
 */
const RUNAWAY_BOUND = Math.log(1e6);
/** Refits from a stalled point before trying the next start. */
const MAX_REFITS = 2;

/**
 * Maximises a mean log-likelihood over positive parameters.
 *
 * @example
 * ```ts
 * // Exponential rate: mean log-likelihood log(l) - l * 2 is maximal at l = 0.5.
 * const m = maximizeLikelihood({ parameterNames: ['l'], starts: [[1]], meanLogLikelihood: ([l]) => Math.log(l!) - 2 * l! });
 * m.params; // [0.5]
 * ```
 */
export function maximizeLikelihood(problem: LikelihoodProblem, options: FitOptions = {}): LikelihoodMaximum {
  const objective = negatedInLogSpace(problem);
  let best: MinimizeResult | undefined;
  let iterations = 0;
  let evaluations = 0;
  let starts = 0;
  const bfgsOptions = { gradientTolerance: options.gradientTolerance ?? 1e-7, maxIterations: options.maxIterations ?? 500 };
  for (const start of problem.starts) {
    starts++;
    let run = minimizeBfgs(objective, start.map((p) => Math.log(p)), bfgsOptions);
    iterations += run.iterations;
    evaluations += run.evaluations;
    // Refit from where a run stalled, with a fresh Hessian (BTYD refits from the optimum the same
    // way): near the optimum the line search can stall on rounding noise in the objective.
    for (let refit = 0; refit < MAX_REFITS && !run.converged && run.iterations < bfgsOptions.maxIterations; refit++) {
      const again = minimizeBfgs(objective, run.x, bfgsOptions);
      iterations += again.iterations;
      evaluations += again.evaluations;
      if (!(again.converged || again.value < run.value)) break;
      run = again;
    }
    if (!best || run.value < best.value || !Number.isFinite(best.value)) best = run;
    if (run.converged && runawayMessage(run.x, problem.parameterNames) === undefined) {
      best = run;
      break;
    }
  }
  const result = best!;
  const runaway = runawayMessage(result.x, problem.parameterNames);
  const converged = result.converged && runaway === undefined;
  return {
    converged,
    params: result.x.map((theta) => Math.exp(theta)),
    meanLogLikelihood: -result.value,
    gradientNorm: result.gradientNorm,
    iterations,
    evaluations,
    starts,
    message: runaway ?? result.message,
  };
}

/** Says which parameter ran off towards 0 or infinity, if one did. */
function runawayMessage(theta: readonly number[], names: readonly string[]): string | undefined {
  const i = theta.findIndex((t) => Math.abs(t) > RUNAWAY_BOUND);
  if (i < 0) return undefined;
  return (
    `${names[i]} ran off towards ${theta[i]! > 0 ? 'infinity' : 'zero'} (${Math.exp(theta[i]!).toExponential(2)} in fitting units): ` +
    'the likelihood has no finite maximum, so the data do not identify the model'
  );
}

/** theta -> -meanLL(exp(theta)), with the chain rule applied to an analytic gradient. */
function negatedInLogSpace(problem: LikelihoodProblem): Objective {
  const outOfBounds = (theta: readonly number[]): boolean => theta.some((t) => !(Math.abs(t) <= LOG_BOUND));
  const analytic = problem.meanLogLikelihoodWithGradient;
  if (analytic === undefined) {
    return withNumericalGradient((theta) =>
      outOfBounds(theta) ? Number.POSITIVE_INFINITY : -problem.meanLogLikelihood(theta.map(Math.exp)),
    );
  }
  return (theta) => {
    if (outOfBounds(theta)) return { value: Number.POSITIVE_INFINITY, gradient: theta.map(() => Number.NaN) };
    const params = theta.map(Math.exp);
    const { value, gradient } = analytic(params);
    return { value: -value, gradient: gradient.map((g, i) => -g * params[i]!) };
  };
}
