/**
 * The fitting procedure shared by the purchase models: validate the histories, refuse data with
 * too few repeat buyers, rescale time so alpha and beta start near 1, maximise the likelihood on
 * log-parameters, and report the outcome in the data's own units.
 */
import type { WeightedHistory } from './CustomerHistory.ts';
import type { FitOptions, FitResult } from './FitResult.ts';
import { fitDiagnostics, maximizeLikelihood } from './maximizeLikelihood.ts';
import { firstInvalidHistory, prepareHistories, type PreparedHistories } from './PreparedHistories.ts';
import type { ModelParams } from './PurchaseModel.ts';

export interface PurchaseFitSpec<P extends ModelParams> {
  /** Name shown in messages, e.g. "BG/NBD". */
  readonly label: string;
  readonly parameterNames: readonly (keyof P & string)[];
  /** Parameters measured in time units (alpha, beta): multiplied back by the time scale. */
  readonly timeParameters: readonly (keyof P & string)[];
  /** Starting points, in time units of the longest T. */
  readonly starts: readonly (readonly number[])[];
  readonly meanLogLikelihood: (data: PreparedHistories, params: readonly number[]) => number;
  readonly meanLogLikelihoodWithGradient?: (
    data: PreparedHistories,
    params: readonly number[],
  ) => { value: number; gradient: number[] };
  /** Total log-likelihood in the histories' own time unit (reported with the fit). */
  readonly logLikelihood: (params: P, histories: readonly WeightedHistory[]) => number;
}

const DEFAULT_MIN_REPEAT_BUYERS = 10;

/**
 * Fits a purchase model by maximum likelihood.
 *
 * @example
 * ```ts
 * // Each model file passes its own spec (likelihood, starting points, time parameters):
 * const fit = (histories: readonly WeightedHistory[]) => fitPurchaseModel(fitSpec, histories, {});
 * ```
 */
export function fitPurchaseModel<P extends ModelParams>(
  spec: PurchaseFitSpec<P>,
  histories: readonly WeightedHistory[],
  options: FitOptions = {},
): FitResult<P> {
  if (histories.length === 0) {
    return { ok: false, reason: 'invalid-input', message: `${spec.label}: there are no customers to fit.` };
  }
  const invalid = firstInvalidHistory(histories);
  if (invalid !== undefined) {
    return { ok: false, reason: 'invalid-input', message: `${spec.label}: invalid customer history (${invalid}).` };
  }
  const timeScale = histories.reduce((m, h) => Math.max(m, h.T), 0);
  const data = prepareHistories(histories, timeScale > 0 ? timeScale : 1);
  // Without a single repeat purchase the dropout process is not identified, whatever the option says.
  const minimum = Math.max(1, options.minRepeatBuyers ?? DEFAULT_MIN_REPEAT_BUYERS);
  if (data.repeatWeight < minimum) {
    return {
      ok: false,
      reason: 'too-few-repeat-buyers',
      message:
        `${spec.label}: only ${data.repeatWeight} of ${data.totalWeight} customers made a repeat purchase; ` +
        `at least ${minimum} are needed to estimate purchase and dropout rates. ` +
        'Use a longer calibration period or more customers.',
    };
  }
  if (!(timeScale > 0)) {
    return { ok: false, reason: 'invalid-input', message: `${spec.label}: every customer has T = 0 (no observation time).` };
  }
  const withGradient = spec.meanLogLikelihoodWithGradient;
  const maximum = maximizeLikelihood(
    {
      parameterNames: spec.parameterNames,
      starts: spec.starts,
      meanLogLikelihood: (params) => spec.meanLogLikelihood(data, params),
      ...(withGradient ? { meanLogLikelihoodWithGradient: (params: readonly number[]) => withGradient(data, params) } : {}),
    },
    options,
  );
  const params = toParams(spec, maximum.params, timeScale);
  const logLikelihood = spec.logLikelihood(params, histories);
  const diagnostics = fitDiagnostics(maximum, logLikelihood);
  if (!maximum.converged) {
    return {
      ok: false,
      reason: 'not-converged',
      message:
        `${spec.label} did not converge (${maximum.message}; gradient norm ${maximum.gradientNorm.toExponential(2)} ` +
        `after ${maximum.iterations} iterations from ${maximum.starts} starting points). Its parameters are not used.`,
      diagnostics,
      bestParams: params,
    };
  }
  return {
    ok: true,
    params,
    logLikelihood,
    customers: data.totalWeight,
    repeatBuyers: data.repeatWeight,
    diagnostics,
    warnings: [],
  };
}

function toParams<P extends ModelParams>(spec: PurchaseFitSpec<P>, values: readonly number[], timeScale: number): P {
  const entries = spec.parameterNames.map((name, i) => {
    const value = values[i]!;
    return [name, spec.timeParameters.includes(name) ? value * timeScale : value] as const;
  });
  return Object.fromEntries(entries) as P;
}
