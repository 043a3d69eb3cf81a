/**
 * Guards and edge cases (issue 3): typed results instead of throws or nonsense numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbd,
  bindPurchaseModel,
  chooseModel,
  collapseHistories,
  conditionalExpectedAverageSpend,
  continuousDiscountRate,
  expectedAverageSpend,
  fitByName,
  fitGammaGamma,
  mbgNbd,
  paretoNbd,
  predictCustomers,
  toCustomerColumns,
  type CustomerHistory,
} from '../../functions/clv/index.ts';
import { addGammaGammaSpend, simulateBgNbd } from './simulate.ts';

const models = [bgNbd, mbgNbd, paretoNbd] as const;

describe('collapseHistories', () => {
  it('counts identical (x, tx, T) and keeps first-seen order', () => {
    const h = collapseHistories([
      { x: 0, tx: 0, T: 5 },
      { x: 1, tx: 2, T: 5 },
      { x: 0, tx: 0, T: 5 },
      { x: 1, tx: 2, T: 6 },
    ]);
    expect(h).toEqual([
      { x: 0, tx: 0, T: 5, weight: 2 },
      { x: 1, tx: 2, T: 5, weight: 1 },
      { x: 1, tx: 2, T: 6, weight: 1 },
    ]);
  });

  it('gives the same fit as unweighted rows (weights are likelihood multipliers)', () => {
    const customers = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 400, minT: 10, maxT: 12, resolution: 1 }, 3);
    const collapsed = collapseHistories(customers);
    expect(collapsed.length).toBeLessThan(customers.length);
    const p = { r: 0.3, alpha: 5, a: 0.9, b: 2 };
    const unweighted = customers.map((c) => ({ x: c.x, tx: c.tx, T: c.T, weight: 1 }));
    expect(bgNbd.logLikelihood(p, collapsed)).toBeCloseTo(bgNbd.logLikelihood(p, unweighted), 9);
  });
});

describe('fits refuse data they cannot estimate, with a typed result', () => {
  it('everybody a one-time buyer: too-few-repeat-buyers, even when the minimum is set to 0', () => {
    const histories = [{ x: 0, tx: 0, T: 30, weight: 500 }];
    for (const model of models) {
      for (const minRepeatBuyers of [undefined, 0]) {
        const fit = model.fit(histories, minRepeatBuyers === undefined ? {} : { minRepeatBuyers });
        expect(fit.ok).toBe(false);
        if (!fit.ok) {
          expect(fit.reason).toBe('too-few-repeat-buyers');
          expect(fit.message).toMatch(/only 0 of 500 customers made a repeat purchase/);
        }
      }
    }
    const spend = fitGammaGamma([{ x: 0, tx: 0, T: 30 }]);
    expect(spend.ok).toBe(false);
    if (!spend.ok) expect(spend.reason).toBe('too-few-repeat-buyers');
  });

  it('a single customer: too few by default; forced, the runaway maximum is reported, not used', () => {
    const histories = [{ x: 3, tx: 20, T: 30, weight: 1 }];
    for (const model of models) {
      const byDefault = model.fit(histories);
      expect(byDefault.ok).toBe(false);
      if (!byDefault.ok) expect(byDefault.reason).toBe('too-few-repeat-buyers');
      const forced = model.fit(histories, { minRepeatBuyers: 1 });
      expect(forced.ok).toBe(false);
      if (!forced.ok) {
        expect(forced.reason).toBe('not-converged');
        expect(forced.message).toMatch(/no finite maximum/);
        expect(forced.diagnostics?.converged).toBe(false);
        expect(forced.bestParams).toBeDefined();
      }
    }
  });

  it('no customers, or an impossible history: invalid-input naming the problem', () => {
    expect(bgNbd.fit([])).toMatchObject({ ok: false, reason: 'invalid-input' });
    const bad = bgNbd.fit([{ x: 1, tx: 40, T: 30, weight: 1 }]);
    expect(bad).toMatchObject({ ok: false, reason: 'invalid-input' });
    if (!bad.ok) expect(bad.message).toMatch(/history 0: tx \(40\) is greater than T \(30\)/);
  });

  it('an exhausted iteration budget is reported with diagnostics, never used', () => {
    const customers = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, minT: 26, maxT: 52 }, 5);
    const fit = fitByName('bgnbd', collapseHistories(customers), { maxIterations: 2 });
    expect(fit.ok).toBe(false);
    if (!fit.ok) {
      expect(fit.reason).toBe('not-converged');
      expect(fit.diagnostics?.gradientNorm).toBeGreaterThan(1e-7);
      expect(fit.diagnostics?.iterations).toBeGreaterThan(0);
      expect(Number.isFinite(fit.diagnostics?.logLikelihood)).toBe(true);
      expect(fit.message).toMatch(/did not converge/);
    }
  });
});

describe('enormous frequencies', () => {
  it('keep likelihoods, P(alive), expectations and DERT finite and ordered for x = 10,000', () => {
    const c = { x: 10_000, tx: 99.9, T: 100 };
    const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const pnbd = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    const checks = [
      [bgNbd.logLikelihood(bg, [{ ...c, weight: 1 }]), bgNbd.pAlive(bg, c), bgNbd.conditionalExpectedPurchases(bg, 52, c), bgNbd.discountedExpectedTransactions(bg, c, { discountPerUnit: 0.0027 })],
      [mbgNbd.logLikelihood(bg, [{ ...c, weight: 1 }]), mbgNbd.pAlive(bg, c), mbgNbd.conditionalExpectedPurchases(bg, 52, c), mbgNbd.discountedExpectedTransactions(bg, c, { discountPerUnit: 0.0027 })],
      [paretoNbd.logLikelihood(pnbd, [{ ...c, weight: 1 }]), paretoNbd.pAlive(pnbd, c), paretoNbd.conditionalExpectedPurchases(pnbd, 52, c), paretoNbd.discountedExpectedTransactions(pnbd, c, { discountPerUnit: 0.0027 })],
    ];
    for (const [ll, alive, expected, dert] of checks) {
      expect(Number.isFinite(ll)).toBe(true);
      expect(alive).toBeGreaterThan(0);
      expect(alive).toBeLessThanOrEqual(1);
      // About 100 purchases a week while alive: tens of thousands over the horizon and lifetime.
      expect(expected! / alive!).toBeGreaterThan(1000);
      expect(dert!).toBeGreaterThan(expected!);
      expect(Number.isFinite(dert)).toBe(true);
    }
  });
});

describe('Gamma-Gamma guards', () => {
  const customers = (q: number): (CustomerHistory & { monetary: number })[] =>
    addGammaGammaSpend(simulateBgNbd({ r: 0.5, alpha: 2, a: 0.8, b: 2.5 }, { customers: 6000, minT: 26, maxT: 52 }, 11), { p: 4, q, v: 10 }, 12);

  it('fits only repeat buyers with positive spend, and counts the rest', () => {
    const data = [
      ...customers(3.7),
      { x: 2, tx: 3, T: 30, monetary: 0 },
      { x: 1, tx: 3, T: 30, monetary: -12 },
      { x: 3, tx: 5, T: 30 },
    ];
    const fit = fitGammaGamma(data);
    if (!fit.ok) throw new Error(fit.message);
    const oneTime = data.filter((c) => c.x === 0).length;
    expect(fit.excluded).toEqual({ oneTimeBuyers: oneTime, nonPositiveSpend: 3 });
    expect(fit.customers).toBe(data.length - oneTime - 3);
    expect(fit.qAtMostOne).toBe(false);
    // Customers without usable spend get the population mean p v / (q - 1).
    const population = (fit.params.p * fit.params.v) / (fit.params.q - 1);
    expect(expectedAverageSpend(fit, { x: 2, tx: 3, T: 30, monetary: 0 })).toBeCloseTo(population, 10);
    expect(expectedAverageSpend(fit, { x: 0, tx: 0, T: 30 })).toBeCloseTo(population, 10);
  });

  it('q <= 1: reported, and expected spend falls back to observed means instead of going negative', () => {
    const fit = fitGammaGamma(customers(0.7));
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.params.q).toBeLessThanOrEqual(1);
    expect(fit.qAtMostOne).toBe(true);
    expect(fit.warnings.join(' ')).toMatch(/q = 0\.\d+ <= 1/);
    // Without the guard the formula gives a negative population mean:
    expect(conditionalExpectedAverageSpend(fit.params, 0, 0)).toBeLessThan(0);
    expect(expectedAverageSpend(fit, { x: 0, tx: 0, T: 30 })).toBe(fit.observedMeanSpend);
    expect(expectedAverageSpend(fit, { x: 3, tx: 20, T: 30, monetary: 42 })).toBe(42);
    expect(fit.observedMeanSpend).toBeGreaterThan(0);
  });
});

describe('discounting and CLV', () => {
  it('converts an annual rate to a continuous rate per unit (15 % weekly = 0.0026877, BTYD example)', () => {
    expect(continuousDiscountRate(0.15, 52)).toBeCloseTo(0.0026877, 7);
    expect(() => continuousDiscountRate(-1, 52)).toThrow(RangeError);
  });

  it('batch predictions equal per-customer calls, and CLV = margin x spend x DERT', () => {
    const customers = addGammaGammaSpend(
      simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 3000, minT: 20, maxT: 30, resolution: 1 }, 21),
      { p: 6, q: 3.7, v: 15 },
      22,
    );
    const spendFit = fitGammaGamma(customers);
    if (!spendFit.ok) throw new Error(spendFit.message);
    const fitted = bindPurchaseModel(bgNbd, { r: 0.25, alpha: 4, a: 0.8, b: 2.5 });
    const discount = { discountPerUnit: continuousDiscountRate(0.1, 52), horizon: 104 };
    const out = predictCustomers(fitted, spendFit, toCustomerColumns(customers), { horizon: 52, discount, margin: 0.3 });
    customers.slice(0, 200).forEach((c, i) => {
      const dert = fitted.discountedExpectedTransactions(c, discount);
      const spend = expectedAverageSpend(spendFit, c);
      expect(out.pAlive[i]).toBeCloseTo(fitted.pAlive(c), 14);
      expect(out.expectedPurchases[i]).toBeCloseTo(fitted.conditionalExpectedPurchases(52, c), 12);
      expect(out.discountedExpectedTransactions[i]).toBeCloseTo(dert, 12);
      expect(out.expectedRevenue[i]).toBeCloseTo(out.expectedPurchases[i]! * spend, 10);
      expect(out.clv[i]).toBeCloseTo(0.3 * spend * dert, 10);
    });
  });
});

describe('model choice', () => {
  const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
  const holdout = simulateBgNbd(truth, { customers: 20_000, minT: 26, maxT: 52, holdout: 39 }, 31);

  it('auto picks the model with the lowest holdout error: the true parameters beat wrong ones', () => {
    const right = bindPurchaseModel(bgNbd, truth);
    const wrong = bindPurchaseModel(paretoNbd, { r: 0.5, alpha: 4, s: 0.6, beta: 11 });
    const selection = chooseModel([wrong, right], holdout, 39, 'auto');
    expect(selection.ok).toBe(true);
    if (!selection.ok) return;
    expect(selection.chosen.name).toBe('bgnbd');
    expect(selection.reason).toMatch(/^auto: bgnbd has the lowest holdout RMSE/);
    const [wrongCheck, rightCheck] = selection.checks;
    expect(rightCheck!.rmsePerCustomer).toBeLessThan(wrongCheck!.rmsePerCustomer);
    // With the true parameters the predicted total is within sampling error of the actual total:
    // 4 standard deviations of a sum of independent customers (the marginal variance bounds the conditional one).
    const counts = holdout.map((c) => c.holdoutPurchases);
    const mean = counts.reduce((s, v) => s + v, 0) / counts.length;
    const variance = counts.reduce((s, v) => s + (v - mean) ** 2, 0) / (counts.length - 1);
    expect(Math.abs(rightCheck!.totalPredicted - rightCheck!.totalActual)).toBeLessThan(4 * Math.sqrt(counts.length * variance));
    expect(rightCheck!.byFrequency.map((g) => g.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
  });

  it('a configured model is used as is; a configured model without a fit is a typed failure', () => {
    const right = bindPurchaseModel(bgNbd, truth);
    const configured = chooseModel([right], holdout, 39, 'bgnbd');
    expect(configured.ok && configured.reason).toBe('bgnbd: the configured model.');
    const missing = chooseModel([right], holdout, 39, 'pareto-nbd');
    expect(missing).toMatchObject({ ok: false, message: 'The configured model pareto-nbd has no usable fit.' });
  });
});
