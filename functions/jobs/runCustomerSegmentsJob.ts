import type { AudienceReport } from '../audiences/AudienceReport.ts';
import { customerContact, openCustomerAudiences } from '../audiences/customerAudiences.ts';
import { benefitSegmentAssigner, type BenefitFeatures } from '../benefit-segments/assignBenefitSegment.ts';
import { benefitSegmentsBlock } from '../benefit-segments/benefitSegmentsBlock.ts';
import { BenefitSegmentStats } from '../benefit-segments/BenefitSegmentStats.ts';
import { customerBehaviourFromRow } from '../benefit-segments/CustomerBehaviour.ts';
import type { BenefitSegmentRule } from '../benefit-segments/benefitSegmentsConfig.ts';
import { DEFAULT_BENEFIT_SEGMENTS } from '../benefit-segments/defaultBenefitSegments.ts';
import type { CustomerValue } from '../customer-value/CustomerValue.ts';
import { fitCustomerValue, type CustomerValueModel } from '../customer-value/fitCustomerValue.ts';
import { compareCustomerValue, CUSTOMER_BEHAVIOUR_COLUMNS, CUSTOMER_FILE_COLUMNS, roundMoney, CUSTOMER_VALUE_COLUMNS, customerFileRow, type CustomerValueRow, type ScoredCustomer } from '../customers/ScoredCustomer.ts';
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
import type { SqlRow } from '../query-engine/QueryEngine.ts';
import { computeRfmCuts, type RfmCuts } from '../rfm/rfmCuts.ts';
import { scoreCustomer } from '../rfm/scoreCustomer.ts';
import { segmentTableFor } from '../rfm/segmentTable.ts';
import type { SegmentRule } from '../config/configSchema.ts';
import { UserError } from '../runtime/UserError.ts';
import { historyOff, historyReport, type HistoryOutcome } from '../segment-history/HistoryOutcome.ts';
import { openSegmentHistory } from '../segment-history/openSegmentHistory.ts';
import type { SegmentHistory } from '../segment-history/SegmentHistory.ts';
import { ProfileStats } from '../segment-stats/ProfileStats.ts';
import { SegmentStats } from '../segment-stats/SegmentStats.ts';
import { TopList } from '../segment-stats/TopList.ts';
import type { JobContext } from './JobContext.ts';
import { prepareLeadPart, type LeadPart } from './runLeadPriorityJob.ts';
import { StageTimer } from './stageTimer.ts';

/** Dimensions every customer has from the orders (main value); others come from the customers source. */
const ORDER_DIMENSIONS = ['country', 'channel', 'product_category', 'favourite_category'] as const;
/** Dimensions the job derives itself; with the above and the attributes, what profiles can use. */
const DERIVED_DIMENSIONS = ['benefit_segment'] as const;
/** Prefix of the customers-source attribute columns in the scoring query. */
const ATTRIBUTE_PREFIX = 'attribute_';
/** Customers listed in the CLV tab's top list. */
const TOP_BY_VALUE = 100;

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
    const orders = await timer.stage('load', 'Reading orders', () => ingestOrders(engine, config, asOf, results),
      (c) => `${c.rowsUsed.toLocaleString('en-US')} rows used, ${c.rowsQuarantined.toLocaleString('en-US')} quarantined`);
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
    const scored = await timer.stage('scoring', 'Scoring customers', () => scoreAllCustomers(ctx, cuts, attributes, rules, value, identifiers, kept),
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

interface ScoredAll {
  readonly segments: SegmentStats;
  readonly profiles: ProfileStats;
  readonly top: Map<string, TopList<ScoredCustomer>>;
  /** Best customers by CLV, for the CLV tab. */
  readonly topByValue: TopList<ScoredCustomer>;
  readonly scoreCounts: { r: Record<number, number>; f: Record<number, number>; m: Record<number, number> };
  readonly attributes: readonly string[];
  /** The segment audience files written on the way (none unless `audiences.segments` lists some). */
  readonly audiences: readonly AudienceReport[];
  readonly benefit: BenefitSegmentation;
}

/** The benefit-segment table in force, its assignment and the per-segment totals of this run. */
interface BenefitSegmentation {
  readonly rules: readonly BenefitSegmentRule[];
  readonly assign: (features: BenefitFeatures) => string;
  readonly stats: BenefitSegmentStats;
}

function benefitSegmentation(config: JobContext['config']): BenefitSegmentation {
  const rules = config.benefitSegments.segments ?? DEFAULT_BENEFIT_SEGMENTS;
  const unmatched = config.benefitSegments.unmatchedSegment;
  return {
    rules,
    assign: benefitSegmentAssigner(rules, unmatched),
    stats: new BenefitSegmentStats([...rules.map((r) => r.name), unmatched]),
  };
}

/** The first criterion of {@link compareCustomerValue}, as a top list's key. */
const revenueOf = (c: ScoredCustomer): number => c.monetary;

/** Streams every customer through scoring into customers.csv and the per-segment aggregates. */
async function scoreAllCustomers(
  ctx: JobContext,
  cuts: RfmCuts,
  attributes: readonly string[],
  rules: readonly SegmentRule[],
  value: CustomerValueModel | undefined,
  identifiers: readonly string[],
  history: SegmentHistory | undefined,
): Promise<ScoredAll> {
  const { config, engine, results } = ctx;
  const segments = new SegmentStats(rules.map((r) => r.name));
  const profiles = new ProfileStats(config.profiles.dimensions);
  const top = new Map<string, TopList<ScoredCustomer>>();
  const scoreCounts = { r: {} as Record<number, number>, f: {} as Record<number, number>, m: {} as Record<number, number> };
  const clvOf = (c: ScoredCustomer): number => c.value?.clv ?? 0;
  const topByValue = new TopList<ScoredCustomer>(TOP_BY_VALUE, (a, b) => clvOf(a) - clvOf(b), clvOf);
  const withValue = value !== undefined;
  const predict = value?.status === 'fitted' ? value.predict : undefined;
  const benefit = benefitSegmentation(config);
  const writer = await results.createCsv('customers.csv', [...CUSTOMER_FILE_COLUMNS, ...(withValue ? CUSTOMER_VALUE_COLUMNS : []), ...CUSTOMER_BEHAVIOUR_COLUMNS, ...attributes]);
  // Aliased, so an attribute can never shadow a feature column of the same name in the row.
  const attributeSelect = attributes.map((a) => `, a.${a} AS ${ATTRIBUTE_PREFIX}${a}`).join('');
  const join = attributes.length > 0 ? 'LEFT JOIN customer_attributes AS a ON a.customer_id = f.customer_id' : '';
  const valueSelect = predict ? ', h.x AS clv_x, h.t_x AS clv_tx, h.t_cal AS clv_t, h.monetary AS clv_monetary' : '';
  const valueJoin = predict ? 'LEFT JOIN clv_histories AS h ON h.customer_id = f.customer_id' : '';
  const audiences = await openCustomerAudiences(results, config, identifiers);
  const sql = `SELECT f.*${attributeSelect}${valueSelect}${audiences?.select ?? ''} FROM customer_features AS f ${join} ${valueJoin} ${audiences?.join ?? ''} ORDER BY f.customer_id`;
  for await (const batch of engine.stream(sql)) {
    const fileRows: (string | number | null)[][] = [];
    const customers: ScoredCustomer[] = [];
    for (const row of batch) {
      const customer = toScoredCustomer(row, cuts, rules, config.rfm.unmatchedSegment, attributes, predict, benefit.assign);
      customers.push(customer);
      fileRows.push(customerFileRow(customer, attributes, withValue));
      const totals = { orders: customer.frequency, revenue: customer.monetary, recencyDays: customer.recencyDays };
      benefit.stats.add(customer.benefitSegment, totals, customer.behaviour);
      segments.add(customer.segment, totals, customer.value);
      if (customer.value) topByValue.offer(customer);
      profiles.add(customer.segment, customer.dimensions, { orders: customer.frequency, revenue: customer.monetary });
      let list = top.get(customer.segment);
      if (!list) {
        list = new TopList<ScoredCustomer>(config.output.rowCap, compareCustomerValue, revenueOf);
        top.set(customer.segment, list);
      }
      list.offer(customer);
      scoreCounts.r[customer.r] = (scoreCounts.r[customer.r] ?? 0) + 1;
      scoreCounts.f[customer.f] = (scoreCounts.f[customer.f] ?? 0) + 1;
      scoreCounts.m[customer.m] = (scoreCounts.m[customer.m] ?? 0) + 1;
      if (audiences?.writer.wants(customer.segment)) audiences.writer.offer(customer.segment, customerContact(row));
    }
    await writer.write(fileRows);
    await audiences?.writer.flush();
    // The snapshot and the comparison take the customers in the same customer_id order.
    await history?.add(customers);
  }
  await writer.close();
  const audienceReports = (await audiences?.writer.close()) ?? [];
  return { segments, profiles, top, topByValue, scoreCounts, attributes, audiences: audienceReports, benefit };
}

function toScoredCustomer(
  row: SqlRow,
  cuts: RfmCuts,
  rules: readonly SegmentRule[],
  unmatched: string,
  attributes: readonly string[],
  predict: ((h: { x: number; tx: number; T: number; monetary: number }) => CustomerValue) | undefined,
  assignBenefit: (features: BenefitFeatures) => string,
): ScoredCustomer {
  const values = { recencyDays: Number(row['recency_days']), frequency: Number(row['frequency']), monetary: Number(row['monetary']) };
  const rfm = scoreCustomer(values, cuts, rules, unmatched);
  const dimensions: Record<string, string | null> = {};
  for (const d of ORDER_DIMENSIONS) dimensions[d] = textOrNull(row[d]);
  for (const a of attributes) dimensions[a] = textOrNull(row[`${ATTRIBUTE_PREFIX}${a}`]);
  const behaviour = customerBehaviourFromRow(row);
  const benefitSegment = assignBenefit({ ...behaviour, ...values, channel: dimensions['channel'] ?? null });
  dimensions['benefit_segment'] = benefitSegment;
  return {
    customerId: String(row['customer_id']),
    email: textOrNull(row['email']),
    ...values,
    r: rfm.r,
    f: rfm.f,
    m: rfm.m,
    rfmCode: rfm.code,
    segment: rfm.segment,
    firstOrderDate: textOrNull(row['first_order_date']),
    lastOrderDate: textOrNull(row['last_order_date']),
    returns: Number(row['returns'] ?? 0),
    dimensions,
    behaviour,
    benefitSegment,
    ...(predict && row['clv_x'] !== null && row['clv_x'] !== undefined ? { value: customerValue(row, predict) } : {}),
  };
}

function customerValue(
  row: SqlRow,
  predict: (h: { x: number; tx: number; T: number; monetary: number }) => CustomerValue,
): CustomerValueRow {
  const history = { x: Number(row['clv_x']), tx: Number(row['clv_tx']), T: Number(row['clv_t']), monetary: Number(row['clv_monetary']) };
  return { ...history, monetaryValue: history.monetary, ...predict(history) };
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

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

