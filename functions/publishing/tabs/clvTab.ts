import type { CustomerValueModel } from '../../customer-value/fitCustomerValue.ts';
import type { ScoredCustomer } from '../../customers/ScoredCustomer.ts';
import type { SegmentTotals } from '../../segment-stats/SegmentStats.ts';
import type { CellValue, ChartSpec, SheetTab, TableBlock } from '../SheetModel.ts';

const MODEL_NAMES: Record<string, string> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', 'pareto-nbd': 'Pareto/NBD' };

/**
 * The CLV tab for finance: totals and averages per segment, the top customers by CLV, the
 * assumptions, the fitted parameters with log-likelihood, and the holdout check (predicted vs
 * actual repeat purchases, by calibration frequency) with a chart of it. When the models could
 * not be fitted it says why instead of showing numbers.
 */
export function buildClvTab(value: CustomerValueModel, segments: readonly SegmentTotals[], top: readonly ScoredCustomer[]): SheetTab {
  if (value.status === 'unavailable') {
    return { name: 'CLV', role: 'clv', notes: [`CLV is not available this run: ${value.reason}`], blocks: [] };
  }
  const a = value.assumptions;
  const unit = a.timeUnit === 'week' ? 'weeks' : 'days';
  const horizonText = `${a.horizon} ${unit}`;
  const bySegment: TableBlock = {
    title: 'By segment',
    colourBy: 'segment',
    columns: [
      { key: 'segment', header: 'Segment', type: 'text', width: 22 },
      { key: 'customers', header: 'Customers', type: 'integer' },
      { key: 'expected_purchases', header: `Expected purchases (${horizonText})`, type: 'number', width: 14 },
      { key: 'expected_revenue', header: `Expected revenue (${horizonText})`, type: 'currency', width: 16 },
      { key: 'clv_total', header: 'Total CLV', type: 'currency', width: 16, note: 'Margin x expected spend x discounted expected purchases.' },
      { key: 'clv_mean', header: 'Mean CLV', type: 'currency', width: 12 },
      { key: 'p_alive_mean', header: 'Mean P(alive)', type: 'percent', width: 10, note: 'Probability the customer is still active.' },
    ],
    rows: segments.filter((s) => s.valued > 0).map((s) => [
      s.segment, s.customers, round(s.expectedPurchases, 1), round(s.expectedRevenue, 2), round(s.clv, 2),
      round(s.clv / s.valued, 2), s.pAliveSum / s.valued,
    ]),
  };
  const topBlock: TableBlock = {
    title: 'Top customers by CLV',
    columns: [
      { key: 'customer_id', header: 'Customer', type: 'text', width: 16 },
      { key: 'email', header: 'Email', type: 'text', width: 28 },
      { key: 'segment', header: 'Segment', type: 'text', width: 20 },
      { key: 'p_alive', header: 'P(alive)', type: 'percent' },
      { key: 'expected_purchases', header: 'Expected purchases', type: 'number' },
      { key: 'expected_revenue', header: 'Expected revenue', type: 'currency' },
      { key: 'clv', header: 'CLV', type: 'currency' },
    ],
    rows: top.map((c) => [c.customerId, c.email, c.segment, c.value?.pAlive ?? null, round(c.value?.expectedPurchases ?? 0, 2),
      round(c.value?.expectedRevenue ?? 0, 2), round(c.value?.clv ?? 0, 2)]),
  };
  const assumptions = keyValueBlock('Assumptions', [
    ['Purchase model', `${MODEL_NAMES[value.model] ?? value.model} with Gamma-Gamma spend`],
    ['Why this model', value.choiceReason],
    ['Time unit', unit],
    ['Horizon', horizonText],
    ['CLV over', a.lifetime ? 'the customer lifetime' : horizonText],
    ['Annual discount rate', `${(a.annualDiscountRate * 100).toFixed(1)}% (continuous ${a.discountPerUnit.toFixed(5)} per ${a.timeUnit})`],
    ['Margin', `${(a.margin * 100).toFixed(0)}%`],
  ]);
  const fit = keyValueBlock('Model fit', [
    ...Object.entries(value.params).map(([k, v]): [string, CellValue] => [k, round(v, 4)]),
    ['log-likelihood', round(value.logLikelihood, 2)],
    ['converged', 'yes'],
    ...Object.entries(value.spend.params).map(([k, v]): [string, CellValue] => [`spend ${k}`, round(v, 4)]),
    ['repeat buyers (spend model)', value.spend.repeatBuyers],
    ['frequency-spend correlation', round(value.spend.frequencySpendCorrelation, 3)],
    ...value.spend.warnings.map((w): [string, CellValue] => ['warning', w]),
  ]);
  const blocks: TableBlock[] = [bySegment, topBlock, assumptions, fit];
  const charts: ChartSpec[] = [];
  const notes = [
    `Customer lifetime value as of the analysis date: ${MODEL_NAMES[value.model] ?? value.model}, horizon ${horizonText}.`,
  ];
  if (value.holdout) {
    const chosen = value.holdout.chosen;
    blocks.push({
      title: `Holdout check: last ${value.holdout.length} ${unit} predicted vs actual`,
      columns: [
        { key: 'frequency', header: 'Repeat purchases in calibration', type: 'text', width: 14 },
        { key: 'customers', header: 'Customers', type: 'integer' },
        { key: 'predicted', header: 'Predicted (mean)', type: 'number' },
        { key: 'actual', header: 'Actual (mean)', type: 'number' },
      ],
      rows: [
        ...chosen.byFrequency.map((g) => [g.frequency, g.customers, round(g.predictedMean, 3), round(g.actualMean, 3)]),
        ['total', chosen.customers, round(chosen.totalPredicted, 1), chosen.totalActual],
      ],
    });
    charts.push({ title: 'Holdout: predicted vs actual repeat purchases', kind: 'column', block: blocks.length - 1, categoryKey: 'frequency', seriesKeys: ['predicted', 'actual'] });
    const others = value.holdout.checks.map((c) => `${MODEL_NAMES[c.model] ?? c.model} RMSE ${c.rmsePerCustomer.toFixed(4)}`).join(', ');
    notes.push(
      `Holdout: predicted ${chosen.totalPredicted.toFixed(0)} vs actual ${chosen.totalActual} repeat purchases ` +
        `(${pct(chosen.totalPredicted, chosen.totalActual)}), mean absolute error by frequency ${chosen.groupMeanAbsoluteError.toFixed(3)}; ${others}.`,
    );
  }
  return { name: 'CLV', role: 'clv', notes, blocks, charts };
}

function keyValueBlock(title: string, rows: readonly (readonly [string, CellValue])[]): TableBlock {
  return {
    title,
    columns: [
      { key: 'item', header: 'Item', type: 'text', width: 30 },
      { key: 'value', header: 'Value', type: 'text', width: 60 },
    ],
    rows: rows.map(([k, v]) => [k, v]),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function pct(predicted: number, actual: number): string {
  if (actual === 0) return 'no actual purchases';
  const d = ((predicted - actual) / actual) * 100;
  return `${d >= 0 ? '+' : ''}${d.toFixed(1)}%`;
}
