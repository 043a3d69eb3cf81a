/**
 * Writes `leads.csv`, `lead_activities.csv` and `lead_truth.csv`, and returns the converted
 * leads so the order generator can make them customers.
 *
 * Each lead has a latent intent (plus a shift by source) that drives how many activities of
 * each type it has and how late in its engagement window they fall. The planted logistic model
 * ({@link LEAD_CONVERSION_MODEL}) reads features recomputable from the written files; the
 * outcome is drawn from it. A converter's first order comes after its last activity and within
 * 90 days of created_at.
 *
 * @example
 * ```ts
 * const { converters } = await generateLeads({ outDir, rng: new Random(42, 2), clock, ... });
 * converters.emails.length; // leads that became customers on or before asOf
 * ```
 */
import { join } from 'node:path';
import {
  ACTIVITY_BAD_ROW_REASONS,
  UNPARSEABLE_TIMESTAMPS,
  zeroCounts,
  type ActivityBadRowReason,
} from './badRowReasons.ts';
import { CsvFileWriter, csvField } from './CsvFileWriter.ts';
import { makeCompanies, makeCompany, type Company } from './leadCompanies.ts';
import { conversionProbability, LEAD_CONVERSION_MODEL } from './leadConversionModel.ts';
import type { Random } from './random.ts';
import type { LeadActivitiesTruth, LeadsTruth } from './SampleDataTruth.ts';
import { SECONDS_PER_DAY, type TimestampFormat } from './timestampFormat.ts';
import {
  COMPETITOR_COMPANIES,
  COUNTRIES,
  FIRST_NAMES,
  FREE_MAIL_DOMAIN_WEIGHTS,
  FREE_MAIL_DOMAINS,
  INDUSTRIES,
  LAST_NAMES,
  LEAD_SOURCE_INTENT_SHIFT,
  LEAD_SOURCE_WEIGHTS,
  LEAD_SOURCES,
  LEAD_TITLE_WEIGHTS,
  LEAD_TITLES,
  SALES_OWNERS,
  STUDENT_COMPANIES,
  STUDENT_TITLE,
} from './vocabulary.ts';

export interface LeadGenerationInput {
  readonly outDir: string;
  readonly rng: Random;
  readonly clock: TimestampFormat;
  /** Seconds from the clock's base day to asOf 00:00: every good timestamp is earlier. */
  readonly observationEndSeconds: number;
  readonly leads: number;
  readonly activitiesPerLead: number;
  readonly badRowRate: number;
  /** `YYYY-MM-DD`: leads created before it have a known outcome. */
  readonly outcomeKnownBefore: string;
}

/** Converted leads, as the order generator needs them (parallel arrays, one entry per lead). */
export interface LeadConverters {
  /** E-mail as it will appear in orders.csv (sometimes in a different letter case). */
  readonly emails: string[];
  readonly firstOrderSeconds: number[];
  /** Index into `COUNTRIES`. */
  readonly countries: number[];
}

export interface LeadGenerationResult {
  readonly converters: LeadConverters;
  readonly leads: LeadsTruth;
  readonly activities: LeadActivitiesTruth;
  readonly badRows: Record<ActivityBadRowReason, number>;
}

export const ACTIVITY_TYPES = [
  'page_view',
  'pricing_page_view',
  'email_open',
  'email_click',
  'form_submission',
  'demo_request',
  'webinar_attended',
] as const;
const PAGE_VIEW = 0;
const PRICING_PAGE_VIEW = 1;
const EMAIL_OPEN = 2;
const EMAIL_CLICK = 3;
const FORM_SUBMISSION = 4;
const DEMO_REQUEST = 5;

/** Share of a lead's activities by type at average intent (sums to 1). */
const ACTIVITY_SHARES: readonly number[] = [0.45, 0.06, 0.28, 0.09, 0.05, 0.02, 0.05];
/** How strongly each type's count grows with intent: mean × exp(k·z − k²/2). */
const ACTIVITY_INTENT_SLOPES: readonly number[] = [0.5, 0.9, 0.3, 0.6, 0.6, 1.0, 0.5];

const COUNTERS: Readonly<Record<string, readonly string[]>> = {
  page_views: ['page_view', 'pricing_page_view'],
  email_opens: ['email_open'],
  email_clicks: ['email_click'],
  form_submissions: ['form_submission'],
  demo_requests: ['demo_request'],
};

/** Leads are created over the last 18 months; each acts for 30–80 days after creation. */
const LEAD_HISTORY_DAYS = 548;
const ENGAGEMENT_WINDOW_DAYS = [30, 80] as const;
const CONVERSION_DELAY_DAYS = [1 / 24, 10] as const;
/** Shares of the lead population (free mail ~15% of all leads once disqualifiers are set aside). */
const COMPETITOR_SHARE = 0.01;
const STUDENT_SHARE = 0.015;
const FREE_MAIL_SHARE = 0.155;
const MALFORMED_EMAIL_SHARE = 0.003;
const DUPLICATE_ROW_SHARE = 0.005;
const CHANGED_CASE_SHARE = 0.25;
const MATURE_NON_CONVERTER_DISQUALIFIED_SHARE = 0.35;
const LEADS_PER_COMPANY = 4;
const LEAD_ID_DIGITS = 6;

const TITLE_FIELDS: readonly string[] = LEAD_TITLES.map((title) => csvField(title) + ',');
const STUDENT_TITLE_FIELD = csvField(STUDENT_TITLE) + ',';
const ACTIVITY_FIELDS: readonly string[] = ACTIVITY_TYPES.map((type) => ',' + type + ',');

/**
 * Generate the lead files.
 * @example const result = await generateLeads(input); result.leads.convertedLeads;
 */
export async function generateLeads(input: LeadGenerationInput): Promise<LeadGenerationResult> {
  const { rng, clock, observationEndSeconds: end } = input;
  const leadsOut = new CsvFileWriter(
    join(input.outDir, 'leads.csv'),
    'lead_id,email,created_at,company,domain,industry,company_size,annual_revenue,country,region,title,source,owner,status,last_activity_at,page_views,email_opens,email_clicks,form_submissions,demo_requests',
  );
  const activitiesOut = new CsvFileWriter(join(input.outDir, 'lead_activities.csv'), 'lead_id,activity_type,occurred_at');
  const truthOut = new CsvFileWriter(join(input.outDir, 'lead_truth.csv'), 'lead_id,true_p_convert,converted');

  const companies = makeCompanies(rng, Math.max(1, Math.ceil(input.leads / LEADS_PER_COMPANY)));
  const competitors = COMPETITOR_COMPANIES.map(([name, domain, country]) =>
    makeCompany(name, domain, INDUSTRIES.indexOf('Software'), 120 + rng.int(300), 25_000_000, COUNTRIES.indexOf(country)),
  );
  const students = STUDENT_COMPANIES.map(([name, domain, country]) =>
    makeCompany(name, domain, INDUSTRIES.indexOf('Education'), 4000 + rng.int(4000), 150_000_000, COUNTRIES.indexOf(country)),
  );

  const converters: LeadConverters = { emails: [], firstOrderSeconds: [], countries: [] };
  const badRows = zeroCounts(ACTIVITY_BAD_ROW_REASONS);
  const badOdds = input.badRowRate / (1 - input.badRowRate);
  const statusCounts = { open: 0, disqualified: 0, converted: 0 };
  const counts = new Int32Array(ACTIVITY_TYPES.length);
  let times = new Float64Array(256);
  let types = new Uint8Array(256);
  let duplicateRows = 0;
  let convertingAfterAsOf = 0;
  let changedCase = 0;
  let freeMailLeads = 0;
  let malformedEmails = 0;
  let competitorLeads = 0;
  let studentLeads = 0;
  let goodActivities = 0;
  let probabilitySum = 0;

  for (let leadNo = 1; leadNo <= input.leads; leadNo++) {
    writeLead(leadNo);
    if (leadsOut.full || activitiesOut.full || truthOut.full) {
      await Promise.all([leadsOut.flush(), activitiesOut.flush(), truthOut.flush()]);
    }
  }
  await Promise.all([leadsOut.close(), activitiesOut.close(), truthOut.close()]);

  const badTotal = ACTIVITY_BAD_ROW_REASONS.reduce((sum, reason) => sum + badRows[reason], 0);
  return {
    converters,
    badRows,
    leads: {
      file: 'leads.csv',
      truthFile: 'lead_truth.csv',
      rowsWritten: leadsOut.rows,
      distinctLeads: input.leads,
      duplicateRows,
      statusCounts,
      convertedLeads: statusCounts.converted,
      convertingAfterAsOf,
      convertedEmailsWithChangedCase: changedCase,
      meanTrueProbability: input.leads > 0 ? probabilitySum / input.leads : 0,
      outcomeKnownForLeadsCreatedBefore: input.outcomeKnownBefore,
      freeMailLeads,
      freeMailDomains: FREE_MAIL_DOMAINS,
      malformedEmails,
      competitorLeads,
      competitorDomains: COMPETITOR_COMPANIES.map(([, domain]) => domain),
      studentLeads,
      studentTitle: STUDENT_TITLE,
      studentDomains: STUDENT_COMPANIES.map(([, domain]) => domain),
      owners: SALES_OWNERS,
      sources: LEAD_SOURCES,
      industries: INDUSTRIES,
      conversionModel: LEAD_CONVERSION_MODEL,
      counters: COUNTERS,
    },
    activities: {
      file: 'lead_activities.csv',
      rowsWritten: activitiesOut.rows,
      goodRows: goodActivities,
      badRows: badTotal,
      activityTypes: ACTIVITY_TYPES,
    },
  };

  /** One lead: its leads.csv row(s), lead_truth.csv row and activities. */
  function writeLead(leadNo: number): void {
    const leadId = 'L' + String(leadNo).padStart(LEAD_ID_DIGITS, '0');
    // Whole seconds, so features recomputed from the written timestamps are exactly these.
    const created = Math.floor(end - rng.uniform(0, LEAD_HISTORY_DAYS) * SECONDS_PER_DAY);

    const kind = rng.next();
    const competitor = kind < COMPETITOR_SHARE;
    const student = !competitor && kind < COMPETITOR_SHARE + STUDENT_SHARE;
    const company = competitor
      ? (competitors[rng.int(competitors.length)] as Company)
      : student
        ? (students[rng.int(students.length)] as Company)
        : (companies[rng.int(companies.length)] as Company);
    if (competitor) competitorLeads++;
    if (student) studentLeads++;
    const titleField = student ? STUDENT_TITLE_FIELD : (TITLE_FIELDS[rng.pick(LEAD_TITLE_WEIGHTS)] as string);
    const localPart = FIRST_NAMES[rng.int(FIRST_NAMES.length)] + '.' + LAST_NAMES[rng.int(LAST_NAMES.length)] + leadNo;
    const freeMail = !competitor && !student && rng.chance(FREE_MAIL_SHARE);
    const emailDomain = freeMail ? (FREE_MAIL_DOMAINS[rng.pick(FREE_MAIL_DOMAIN_WEIGHTS)] as string) : company.domain;
    if (freeMail) freeMailLeads++;
    const source = rng.pick(LEAD_SOURCE_WEIGHTS);
    const owner = SALES_OWNERS[rng.int(SALES_OWNERS.length)] as string;
    const intent = rng.normal() + (LEAD_SOURCE_INTENT_SHIFT[source] ?? 0);

    // Activities fall in an engagement window after creation; new leads have had less time.
    const plannedWindow = rng.uniform(ENGAGEMENT_WINDOW_DAYS[0], ENGAGEMENT_WINDOW_DAYS[1]) * SECONDS_PER_DAY;
    const window = Math.min(plannedWindow, end - created);
    const exposure = window / plannedWindow;
    let n = 0;
    for (let t = 0; t < ACTIVITY_TYPES.length; t++) {
      const k = ACTIVITY_INTENT_SLOPES[t] ?? 0;
      const mean = input.activitiesPerLead * (ACTIVITY_SHARES[t] ?? 0) * Math.exp(k * intent - (k * k) / 2) * exposure;
      const c = rng.poisson(mean);
      counts[t] = c;
      n += c;
    }
    if (n > times.length) {
      times = new Float64Array(n * 2);
      types = new Uint8Array(n * 2);
    }
    // Warm leads act late in their window (recent), cold ones early (older).
    const lateness = Math.min(3, Math.max(0.3, Math.exp(-0.5 * intent)));
    let filled = 0;
    for (let t = 0; t < ACTIVITY_TYPES.length; t++) {
      for (let c = counts[t] ?? 0; c > 0; c--) {
        times[filled] = Math.floor(created + window * Math.pow(rng.next(), lateness));
        types[filled] = t;
        filled++;
      }
    }
    sortByTime(times, types, n);

    const last = n > 0 ? (times[n - 1] ?? created) : created;
    const recentPricingPageView = hasTypeSince(times, types, n, PRICING_PAGE_VIEW, last - LEAD_CONVERSION_MODEL.recentPricingWindowDays * SECONDS_PER_DAY);
    const p = conversionProbability({
      industry: company.industry,
      companySize: company.size,
      freeMail,
      demoRequests: counts[DEMO_REQUEST] ?? 0,
      recentPricingPageView,
      emailClicks: counts[EMAIL_CLICK] ?? 0,
      competitor,
      student,
    });
    probabilitySum += p;
    const willConvert = rng.chance(p);

    let status: 'open' | 'disqualified' | 'converted' = 'open';
    let email = localPart + '@' + emailDomain;
    if (willConvert) {
      const delay = rng.uniform(CONVERSION_DELAY_DAYS[0], CONVERSION_DELAY_DAYS[1]) * SECONDS_PER_DAY;
      const latest = created + (LEAD_CONVERSION_MODEL.conversionWindowDays - 0.5) * SECONDS_PER_DAY;
      const firstOrder = Math.min(last + delay, latest);
      if (firstOrder < end) {
        status = 'converted';
        const changeCase = rng.chance(CHANGED_CASE_SHARE);
        if (changeCase) changedCase++;
        converters.emails.push(changeCase ? changeLetterCase(email, rng.chance(0.3)) : email);
        converters.firstOrderSeconds.push(firstOrder);
        converters.countries.push(company.country);
      } else {
        convertingAfterAsOf++;
      }
    } else {
      if (competitor || student) status = 'disqualified';
      else if (created < end - LEAD_CONVERSION_MODEL.conversionWindowDays * SECONDS_PER_DAY && rng.chance(MATURE_NON_CONVERTER_DISQUALIFIED_SHARE)) {
        status = 'disqualified';
      }
      // Malformed addresses only on company e-mails, so the free-mail feature stays readable.
      if (!freeMail && !competitor && !student && rng.chance(MALFORMED_EMAIL_SHARE)) {
        email = rng.chance(0.5) ? localPart + '@' : localPart + '.' + emailDomain;
        malformedEmails++;
      }
    }
    statusCounts[status]++;

    const fixed =
      leadId + ',' + email + ',' + clock.timestamp(created) + ',' + company.fields + titleField + LEAD_SOURCES[source] + ',' +
      owner + ',';

    if (n >= 2 && rng.chance(DUPLICATE_ROW_SHARE)) {
      // A stale export of the same lead: fewer activities seen, strictly older last_activity_at.
      const seen = 1 + rng.int(n - 1);
      if ((times[seen - 1] ?? 0) < last) {
        duplicateRows++;
        leadsOut.line(fixed + 'open,' + counterColumns(times, types, seen));
      }
    }
    leadsOut.line(fixed + status + ',' + counterColumns(times, types, n));
    truthOut.line(leadId + ',' + p.toFixed(6) + ',' + (status === 'converted' ? '1' : '0'));

    for (let i = 0; i < n; i++) {
      const time = times[i] ?? created;
      const typeField = ACTIVITY_FIELDS[types[i] ?? 0];
      activitiesOut.line(leadId + typeField + clock.timestamp(time));
      goodActivities++;
      if (rng.next() < badOdds) {
        const reason = ACTIVITY_BAD_ROW_REASONS[rng.int(ACTIVITY_BAD_ROW_REASONS.length)] as ActivityBadRowReason;
        badRows[reason]++;
        if (reason === 'unknown lead_id') {
          // Past the last lead number, so no lead has this id.
          const unknownId = 'L' + String(input.leads + 1 + rng.int(input.leads + 1)).padStart(LEAD_ID_DIGITS, '0');
          activitiesOut.line(unknownId + typeField + clock.timestamp(time));
        } else if (reason === 'occurred_at after as_of') {
          activitiesOut.line(leadId + typeField + clock.timestamp(end + rng.uniform(1, 180) * SECONDS_PER_DAY));
        } else {
          activitiesOut.line(leadId + typeField + UNPARSEABLE_TIMESTAMPS[rng.int(UNPARSEABLE_TIMESTAMPS.length)]);
        }
      }
    }
  }

  /** `last_activity_at` and the counters over the first `upTo` (time-sorted) activities. */
  function counterColumns(sortedTimes: Float64Array, sortedTypes: Uint8Array, upTo: number): string {
    let pageViews = 0;
    let opens = 0;
    let clicks = 0;
    let forms = 0;
    let demos = 0;
    for (let i = 0; i < upTo; i++) {
      const t = sortedTypes[i];
      if (t === PAGE_VIEW || t === PRICING_PAGE_VIEW) pageViews++;
      else if (t === EMAIL_OPEN) opens++;
      else if (t === EMAIL_CLICK) clicks++;
      else if (t === FORM_SUBMISSION) forms++;
      else if (t === DEMO_REQUEST) demos++;
    }
    const lastActivity = upTo > 0 ? clock.timestamp(sortedTimes[upTo - 1] ?? 0) : '';
    return lastActivity + ',' + pageViews + ',' + opens + ',' + clicks + ',' + forms + ',' + demos;
  }
}

/** Insertion sort of the first n entries by time, moving types along (n is small per lead). */
function sortByTime(times: Float64Array, types: Uint8Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const time = times[i] ?? 0;
    const type = types[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (times[j] ?? 0) > time) {
      times[j + 1] = times[j] ?? 0;
      types[j + 1] = types[j] ?? 0;
      j--;
    }
    times[j + 1] = time;
    types[j + 1] = type;
  }
}

function hasTypeSince(times: Float64Array, types: Uint8Array, n: number, type: number, since: number): boolean {
  for (let i = n - 1; i >= 0 && (times[i] ?? 0) >= since; i--) {
    if (types[i] === type) return true;
  }
  return false;
}

/** The same address in another letter case: all capitals, or capitalised name parts. */
function changeLetterCase(email: string, allCapitals: boolean): string {
  if (allCapitals) return email.toUpperCase();
  const at = email.indexOf('@');
  const local = email.slice(0, at).replace(/(^|\.)([a-z])/g, (_match, start: string, letter: string) => start + letter.toUpperCase());
  return local + email.slice(at);
}
