import {
  chooseModel,
  continuousDiscountRate,
  expectedAverageSpend,
  fitByName,
  fitGammaGamma,
  memoizeByXT,
  type CustomerHistory,
  type FittedPurchaseModel,
  type GammaGammaFit,
  type HoldoutCheck,
  type WeightedHistory,
} from '../clv/index.ts';
import type { Config } from '../config/configSchema.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import { loadSql } from '../query-engine/sqlCatalog.ts';
import { renderSql } from '../query-engine/sqlTemplate.ts';
import type { CustomerValue } from './CustomerValue.ts';

type ClvConfig = Config['clv'];
type ModelName = 'bgnbd' | 'mbgnbd' | 'pareto-nbd';

/** What the CLV step reports to the CLV tab and `run.json`. */
export type CustomerValueModel =
  | {
      readonly status: 'fitted';
      readonly model: ModelName;
      readonly choiceReason: string;
      readonly params: Readonly<Record<string, number>>;
      readonly logLikelihood: number;
      readonly converged: true;
      readonly diagnostics: Readonly<Record<string, unknown>>;
      readonly spend: { readonly params: Readonly<Record<string, number>>; readonly qAtMostOne: boolean; readonly frequencySpendCorrelation: number; readonly repeatBuyers: number; readonly warnings: readonly string[] };
      readonly holdout?: { readonly length: number; readonly checks: readonly HoldoutCheck[]; readonly chosen: HoldoutCheck };
      readonly assumptions: ClvConfig & { readonly discountPerUnit: number };
      /** Predictions for one customer of the full-period histories. */
      readonly predict: (history: CustomerHistory) => CustomerValue;
    }
  | { readonly status: 'unavailable'; readonly reason: string; readonly diagnostics?: Readonly<Record<string, unknown>> };

const MODELS: readonly ModelName[] = ['bgnbd', 'mbgnbd', 'pareto-nbd'];

/**
 * Fits the CLV models on the customer histories the engine prepared from `orders`
 * (`sql/clv_histories.sql`): the purchase model — the configured one, or under `auto` the one
 * with the lowest holdout error — and Gamma-Gamma for spend. With a holdout, candidates are fitted
 * on the calibration period and checked against the holdout purchases; the chosen model is then
 * refitted on the whole history for the predictions. Never throws for data reasons: too few
 * repeat buyers or a fit that does not converge comes back as `unavailable` with the reason.
 */
export async function fitCustomerValue(engine: QueryEngine, clv: ClvConfig, asOf: string): Promise<CustomerValueModel> {
  const unitDays = clv.timeUnit === 'week' ? 7 : 1;
  await engine.materialize('clv_histories', histories(asOf, unitDays));
  let choice: { model: ModelName; reason: string; holdout?: { length: number; checks: readonly HoldoutCheck[]; chosen: HoldoutCheck } } = {
    model: clv.model === 'auto' ? 'bgnbd' : clv.model,
    reason: clv.model === 'auto' ? 'auto without a holdout: bgnbd, the default.' : `${clv.model}: the configured model.`,
  };
  if (clv.holdout > 0) {
    const calibrationEnd = addDays(asOf, -clv.holdout * unitDays);
    await engine.materialize('clv_calibration', histories(calibrationEnd, unitDays));
    await engine.materialize('clv_holdout', renderSql(loadSql('clv_holdout'), { calibration_end: { date: calibrationEnd }, holdout_end: { date: asOf } }));
    const candidates: FittedPurchaseModel[] = [];
    const weighted = await weightedHistories(engine, 'clv_calibration');
    for (const name of clv.model === 'auto' ? MODELS : [clv.model]) {
      const fit = fitByName(name, weighted, { minRepeatBuyers: clv.minRepeatBuyers });
      if (fit.ok) candidates.push(fit.fitted);
    }
    // One row per distinct (history, holdout purchases) with its customer count, in a fixed order.
    const customers = (await engine.query(
      'SELECT h.x, h.t_x, h.t_cal, coalesce(o.holdout_purchases, 0) AS holdout_purchases, count(*) AS weight ' +
        'FROM clv_calibration AS h LEFT JOIN clv_holdout AS o ON o.customer_id = h.customer_id ' +
        'GROUP BY h.x, h.t_x, h.t_cal, coalesce(o.holdout_purchases, 0) ORDER BY 1, 2, 3, 4',
    )).map((r) => ({ x: Number(r['x']), tx: Number(r['t_x']), T: Number(r['t_cal']), holdoutPurchases: Number(r['holdout_purchases']), weight: Number(r['weight']) }));
    await engine.drop('clv_calibration');
    await engine.drop('clv_holdout');
    const selection = chooseModel(candidates, customers, clv.holdout, clv.model);
    if (selection.ok) {
      const chosen = selection.checks.find((c) => c.model === selection.chosen.name) as HoldoutCheck;
      choice = { model: selection.chosen.name as ModelName, reason: selection.reason, holdout: { length: clv.holdout, checks: selection.checks, chosen } };
    }
  }
  const purchase = fitByName(choice.model, await weightedHistories(engine, 'clv_histories'), { minRepeatBuyers: clv.minRepeatBuyers });
  if (!purchase.ok) return { status: 'unavailable', reason: purchase.message, ...(purchase.diagnostics ? { diagnostics: { ...purchase.diagnostics } } : {}) };
  const spend = fitGammaGamma(await repeatBuyers(engine), { minRepeatBuyers: clv.minRepeatBuyers });
  if (!spend.ok) return { status: 'unavailable', reason: `spend model: ${spend.message}` };

  const discountPerUnit = continuousDiscountRate(clv.annualDiscountRate, clv.timeUnit === 'week' ? 365.25 / 7 : 365.25);
  const model = purchase.fitted;
  const discount = clv.lifetime ? { discountPerUnit } : { discountPerUnit, horizon: clv.horizon };
  // Both factors depend on (x, T) only: computed once per distinct pair across all customers.
  const factors = memoizeByXT((x, T) => ({
    purchases: model.expectedPurchasesIfAlive(clv.horizon, x, T),
    discounted: model.discountedTransactionsIfAlive(x, T, discount),
  }));
  const predict = (h: CustomerHistory): CustomerValue => {
    const pAlive = model.pAlive(h);
    const f = factors(h.x, h.T);
    const spendPerPurchase = expectedAverageSpend(spend as GammaGammaFit, h);
    const expectedPurchases = pAlive * f.purchases;
    return {
      pAlive,
      expectedPurchases,
      expectedAverageSpend: spendPerPurchase,
      expectedRevenue: expectedPurchases * spendPerPurchase,
      clv: clv.margin * spendPerPurchase * pAlive * f.discounted,
    };
  };
  return {
    status: 'fitted',
    model: choice.model,
    choiceReason: choice.reason,
    params: { ...model.params },
    logLikelihood: purchase.logLikelihood,
    converged: true,
    diagnostics: { ...purchase.diagnostics },
    spend: {
      params: { ...spend.params },
      qAtMostOne: spend.qAtMostOne,
      frequencySpendCorrelation: spend.frequencySpendCorrelation,
      repeatBuyers: spend.repeatBuyers,
      warnings: [...spend.warnings],
    },
    ...(choice.holdout ? { holdout: choice.holdout } : {}),
    assumptions: { ...clv, discountPerUnit },
    predict,
  };
}

function histories(endDate: string, unitDays: number): string {
  return renderSql(loadSql('clv_histories'), { end_date: { date: endDate }, unit_days: { number: unitDays } });
}

/** Unique (x, t_x, T) histories with their counts, aggregated by the engine (in a fixed order, so
 * the fit sums in the same order every run and gives the same bits). */
async function weightedHistories(engine: QueryEngine, relation: string): Promise<WeightedHistory[]> {
  const rows = await engine.query(`SELECT x, t_x, t_cal, count(*) AS weight FROM ${relation} GROUP BY x, t_x, t_cal ORDER BY x, t_x, t_cal`);
  return rows.map((r) => ({ x: Number(r['x']), tx: Number(r['t_x']), T: Number(r['t_cal']), weight: Number(r['weight']) }));
}

async function repeatBuyers(engine: QueryEngine): Promise<CustomerHistory[]> {
  const rows = await engine.query('SELECT x, t_x, t_cal, monetary FROM clv_histories WHERE x > 0 ORDER BY customer_id');
  return rows.map((r) => ({ x: Number(r['x']), tx: Number(r['t_x']), T: Number(r['t_cal']), monetary: Number(r['monetary']) }));
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

