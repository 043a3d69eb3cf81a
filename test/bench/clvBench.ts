/**
 * CLV benchmark (issue 3 "Measured"): simulate customers from BG/NBD + Gamma-Gamma in whole days,
 * collapse, fit both models, and predict P(alive), expected purchases, expected spend, revenue and
 * lifetime CLV for every customer. Targets at one million customers: fit < 5 s, prediction < 2 s.
 *
 * Run alone with `node test/bench/clvBench.ts [customers]`; `npm run bench` calls benchClv.
 */
import { bgNbd, bindPurchaseModel, collapseHistories, continuousDiscountRate, fitGammaGamma, predictCustomers, toCustomerColumns } from '../../functions/clv/index.ts';
import { addGammaGammaSpend, simulateBgNbd } from '../clv/simulate.ts';

export interface ClvBenchResult {
  readonly customers: number;
  readonly uniqueHistories: number;
  readonly simulateMs: number;
  readonly collapseMs: number;
  readonly fitBgNbdMs: number;
  readonly fitGammaGammaMs: number;
  /** Collapse + both fits: the "fit" figure compared with the 5 s target. */
  readonly fitTotalMs: number;
  /** All per-customer predictions including lifetime CLV: compared with the 2 s target. */
  readonly predictMs: number;
  readonly bgNbd: { readonly converged: boolean; readonly params: Readonly<Record<string, number>> };
  readonly gammaGamma: { readonly converged: boolean; readonly params: Readonly<Record<string, number>> };
  readonly meanClv: number;
}

/** Daily-unit parameters: CDNOW's weekly BG/NBD with alpha x 7, and its Gamma-Gamma. */
const TRUTH = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
const SPEND = { p: 6.25, q: 3.74, v: 15.44 };

/**
 * Runs the benchmark and returns its timings (milliseconds).
 *
 * @example
 * ```ts
 * const result = benchClv(1_000_000);
 * console.log(result.fitTotalMs, result.predictMs);
 * ```
 */
export function benchClv(customers: number): ClvBenchResult {
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const elapsed = now - t;
    t = now;
    return elapsed;
  };
  const simulated = addGammaGammaSpend(simulateBgNbd(TRUTH, { customers, minT: 30, maxT: 730, resolution: 1 }, 2024), SPEND, 2025);
  const simulateMs = lap();
  const histories = collapseHistories(simulated);
  const collapseMs = lap();
  const purchaseFit = bgNbd.fit(histories);
  const fitBgNbdMs = lap();
  const spendFit = fitGammaGamma(simulated);
  const fitGammaGammaMs = lap();
  if (!purchaseFit.ok) throw new Error(purchaseFit.message);
  if (!spendFit.ok) throw new Error(spendFit.message);
  lap();
  const columns = toCustomerColumns(simulated);
  const predictions = predictCustomers(bindPurchaseModel(bgNbd, purchaseFit.params), spendFit, columns, {
    horizon: 365,
    discount: { discountPerUnit: continuousDiscountRate(0.1, 365) },
    margin: 0.3,
  });
  const predictMs = lap();
  let clvSum = 0;
  for (const value of predictions.clv) clvSum += value;
  return {
    customers,
    uniqueHistories: histories.length,
    simulateMs,
    collapseMs,
    fitBgNbdMs,
    fitGammaGammaMs,
    fitTotalMs: collapseMs + fitBgNbdMs + fitGammaGammaMs,
    predictMs,
    bgNbd: { converged: purchaseFit.diagnostics.converged, params: purchaseFit.params },
    gammaGamma: { converged: spendFit.diagnostics.converged, params: spendFit.params },
    meanClv: clvSum / customers,
  };
}

if (import.meta.main) {
  console.log(JSON.stringify(benchClv(Number(process.argv[2] ?? 1_000_000)), null, 2));
}
