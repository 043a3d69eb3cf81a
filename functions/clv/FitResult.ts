/**
 * Outcome of a model fit. A fit either succeeded (converged, parameters usable) or failed with a
 * typed reason and a message meant for people; a non-converged fit is never presented as usable.
 */

/** What the optimiser did, reported with every fit (and with failures when it ran). */
export interface FitDiagnostics {
  readonly converged: boolean;
  /** BFGS iterations over all runs (starts and confirming refits). */
  readonly iterations: number;
  /** Objective evaluations over all runs. */
  readonly evaluations: number;
  /** Largest |d(mean log-likelihood)/d(log parameter)| at the reported point. */
  readonly gradientNorm: number;
  /** Total log-likelihood at the reported point, in the data's own units. */
  readonly logLikelihood: number;
  /** Starting points tried. */
  readonly starts: number;
  readonly message: string;
}

export type FitFailureReason = 'invalid-input' | 'too-few-repeat-buyers' | 'not-converged';

export interface FitSuccess<P> {
  readonly ok: true;
  readonly params: P;
  readonly logLikelihood: number;
  /** Customers (total weight) the model was fitted on. */
  readonly customers: number;
  /** Of those, customers with at least one repeat purchase. */
  readonly repeatBuyers: number;
  readonly diagnostics: FitDiagnostics;
  /** Things a reader of the results should know (e.g. Gamma-Gamma q <= 1). */
  readonly warnings: readonly string[];
}

export interface FitFailure<P> {
  readonly ok: false;
  readonly reason: FitFailureReason;
  /** One or two sentences saying what is wrong and what to do. */
  readonly message: string;
  readonly diagnostics?: FitDiagnostics;
  /** Best point found when the optimiser did not converge: for diagnosis only. */
  readonly bestParams?: P;
}

export type FitResult<P> = FitSuccess<P> | FitFailure<P>;

/** Options shared by all fits. */
export interface FitOptions {
  /** Fewer customers with repeat purchases than this gives a 'too-few-repeat-buyers' failure (default 10). */
  readonly minRepeatBuyers?: number;
  /** BFGS iteration budget per run (default 500). */
  readonly maxIterations?: number;
  /** Convergence threshold on the gradient of the mean log-likelihood in log-parameters (default 1e-7). */
  readonly gradientTolerance?: number;
}
