import type { AudienceReport } from '../audiences/AudienceReport.ts';
import { benefitSegmentsBlock } from '../benefit-segments/benefitSegmentsBlock.ts';
import { fitCustomerValue, type CustomerValueModel } from '../customer-value/fitCustomerValue.ts';
import { CUSTOMER_BEHAVIOUR_COLUMNS, CUSTOMER_FILE_COLUMNS, roundMoney, CUSTOMER_VALUE_COLUMNS } from '../customers/ScoredCustomer.ts';
import { buildClvTab } from '../publishing/tabs/clvTab.ts';
import { buildMigrationTab, MIGRATION_TAB } from '../publishing/tabs/migrationTab.ts';
import { buildMovementsTab, MOVEMENTS_TAB } from '../publishing/tabs/movementsTab.ts';
import { sinceLastRunOf } from '../publishing/tabs/sinceLastRun.ts';
import { ingestCustomerAttributes } from '../ingestion/ingestCustomerAttributes.ts';
import { ingestOrders } from '../ingestion/ingestOrders.ts';
import type { SourceCounts } from '../ingestion/SourceCounts.ts';
import type { SheetModel, SheetTab } from '../publishing/SheetModel.ts';
import { buildProfilesTab } from '../publishing/tabs/profilesTab.ts';
import { buildRunLogTab } from '../publishing/tabs/runLogTab.ts';
import { buildSegmentTab } from '../publishing/tabs/segmentTab.ts';
import { buildSummaryTab } from '../publishing/tabs/summaryTab.ts';
import { tabName } from '../publishing/tabs/tabName.ts';
import { loadSql } from '../query-engine/sqlCatalog.ts';
import { renderSql } from '../query-engine/sqlTemplate.ts';
import { computeRfmCuts } from '../rfm/rfmCuts.ts';
import { segmentTableFor } from '../rfm/segmentTable.ts';
import type { SegmentRule } from '../config/configSchema.ts';
import { UserError } from '../runtime/UserError.ts';
import { historyOff, historyReport, type HistoryOutcome } from '../segment-history/HistoryOutcome.ts';
import { openSegmentHistory } from '../segment-history/openSegmentHistory.ts';
import type { SegmentHistory } from '../segment-history/SegmentHistory.ts';
import { alongside } from '../runtime/alongside.ts';
import type { JobContext } from './JobContext.ts';
import { prepareLeadPart, type LeadPart } from './runLeadPriorityJob.ts';
import { DERIVED_DIMENSIONS, ORDER_DIMENSIONS, scoreAllCustomers, type ScoredAll } from './scoreAllCustomers.ts';
import { StageTimer } from './stageTimer.ts';

export interface CustomerSegmentsOutcome {
  /** What `run.json` holds. */
  readonly runReport: Record<string, unknown>;
}

/**
 * The customer job: orders export → canonical orders → per-customer features → RFM scores and
 * named segments → `customers.csv`, the sheet model (Summary, one tab per segment, Profiles,
 * Run Log) published through the sink, and `run.json`. The same code runs from the CLI and
 * from the Lambda handler; only the adapters in `ctx` differ.
 *
 * Result files become visible only when everything succeeded; on failure the previous results
 * stay as they were.
 */
export async function runCustomerSegmentsJob(ctx: JobContext, options: { includeLeads?: boolean } = {}): Promise<CustomerSegmentsOutcome> {
  const { config, engine, results, asOf } = ctx;
  const startedAt = ctx.clock.now();
  const timer = new StageTimer(ctx.clock, ctx.progress);
  let history: SegmentHistory | undefined;
  try {
    const ingestedOrders = await timer.stage('load', 'Reading orders', () => ingestOrders(engine, config, asOf, results),
      ({ counts: c }) => `${c.rowsUsed.toLocaleString('en-US')} rows used, ${c.rowsQuarantined.toLocaleString('en-US')} quarantined`);
    const orders = ingestedOrders.counts;
    const customerAttributes = await timer.stage('load', 'Reading customer attributes', () => ingestCustomerAttributes(engine, config, results),
      (a) => (a ? `${a.counts.rowsUsed.toLocaleString('en-US')} rows` : 'none configured'));
    const attributes = customerAttributes?.attributes ?? [];
    checkAttributeNames(attributes);
    checkProfileDimensions(config.profiles.dimensions, attributes);

    await timer.stage('features', 'Computing customer features', () =>
      engine.materialize('customer_features', renderSql(loadSql('customer_features'), { as_of: { date: asOf } })));
    await engine.drop('customer_categories');
    const rules = segmentTableFor(config.rfm);
    // Early, so a bad `history` field stops the run before the heavy work.
    const kept = await openSegmentHistory(ctx.history, config, asOf, rules);
    history = kept;
    const cuts = await timer.stage('features', 'Computing RFM thresholds', () => computeRfmCuts(engine, 'customer_features', config.rfm));
    const value = config.clv.enabled
      ? await timer.stage('clv', 'Fitting CLV models', () => fitCustomerValue(engine, config.clv, asOf),
          (v) => (v.status === 'fitted' ? `${v.model}, LL ${v.logLikelihood.toFixed(1)}` : `unavailable: ${v.reason}`))
      : undefined;

    // The orders are read again only for the lead conversions of `--job all`; free them otherwise.
    if (!options.includeLeads) await engine.drop('orders');
    const identifiers = customerAttributes?.identifiers ?? [];
    // The order quarantine's scan keeps one engine thread busy, in file order; JavaScript scores
    // the customers meanwhile, leaving the engine's threads mostly idle: the two share the stage.
    const scored = await timer.stage('scoring', 'Scoring customers',
      () => alongside(scoreAllCustomers(ctx, cuts, attributes, rules, value, identifiers, kept), ingestedOrders.writeQuarantine()),
      (s) => `${s.segments.grandTotal().customers.toLocaleString('en-US')} customers`);
    const moves = kept
      ? await timer.stage('history', 'Comparing with the previous snapshot', () => kept.finish(), (o) => o.status)
      : historyOff(asOf, config.clv.enabled ? 'CLV' : 'net revenue');

    // `--job all`: the leads in the same workbook, their tiers in the Summary.
    const leads = options.includeLeads ? await prepareLeadPart(ctx, timer, orders) : undefined;
    const audiences = [...scored.audiences, ...(leads?.audiences ?? [])];
    const model = buildModel(ctx, { orders, customerAttributes: customerAttributes?.counts, scored, startedAt, value, leads, rules, audiences, moves });
    const publish = await timer.stage('render', `Publishing (${ctx.sink.name})`, () => ctx.sink.publish(model));

    const finishedAt = ctx.clock.now();
    const runReport = {
      tool: 'segment-sheets',
      job: leads ? 'all' : 'customers',
      status: 'succeeded',
      asOf,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      sources: {
        orders,
        ...(customerAttributes ? { customers: customerAttributes.counts } : {}),
        ...(leads?.sources ?? {}),
      },
      customers: scored.segments.grandTotal().customers,
      rfm: {
        cuts,
        scoreCounts: scored.scoreCounts,
        segments: scored.segments.all().map((s) => ({ segment: s.segment, customers: s.customers, orders: s.orders, revenue: roundMoney(s.revenue) })),
        emptySegments: scored.segments.empty(),
      },
      benefitSegments: scored.benefit.stats.all().map((s) => ({ ...s, revenue: roundMoney(s.revenue), avgBasket: s.avgBasket === null ? null : roundMoney(s.avgBasket) })),
      ...(value ? { clv: clvReport(value) } : {}),
      ...(leads ? { leads: leads.summary } : {}),
      ...(audiences.length > 0 ? { audiences } : {}),
      history: historyReport(moves),
      engine: engine.stats(),
      publish,
      timingsMs: timer.timingsMs,
    };
    await results.writeFile('run.json', `${JSON.stringify(runReport, null, 2)}\n`);
    await history?.commit();
    await results.commit();
    return { runReport };
  } catch (error) {
    await history?.abort();
    await results.abort();
    throw error;
  }
}

/** The `clv` section of run.json. */
function clvReport(value: CustomerValueModel): Record<string, unknown> {
  if (value.status === 'unavailable') return { status: 'unavailable', reason: value.reason, ...(value.diagnostics ? { diagnostics: value.diagnostics } : {}) };
  const { predict: _predict, ...rest } = value;
  return { ...rest, loglik: value.logLikelihood };
}

function buildModel(
  ctx: JobContext,
  input: {
    orders: SourceCounts;
    customerAttributes: SourceCounts | undefined;
    scored: ScoredAll;
    startedAt: Date;
    value: CustomerValueModel | undefined;
    leads: LeadPart | undefined;
    rules: readonly SegmentRule[];
    audiences: readonly AudienceReport[];
    moves: HistoryOutcome;
  },
): SheetModel {
  const { config, asOf } = ctx;
  const { scored, orders, rules } = input;
  const guidance = new Map(rules.map((r) => [r.name, { description: r.description, action: r.action }]));
  const totals = scored.segments.grandTotal();
  const historyTabs = input.moves.status === 'off' ? [] : [buildMovementsTab(input.moves), buildMigrationTab(input.moves, scored.segments.all().map((s) => s.segment))];
  const taken = new Set<string>(['summary', 'profiles', 'run log', 'clv', MOVEMENTS_TAB.toLowerCase(), MIGRATION_TAB.toLowerCase(), ...(input.leads?.tabs ?? []).map((t) => t.name.toLowerCase())]);
  const segmentTabs: SheetTab[] = scored.segments
    .all()
    .filter((s) => s.customers > 0)
    .map((s) =>
      buildSegmentTab({
        tabName: tabName(s.segment, taken),
        segment: s.segment,
        description: guidance.get(s.segment)?.description ?? '',
        action: guidance.get(s.segment)?.action ?? '',
        customers: scored.top.get(s.segment)?.sortedBestFirst() ?? [],
        total: s.customers,
        withValue: input.value?.status === 'fitted',
      }),
    );
  const generatedAt = ctx.clock.now().toISOString().replace('T', ' ').slice(0, 19);
  const summary = buildSummaryTab({
    asOf,
    generatedAt: `${generatedAt} UTC`,
    reportingCurrency: config.reportingCurrency,
    facts: [
      ['As of', asOf],
      ['Orders export', orders.path],
      ['Rows read', orders.rowsRead],
      ['Rows used', orders.rowsUsed],
      ['Rows quarantined', orders.rowsQuarantined],
      ['Rows filtered out', orders.rowsFiltered],
      ['Customers', totals.customers],
      ['Orders', totals.orders],
      [`Net revenue (${config.reportingCurrency})`, roundMoney(totals.revenue)],
      ['Average order value', totals.orders > 0 ? roundMoney(totals.revenue / totals.orders) : null],
    ],
    segments: scored.segments.all(),
    guidance,
    emptySegments: scored.segments.empty(),
    ...(input.leads ? { leadTiers: input.leads.tierCounts } : {}),
    ...(input.audiences.length > 0 ? { audiences: input.audiences } : {}),
    benefitSegments: benefitSegmentsBlock(scored.benefit.stats.all(), scored.benefit.rules, config.reportingCurrency),
    sinceLastRun: sinceLastRunOf(input.moves),
  });
  const profiles = buildProfilesTab(scored.profiles.cellsInOrder(rules.map((r) => r.name)), scored.segments.all(), config.profiles.dimensions);
  const runLog = buildRunLogTab(
    {
      runAt: input.startedAt.toISOString().replace('T', ' ').slice(0, 19),
      asOf,
      job: 'customers',
      status: 'succeeded',
      rowsRead: orders.rowsRead,
      rowsUsed: orders.rowsUsed,
      rowsQuarantined: orders.rowsQuarantined,
      customers: totals.customers,
      durationSeconds: Math.round((ctx.clock.now().getTime() - input.startedAt.getTime()) / 100) / 10,
      note: [
        Object.entries(orders.quarantinedByReason).map(([r, n]) => `${r}: ${n}`).join('; '),
        input.leads ? `leads: ${input.leads.modelNote}` : '',
      ].filter(Boolean).join('; '),
    },
    config.output.runLogKeep,
  );
  const clvTab = input.value ? [buildClvTab(input.value, scored.segments.all(), scored.topByValue.sortedBestFirst())] : [];
  const leadTabs = input.leads?.tabs ?? [];
  return { title: config.name, currency: config.reportingCurrency, tabs: [summary, ...segmentTabs, ...clvTab, ...historyTabs, profiles, ...leadTabs, runLog] };
}

/**
 * An attribute named like a column the job computes (`country`, `segment`, `benefit_segment`, …)
 * would give customers.csv two columns of one name and replace the computed value as a profile
 * dimension, so it is refused with the field to rename.
 */
function checkAttributeNames(attributes: readonly string[]): void {
  const computed = new Set<string>([...CUSTOMER_FILE_COLUMNS, ...CUSTOMER_VALUE_COLUMNS, ...CUSTOMER_BEHAVIOUR_COLUMNS, ...DERIVED_DIMENSIONS]);
  const clash = attributes.find((a) => computed.has(a));
  if (clash !== undefined) {
    throw new UserError(
      `sources.customers.mapping: '${clash}' is also a column the job computes from the orders; map the attribute under another name, e.g. 'customer_${clash}'`,
    );
  }
}

function checkProfileDimensions(dimensions: readonly string[], attributes: readonly string[]): void {
  const known = new Set<string>([...ORDER_DIMENSIONS, ...DERIVED_DIMENSIONS, ...attributes]);
  const unknown = dimensions.find((d) => !known.has(d));
  if (unknown !== undefined) {
    throw new UserError(
      `profiles.dimensions: '${unknown}' is neither an orders dimension (${[...ORDER_DIMENSIONS, ...DERIVED_DIMENSIONS].join(', ')}) ` +
        `nor a customers-source attribute${attributes.length > 0 ? ` (${attributes.join(', ')})` : ' (no customers source configured)'}`,
    );
  }
}
