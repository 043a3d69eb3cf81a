/**
 * Parameter recovery on simulated customers with known parameters (no shared data). Tolerance:
 * 4 asymptotic standard errors of log(parameter), from the observed information at the estimate,
 * so it follows from the sample size (20,000 customers) instead of being picked by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbd,
  collapseHistories,
  collapseSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  mbgNbd,
  paretoNbd,
  type ModelParams,
  type PurchaseModel,
} from '../../functions/clv/index.ts';
import { addGammaGammaSpend, simulateBgNbd, simulateParetoNbd, type SimulatedCustomer } from './simulate.ts';
import { logParameterStandardErrors } from './standardErrors.ts';

const settings = { customers: 20_000, minT: 26, maxT: 52 };
const Z = 4;

function expectRecovered<P extends ModelParams>(model: PurchaseModel<P>, truth: P, customers: readonly SimulatedCustomer[]): void {
  const histories = collapseHistories(customers);
  const fit = model.fit(histories);
  if (!fit.ok) throw new Error(fit.message);
  expect(fit.diagnostics.converged).toBe(true);
  const names = model.parameterNames;
  const estimate: number[] = names.map((n) => fit.params[n] as number);
  const errors = logParameterStandardErrors(
    (values) => model.logLikelihood(Object.fromEntries(names.map((n, i) => [n, values[i]!])) as P, histories),
    estimate,
  );
  names.forEach((name, i) => {
    const z = (Math.log(estimate[i]!) - Math.log(truth[name] as number)) / errors[i]!;
    expect(Math.abs(z), `${name}: estimate ${estimate[i]} vs truth ${truth[name]} (se of log ${errors[i]})`).toBeLessThan(Z);
    // Standard errors should be those of a 20,000-customer sample, not a degenerate fit.
    expect(errors[i]).toBeLessThan(0.25);
  });
}

describe('parameter recovery from simulated customers', () => {
  it('BG/NBD', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    expectRecovered(bgNbd, truth, simulateBgNbd(truth, settings, 42));
  });

  it('MBG/NBD', () => {
    const truth = { r: 0.5, alpha: 6, a: 0.9, b: 1.6 };
    expectRecovered(mbgNbd, truth, simulateBgNbd(truth, settings, 43, true));
  });

  it('Pareto/NBD', () => {
    const truth = { r: 0.55, alpha: 10.5, s: 0.6, beta: 11.7 };
    expectRecovered(paretoNbd, truth, simulateParetoNbd(truth, settings, 44));
  });

  it('Gamma-Gamma, and a near-zero frequency-spend correlation (independence holds by construction)', () => {
    const truth = { p: 6, q: 3.7, v: 15 };
    const customers = addGammaGammaSpend(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, settings, 45), truth, 46);
    const fit = fitGammaGamma(customers);
    if (!fit.ok) throw new Error(fit.message);
    const { spend } = collapseSpend(customers);
    const estimate = [fit.params.p, fit.params.q, fit.params.v];
    const errors = logParameterStandardErrors((v) => gammaGammaLogLikelihood({ p: v[0]!, q: v[1]!, v: v[2]! }, spend), estimate);
    [truth.p, truth.q, truth.v].forEach((t, i) => {
      expect(Math.abs(Math.log(estimate[i]!) - Math.log(t)) / errors[i]!).toBeLessThan(Z);
    });
    // The sample correlation of independent variables has standard error ~ 1 / sqrt(n).
    expect(Math.abs(fit.frequencySpendCorrelation)).toBeLessThan(Z / Math.sqrt(fit.customers));
  });
});
