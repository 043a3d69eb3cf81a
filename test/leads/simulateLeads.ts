/**
 * Simulated leads with a planted conversion signal whose truth the tests know.
 *
 * Each lead gets attributes (industry, company size, title, source, country, free-mail), a hidden
 * interest that drives how much activity it produces, activity events spread over the weeks after
 * creation (events after as_of are not observed yet), and a conversion drawn from a known logistic
 * function of the attributes and its lifetime activity. The record holds only what the SQL would
 * see at as_of; `trueProbability` and `willConvert` hold the truth, including the future outcome of
 * leads still open.
 */
import type { ActivityStat, LeadRecord, LeadStatus } from '../../functions/leads/LeadRecord.ts';
import { activityStatFromEvents } from '../../functions/leads/activityDecay.ts';
import { dayNumber } from '../../functions/leads/isoDays.ts';

export interface SimulatedLead {
  readonly record: LeadRecord;
  /** Planted P(convert within the window). */
  readonly trueProbability: number;
  /** The drawn outcome, known to the simulation even when the record does not show it yet. */
  readonly willConvert: boolean;
}

export interface SimulationOptions {
  readonly count: number;
  readonly asOf: string;
  readonly seed: number;
  /** Leads are created uniformly over this many days before as_of. */
  readonly spanDays?: number;
  readonly windowDays?: number;
  readonly halfLifeDays?: number;
  /** Give every lead at least one event of every activity type (for benchmarks at ~10 types per lead). */
  readonly everyActivityType?: boolean;
}

/** Seeded uniform [0, 1) generator (mulberry32), so simulated data is the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weighted<T> {
  readonly value: T;
  readonly weight: number;
  /** Planted log-odds effect. */
  readonly effect: number;
}

const INDUSTRIES: readonly Weighted<string>[] = [
  { value: 'Software', weight: 0.2, effect: 0.9 },
  { value: 'Financial Services', weight: 0.1, effect: 0.5 },
  { value: 'Retail', weight: 0.15, effect: -0.4 },
  { value: 'Manufacturing', weight: 0.15, effect: 0 },
  { value: 'Healthcare', weight: 0.15, effect: 0 },
  { value: 'Education', weight: 0.1, effect: -0.6 },
  { value: 'Hospitality', weight: 0.15, effect: 0 },
];

const TITLES: readonly Weighted<string>[] = [
  { value: 'CEO', weight: 0.08, effect: 0.5 },
  { value: 'VP Marketing', weight: 0.12, effect: 0.7 },
  { value: 'Director of Operations', weight: 0.1, effect: 0.7 },
  { value: 'Marketing Manager', weight: 0.25, effect: 0.3 },
  { value: 'Analyst', weight: 0.35, effect: 0 },
  { value: 'Student', weight: 0.1, effect: -1.5 },
];

const SOURCES: readonly Weighted<string>[] = [
  { value: 'referral', weight: 0.15, effect: 0.8 },
  { value: 'webinar', weight: 0.15, effect: 0.4 },
  { value: 'organic', weight: 0.35, effect: 0 },
  { value: 'paid', weight: 0.25, effect: -0.3 },
  { value: 'list_import', weight: 0.1, effect: -1 },
];

const COUNTRIES: readonly Weighted<string>[] = [
  { value: 'US', weight: 0.4, effect: 0 },
  { value: 'DE', weight: 0.15, effect: 0 },
  { value: 'GB', weight: 0.15, effect: 0 },
  { value: 'FR', weight: 0.1, effect: 0 },
  { value: 'IN', weight: 0.1, effect: -0.3 },
  { value: 'BR', weight: 0.1, effect: 0 },
];

/** Activity types with their lifetime event rate and planted effect per log(1 + count). */
const ACTIVITIES: readonly { readonly type: string; readonly rate: number; readonly effect: number }[] = [
  { type: 'email_open', rate: 6, effect: 0 },
  { type: 'email_click', rate: 1.5, effect: 0.5 },
  { type: 'page_view', rate: 5, effect: 0 },
  { type: 'pricing_page_view', rate: 0.8, effect: 0.8 },
  { type: 'content_download', rate: 0.6, effect: 0.1 },
  { type: 'webinar', rate: 0.3, effect: 0.2 },
  { type: 'form_submit', rate: 0.5, effect: 0.5 },
  { type: 'demo_request', rate: 0.15, effect: 1.2 },
  { type: 'meeting', rate: 0.1, effect: 0.8 },
  { type: 'careers_page_view', rate: 0.1, effect: -0.5 },
];

const BASE_LOG_ODDS = -3.2;
const FREE_MAIL_EFFECT = -1;

/**
 * Simulates `count` leads.
 *
 * @example
 * ```ts
 * const leads = simulateLeads({ count: 1000, asOf: '2025-06-30', seed: 1 });
 * ```
 */
export function simulateLeads(options: SimulationOptions): SimulatedLead[] {
  const random = seededRandom(options.seed);
  const spanDays = options.spanDays ?? 720;
  const windowDays = options.windowDays ?? 90;
  const halfLifeDays = options.halfLifeDays ?? 30;
  const asOfDay = dayNumber(options.asOf);
  const leads: SimulatedLead[] = [];
  for (let i = 0; i < options.count; i++) {
    const everyActivityType = options.everyActivityType ?? false;
    leads.push(simulateOne(i, random, { asOf: options.asOf, asOfDay, spanDays, windowDays, halfLifeDays, everyActivityType }));
  }
  return leads;
}

interface Context {
  readonly asOf: string;
  readonly asOfDay: number;
  readonly spanDays: number;
  readonly windowDays: number;
  readonly halfLifeDays: number;
  readonly everyActivityType: boolean;
}

function simulateOne(i: number, random: () => number, ctx: Context): SimulatedLead {
  const createdDay = ctx.asOfDay - Math.floor(random() * ctx.spanDays);
  const industry = pick(INDUSTRIES, random);
  const title = pick(TITLES, random);
  const source = pick(SOURCES, random);
  const country = pick(COUNTRIES, random);
  const companySize = random() < 0.1 ? null : Math.max(1, Math.round(Math.exp(4.5 + 1.5 * normal(random))));
  const freeMail = random() < 0.08;
  const interest = normal(random);

  let logOdds = BASE_LOG_ODDS + industry.effect + title.effect + source.effect + country.effect;
  if (companySize !== null && companySize >= 50 && companySize <= 1000) logOdds += 0.6;
  if (companySize !== null && companySize < 10) logOdds -= 0.7;
  if (freeMail) logOdds += FREE_MAIL_EFFECT;

  const activity: Record<string, ActivityStat> = {};
  let lastActivityDay = Number.NEGATIVE_INFINITY;
  for (const a of ACTIVITIES) {
    const lifetimeCount = poisson(a.rate * Math.exp(1.1 * interest - 0.6), random) + (ctx.everyActivityType ? 1 : 0);
    logOdds += a.effect * Math.log1p(lifetimeCount);
    const observed: string[] = [];
    for (let e = 0; e < lifetimeCount; e++) {
      const day = createdDay + Math.floor(-15 * Math.log(1 - random()));
      if (day > ctx.asOfDay) continue;
      observed.push(isoDate(day));
      lastActivityDay = Math.max(lastActivityDay, day);
    }
    if (observed.length > 0) activity[a.type] = activityStatFromEvents(observed, ctx.asOf, ctx.halfLifeDays);
  }

  const trueProbability = 1 / (1 + Math.exp(-logOdds));
  const willConvert = random() < trueProbability;
  const convertedDay = createdDay + 3 + Math.floor(random() * (ctx.windowDays - 4));
  const age = ctx.asOfDay - createdDay;
  const convertedByNow = willConvert && convertedDay <= ctx.asOfDay;
  const status: LeadStatus = convertedByNow ? 'converted' : age >= ctx.windowDays && random() < 0.3 ? 'disqualified' : 'open';
  const converted = convertedByNow ? true : age >= ctx.windowDays ? false : null;
  const domain = freeMail ? 'gmail.com' : `company${i % 5000}.com`;
  const record: LeadRecord = {
    leadId: `L${String(i).padStart(7, '0')}`,
    email: `lead${i}@${domain}`,
    emailValid: true,
    freeMail,
    emailDomain: domain,
    createdAt: isoDate(createdDay),
    company: freeMail ? null : `Company ${i % 5000}`,
    domain: freeMail ? null : domain,
    industry: industry.value,
    companySize,
    annualRevenue: null,
    budget: null,
    country: country.value,
    region: null,
    title: title.value,
    source: source.value,
    owner: `owner${i % 7}`,
    status,
    lastActivityAt: Number.isFinite(lastActivityDay) ? isoDate(lastActivityDay) : null,
    activity,
    converted,
    convertedAt: convertedByNow ? isoDate(convertedDay) : null,
    attributes: {},
  };
  return { record, trueProbability, willConvert };
}

function pick<T>(options: readonly Weighted<T>[], random: () => number): Weighted<T> {
  let u = random();
  for (const option of options) {
    u -= option.weight;
    if (u < 0) return option;
  }
  return options[options.length - 1] as Weighted<T>;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function poisson(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

const dateCache = new Map<number, string>();

/** ISO date of a day number; cached because a simulation reuses a few hundred dates. */
export function isoDate(day: number): string {
  let text = dateCache.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dateCache.set(day, text);
  }
  return text;
}
