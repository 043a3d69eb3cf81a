import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData, type SampleDataTruth } from '../../functions/sample-data/generateSampleData.ts';
import { readCsv } from './readCsv.ts';

const AS_OF = '2024-06-30';
const DAY_MS = 86_400_000;
let dir = '';
let truth: SampleDataTruth;
let orders: Record<string, string>[];
let leads: Record<string, string>[];
let activities: Record<string, string>[];
let leadTruth: Record<string, string>[];

/** Milliseconds of a `YYYY-MM-DD HH:MM:SS` timestamp read as UTC, or null if it is not a real one. */
function parseTimestamp(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day &&
    hour < 24 && minute < 60 && second < 60;
  return real ? ms : null;
}

const isNumber = (text: string): boolean => /^-?\d+(\.\d+)?$/.test(text);

/** Why an order row is bad, found independently of the generator. */
function orderRowReasons(row: Record<string, string>): string[] {
  const reasons: string[] = [];
  if (row.customer_id === '') reasons.push('missing customer_id');
  const date = row.order_date ?? '';
  if (parseTimestamp(date) === null) reasons.push('unparseable order_date');
  else if (date.slice(0, 10) > AS_OF) reasons.push('order_date after as_of');
  if (![row.quantity, row.unit_price, row.discount].every((v) => isNumber(v ?? ''))) reasons.push('amount not a number');
  if (row.currency !== 'USD' && row.currency !== 'EUR') reasons.push(`currency ${row.currency} not reporting currency`);
  return reasons;
}

function activityRowReasons(row: Record<string, string>, leadIds: Set<string>): string[] {
  const reasons: string[] = [];
  if (!leadIds.has(row.lead_id ?? '')) reasons.push('unknown lead_id');
  const time = row.occurred_at ?? '';
  if (parseTimestamp(time) === null) reasons.push('unparseable occurred_at');
  else if (time.slice(0, 10) > AS_OF) reasons.push('occurred_at after as_of');
  return reasons;
}

function countReasons(rows: Record<string, string>[], reasonsOf: (row: Record<string, string>) => string[]) {
  const counts: Record<string, number> = {};
  const badForSeveralReasons: string[] = [];
  let good = 0;
  for (const row of rows) {
    const reasons = reasonsOf(row);
    if (reasons.length > 1) badForSeveralReasons.push(JSON.stringify(row));
    if (reasons[0] === undefined) good++;
    else counts[reasons[0]] = (counts[reasons[0]] ?? 0) + 1;
  }
  expect(badForSeveralReasons.slice(0, 5)).toEqual([]);
  return { counts, good };
}

/** The last row per lead id: the true one. */
function latestLeads(): Map<string, Record<string, string>> {
  const byId = new Map<string, Record<string, string>>();
  for (const row of leads) byId.set(row.lead_id ?? '', row);
  return byId;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sample-data-'));
  truth = await generateSampleData({ outDir: join(dir, 'main'), seed: 7, asOf: AS_OF, orderRows: 20_000, leads: 3_000, badRowRate: 0.01 });
  orders = readCsv(join(dir, 'main', 'orders.csv')).rows;
  leads = readCsv(join(dir, 'main', 'leads.csv')).rows;
  activities = readCsv(join(dir, 'main', 'lead_activities.csv')).rows;
  leadTruth = readCsv(join(dir, 'main', 'lead_truth.csv')).rows;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generateSampleData', () => {
  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    const options = { asOf: AS_OF, orderRows: 3_000, leads: 300 };
    await generateSampleData({ ...options, outDir: join(dir, 'a'), seed: 1 });
    await generateSampleData({ ...options, outDir: join(dir, 'b'), seed: 1 });
    await generateSampleData({ ...options, outDir: join(dir, 'c'), seed: 2 });
    for (const file of ['orders.csv', 'customers.csv', 'customer_truth.csv', 'leads.csv', 'lead_activities.csv', 'lead_truth.csv', 'truth.json']) {
      const a = await readFile(join(dir, 'a', file));
      expect(a.equals(await readFile(join(dir, 'b', file))), file).toBe(true);
      if (file !== 'truth.json') expect(a.equals(await readFile(join(dir, 'c', file))), file).toBe(false);
    }
  });

  it('writes truth.json equal to the returned truth, with the exact headers asked for', async () => {
    expect(JSON.parse(await readFile(join(dir, 'main', 'truth.json'), 'utf8'))).toEqual(truth);
    expect(readCsv(join(dir, 'main', 'orders.csv')).header.join(',')).toBe(
      'order_id,line_no,customer_id,email,order_date,status,currency,quantity,unit_price,discount,channel,product_category,country',
    );
    expect(readCsv(join(dir, 'main', 'customers.csv')).header.join(',')).toBe(
      'customer_id,age_band,gender,country,income_band,price_sensitivity,preferred_contact',
    );
    expect(readCsv(join(dir, 'main', 'leads.csv')).header.join(',')).toBe(
      'lead_id,email,created_at,company,domain,industry,company_size,annual_revenue,country,region,title,source,owner,status,last_activity_at,page_views,email_opens,email_clicks,form_submissions,demo_requests',
    );
    expect(readCsv(join(dir, 'main', 'lead_activities.csv')).header.join(',')).toBe('lead_id,activity_type,occurred_at');
    expect(readCsv(join(dir, 'main', 'lead_truth.csv')).header.join(',')).toBe('lead_id,true_p_convert,converted');
    expect(readCsv(join(dir, 'main', 'customer_truth.csv')).header.join(',')).toBe(
      'customer_id,discount_driven,category_specialist,preferred_category,preferred_channel',
    );
  });

  it('meets the row targets and the counts in the truth', () => {
    expect(orders.length).toBe(truth.orders.rowsWritten);
    // Generation stops after the customer who crosses the target.
    expect(orders.length).toBeGreaterThanOrEqual(20_000);
    expect(orders.length).toBeLessThan(20_000 * 1.02);
    expect(readCsv(join(dir, 'main', 'customers.csv')).rows.length).toBe(truth.orders.customers);
    expect(new Set(leads.map((r) => r.lead_id)).size).toBe(3_000);
    expect(leads.length).toBe(truth.leads?.rowsWritten);
    expect(leadTruth.length).toBe(3_000);
    expect(activities.length).toBe(truth.leadActivities?.rowsWritten);
    // About activitiesPerLead (10) per lead; new leads have had less time to act.
    expect(activities.length / 3_000).toBeGreaterThan(7);
    expect(activities.length / 3_000).toBeLessThan(12);
  });

  it('counts each bad order row under exactly one reason, as an independent re-parse finds', () => {
    const { counts, good } = countReasons(orders, orderRowReasons);
    expect(counts).toEqual(truth.badRows['orders.csv']);
    expect(good).toBe(truth.orders.goodRows);
    expect(truth.orders.badRows / truth.orders.rowsWritten).toBeGreaterThan(0.006);
    expect(truth.orders.badRows / truth.orders.rowsWritten).toBeLessThan(0.014);
    for (const count of Object.values(truth.badRows['orders.csv'])) expect(count).toBeGreaterThan(0);
  });

  it('writes good order rows that are all clean', () => {
    const customerIds = new Set<string>();
    const problems: string[] = [];
    const check = (ok: boolean, what: string, row: Record<string, string>) => {
      if (!ok) problems.push(`${what}: ${JSON.stringify(row)}`);
    };
    for (const row of orders.filter((r) => orderRowReasons(r).length === 0)) {
      check(/^C?\d+$/.test(row.order_id ?? ''), 'order_id', row);
      check(/^[1-3]$/.test(row.line_no ?? ''), 'line_no', row);
      check(/^C\d{6,}$/.test(row.customer_id ?? ''), 'customer_id', row);
      check(/^[^@,]+@[^@,]+\.[a-z]+$/i.test(row.email ?? ''), 'email', row);
      check((row.order_date ?? '') < AS_OF, 'order_date before as_of', row);
      check(row.status === 'paid' || row.status === 'cancelled', 'status', row);
      const quantity = Number(row.quantity);
      check(Number.isInteger(quantity) && quantity !== 0, 'quantity', row);
      check(Number(row.unit_price) > 0, 'unit_price', row);
      // Discounts are positive on sales and negated on returns.
      check(Math.sign(Number(row.discount)) * Math.sign(quantity) >= 0, 'discount sign', row);
      if (row.status === 'paid' && !row.order_id?.startsWith('C')) customerIds.add(row.customer_id ?? '');
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(customerIds.size).toBe(truth.orders.customersWithGoodPaidOrder);
    const eurRows = orders.filter((r) => r.currency === 'EUR' && orderRowReasons(r).length === 0).length;
    expect(eurRows).toBe(truth.orders.eurRows);
    expect(eurRows / truth.orders.goodRows).toBeGreaterThan(0.02);
    expect(eurRows / truth.orders.goodRows).toBeLessThan(0.09);
  });

  it('has paid orders whose mean value is the Gamma-Gamma mean p·v/(q−1)', () => {
    const valueByOrder = new Map<string, number>();
    for (const row of orders) {
      if (row.status !== 'paid' || row.order_id?.startsWith('C') || orderRowReasons(row).length > 0) continue;
      const fx = row.currency === 'EUR' ? truth.orders.model.eurToUsd : 1;
      const amount = (Number(row.quantity) * Number(row.unit_price) - Number(row.discount)) * fx;
      valueByOrder.set(row.order_id ?? '', (valueByOrder.get(row.order_id ?? '') ?? 0) + amount);
    }
    expect(valueByOrder.size).toBe(truth.orders.paidOrders);
    const { p, q, v } = truth.orders.model.gammaGamma;
    const mean = [...valueByOrder.values()].reduce((a, b) => a + b, 0) / valueByOrder.size;
    expect(Math.abs(mean / ((p * v) / (q - 1)) - 1)).toBeLessThan(0.06);
  });

  it('makes discount-driven customers price-sensitive and mostly buy discounted lines', () => {
    const sensitivity = new Map(readCsv(join(dir, 'main', 'customers.csv')).rows.map((r) => [r.customer_id, r.price_sensitivity]));
    const lines = { low: { discounted: 0, all: 0 }, high: { discounted: 0, all: 0 } };
    for (const row of orders) {
      if (orderRowReasons(row).length > 0 || row.order_id?.startsWith('C')) continue;
      const band = sensitivity.get(row.customer_id);
      if (band !== 'low' && band !== 'high') continue;
      lines[band].discounted += Number(row.discount) > 0 ? 1 : 0;
      lines[band].all += 1;
    }
    const share = (band: 'low' | 'high') => lines[band].discounted / lines[band].all;
    expect(share('high')).toBeGreaterThan(2 * share('low'));
    const drivenShare = truth.orders.discountDrivenCustomers / truth.orders.customers;
    expect(Math.abs(drivenShare - truth.orders.model.discountDrivenShare)).toBeLessThan(0.03);
  });

  it('plants category specialists who buy only their preferred category, and says who they are', () => {
    const customerTruth = readCsv(join(dir, 'main', 'customer_truth.csv')).rows;
    expect(customerTruth.length).toBe(truth.orders.customers);
    const specialists = new Map(customerTruth.filter((r) => r.category_specialist === '1').map((r) => [r.customer_id, r.preferred_category]));
    expect(specialists.size).toBe(truth.orders.categorySpecialistCustomers);
    expect(Math.abs(specialists.size / truth.orders.customers - truth.orders.model.categorySpecialistShare)).toBeLessThan(0.03);
    expect(customerTruth.filter((r) => r.discount_driven === '1').length).toBe(truth.orders.discountDrivenCustomers);
    const offCategory = { specialists: 0, others: 0 };
    const preferred = new Map(customerTruth.map((r) => [r.customer_id, r.preferred_category]));
    for (const row of orders) {
      if (orderRowReasons(row).length > 0) continue;
      if (row.product_category === preferred.get(row.customer_id ?? '')) continue;
      if (specialists.has(row.customer_id ?? '')) offCategory.specialists++;
      else offCategory.others++;
    }
    expect(offCategory.specialists).toBe(0);
    // Others buy outside their preferred category: 40% of lines draw a category at random.
    expect(offCategory.others).toBeGreaterThan(orders.length * 0.1);
  });

  it('references an existing earlier paid order from every return row', () => {
    const linesByOrder = new Map<string, Record<string, string>[]>();
    for (const row of orders) {
      if (orderRowReasons(row).length > 0 || row.order_id?.startsWith('C')) continue;
      const lines = linesByOrder.get(row.order_id ?? '') ?? [];
      lines.push(row);
      linesByOrder.set(row.order_id ?? '', lines);
    }
    const returns = orders.filter((r) => r.order_id?.startsWith('C'));
    expect(returns.length).toBe(truth.orders.returnRows);
    expect(returns.length).toBeGreaterThan(0);
    for (const ret of returns) {
      const original = linesByOrder.get((ret.order_id ?? '').slice(1));
      expect(original, ret.order_id).toBeDefined();
      expect(original?.every((line) => line.status === 'paid' && line.customer_id === ret.customer_id)).toBe(true);
      expect((ret.order_date ?? '') > (original?.[0]?.order_date ?? '')).toBe(true);
      expect(Number(ret.quantity)).toBeLessThan(0);
      const returnedLine = original?.find(
        (line) =>
          Number(line.quantity) === -Number(ret.quantity) &&
          line.unit_price === ret.unit_price &&
          Number(line.discount) === -Number(ret.discount),
      );
      expect(returnedLine, ret.order_id).toBeDefined();
    }
  });

  it('gives every converted lead an order with its e-mail (any case) within 90 days of created_at, after its activities', () => {
    const firstOrderByEmail = new Map<string, { date: string; email: string }>();
    for (const row of orders) {
      if (orderRowReasons(row).length > 0 || row.status !== 'paid') continue;
      const key = (row.email ?? '').toLowerCase();
      const seen = firstOrderByEmail.get(key);
      if (seen === undefined || (row.order_date ?? '') < seen.date) firstOrderByEmail.set(key, { date: row.order_date ?? '', email: row.email ?? '' });
    }
    const leadIds = new Set(leads.map((r) => r.lead_id ?? ''));
    const lastActivity = new Map<string, string>();
    for (const row of activities) {
      if (activityRowReasons(row, leadIds).length > 0) continue;
      if ((row.occurred_at ?? '') > (lastActivity.get(row.lead_id ?? '') ?? '')) lastActivity.set(row.lead_id ?? '', row.occurred_at ?? '');
    }
    const convertedIds = new Set(leadTruth.filter((r) => r.converted === '1').map((r) => r.lead_id));
    let converted = 0;
    let changedCase = 0;
    for (const lead of latestLeads().values()) {
      expect(lead.status === 'converted', lead.lead_id).toBe(convertedIds.has(lead.lead_id));
      if (lead.status !== 'converted') continue;
      converted++;
      const first = firstOrderByEmail.get((lead.email ?? '').toLowerCase());
      expect(first, lead.email).toBeDefined();
      if (first === undefined) continue;
      if (first.email !== lead.email) changedCase++;
      const created = parseTimestamp(lead.created_at ?? '') ?? Number.NaN;
      const ordered = parseTimestamp(first.date) ?? Number.NaN;
      expect(ordered).toBeGreaterThanOrEqual(created);
      expect(ordered - created).toBeLessThanOrEqual(90 * DAY_MS);
      const last = lastActivity.get(lead.lead_id ?? '');
      if (last !== undefined) expect(last <= first.date).toBe(true);
    }
    expect(converted).toBe(truth.leads?.convertedLeads);
    expect(changedCase).toBe(truth.leads?.convertedEmailsWithChangedCase);
    expect(changedCase).toBeGreaterThan(0);
    // About 10–15% of leads convert; recent ones have not had the time yet.
    expect(converted / 3_000).toBeGreaterThan(0.07);
    expect(converted / 3_000).toBeLessThan(0.16);
  });

  it('counts bad activity rows as an independent re-parse finds, and keeps lead counters consistent with good ones', () => {
    const leadIds = new Set(leads.map((r) => r.lead_id ?? ''));
    const { counts, good } = countReasons(activities, (row) => activityRowReasons(row, leadIds));
    expect(counts).toEqual(truth.badRows['lead_activities.csv']);
    expect(good).toBe(truth.leadActivities?.goodRows);

    const expected = new Map<string, { counters: Record<string, number>; last: string }>();
    for (const row of activities) {
      if (activityRowReasons(row, leadIds).length > 0) continue;
      const entry = expected.get(row.lead_id ?? '') ?? { counters: {}, last: '' };
      for (const [counter, types] of Object.entries(truth.leads?.counters ?? {})) {
        if (types.includes(row.activity_type ?? '')) entry.counters[counter] = (entry.counters[counter] ?? 0) + 1;
      }
      if ((row.occurred_at ?? '') > entry.last) entry.last = row.occurred_at ?? '';
      expected.set(row.lead_id ?? '', entry);
    }
    const mismatches: string[] = [];
    for (const lead of latestLeads().values()) {
      const entry = expected.get(lead.lead_id ?? '') ?? { counters: {}, last: '' };
      if (lead.last_activity_at !== entry.last) mismatches.push(`${lead.lead_id} last_activity_at`);
      for (const counter of Object.keys(truth.leads?.counters ?? {})) {
        if (Number(lead[counter]) !== (entry.counters[counter] ?? 0)) mismatches.push(`${lead.lead_id} ${counter}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('writes duplicated lead rows with the true row last, and counts malformed, free-mail and disqualifier leads', () => {
    const rowsById = new Map<string, Record<string, string>[]>();
    for (const row of leads) rowsById.set(row.lead_id ?? '', [...(rowsById.get(row.lead_id ?? '') ?? []), row]);
    const duplicated = [...rowsById.values()].filter((rows) => rows.length > 1);
    expect(leads.length - rowsById.size).toBe(truth.leads?.duplicateRows);
    expect(duplicated.length).toBeGreaterThan(0);
    for (const rows of duplicated) {
      const last = rows.at(-1)?.last_activity_at ?? '';
      for (const stale of rows.slice(0, -1)) expect((stale.last_activity_at ?? '') < last).toBe(true);
    }

    const latest = [...latestLeads().values()];
    const wellFormed = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
    expect(latest.filter((r) => !wellFormed.test(r.email ?? '')).length).toBe(truth.leads?.malformedEmails);
    const domainOf = (email: string) => email.slice(email.indexOf('@') + 1);
    const freeMail = latest.filter((r) => (r.email ?? '').includes('@') && truth.leads?.freeMailDomains.includes(domainOf(r.email ?? '')));
    expect(freeMail.length).toBe(truth.leads?.freeMailLeads);
    expect(freeMail.length / latest.length).toBeGreaterThan(0.1);
    expect(freeMail.length / latest.length).toBeLessThan(0.2);
    expect(latest.filter((r) => truth.leads?.competitorDomains.includes(r.domain ?? '')).length).toBe(truth.leads?.competitorLeads);
    expect(latest.filter((r) => r.title === truth.leads?.studentTitle).length).toBe(truth.leads?.studentLeads);
  });

  it('plants a conversion probability that the recorded model recomputes from the files', () => {
    const model = truth.leads?.conversionModel;
    if (model === undefined) throw new Error('no leads in the truth');
    const leadIds = new Set(leads.map((r) => r.lead_id ?? ''));
    const pricingTimes = new Map<string, number[]>();
    for (const row of activities) {
      if (row.activity_type !== 'pricing_page_view' || activityRowReasons(row, leadIds).length > 0) continue;
      pricingTimes.set(row.lead_id ?? '', [...(pricingTimes.get(row.lead_id ?? '') ?? []), parseTimestamp(row.occurred_at ?? '') ?? 0]);
    }
    const latest = latestLeads();
    for (const truthRow of leadTruth) {
      const lead = latest.get(truthRow.lead_id ?? '') ?? {};
      const email = lead.email ?? '';
      const size = Number(lead.company_size);
      const last = parseTimestamp(lead.last_activity_at ?? '');
      const recentPricing =
        last !== null && (pricingTimes.get(lead.lead_id ?? '') ?? []).some((t) => t >= last - model.recentPricingWindowDays * DAY_MS);
      const logit =
        model.intercept +
        model.industry[lead.industry as keyof typeof model.industry] +
        (size >= 50 && size <= 1000 ? model.companySize50To1000 : 0) +
        (email.includes('@') && truth.leads?.freeMailDomains.includes(email.slice(email.indexOf('@') + 1)) ? model.freeMail : 0) +
        (Number(lead.demo_requests) > 0 ? model.demoRequest : 0) +
        (recentPricing ? model.recentPricingPageView : 0) +
        model.perEmailClick * Math.min(Number(lead.email_clicks), model.emailClicksCap) +
        (truth.leads?.competitorDomains.includes(lead.domain ?? '') ? model.competitor : 0) +
        (lead.title === truth.leads?.studentTitle ? model.student : 0);
      expect(Math.abs(Number(truthRow.true_p_convert) - 1 / (1 + Math.exp(-logit))), truthRow.lead_id).toBeLessThan(1e-6);
    }
  });

  it('makes the true probability rank converters first among leads with a known outcome', () => {
    const latest = latestLeads();
    const known = leadTruth.filter((r) => {
      const created = latest.get(r.lead_id ?? '')?.created_at ?? '';
      return created.slice(0, 10) < (truth.leads?.outcomeKnownForLeadsCreatedBefore ?? '');
    });
    const positives = known.filter((r) => r.converted === '1').map((r) => Number(r.true_p_convert));
    const negatives = known.filter((r) => r.converted === '0').map((r) => Number(r.true_p_convert));
    let wins = 0;
    for (const pos of positives) for (const neg of negatives) wins += pos > neg ? 1 : pos === neg ? 0.5 : 0;
    const auc = wins / (positives.length * negatives.length);
    expect(auc).toBeGreaterThan(0.75);
  });

  it('rejects options it cannot honour, naming the option', async () => {
    await expect(generateSampleData({ outDir: join(dir, 'x'), asOf: '2024-02-30', orderRows: 10 })).rejects.toThrow(/2024-02-30/);
    await expect(generateSampleData({ outDir: join(dir, 'x'), asOf: AS_OF, orderRows: -1 })).rejects.toThrow(/orderRows/);
    await expect(generateSampleData({ outDir: join(dir, 'x'), asOf: AS_OF, orderRows: 10, badRowRate: 1 })).rejects.toThrow(/badRowRate/);
  });

  it('writes no lead files when leads is 0', async () => {
    const small = await generateSampleData({ outDir: join(dir, 'a'), asOf: AS_OF, orderRows: 500, leads: 0 });
    expect(small.leads).toBeNull();
    expect(small.files).toEqual(['orders.csv', 'customers.csv', 'customer_truth.csv', 'truth.json']);
    await expect(readFile(join(dir, 'a', 'leads.csv'))).rejects.toThrow();
  });
});
