/**
 * Deterministic, seeded sample data for the demo, the tests and the benchmark: export-shaped
 * CSV files (orders, customers, leads, lead activities) generated from known processes, plus
 * `truth.json`, `customer_truth.csv` and `lead_truth.csv` saying what is in them.
 *
 * Same options → byte-identical files. Files are streamed, so 10 million order rows need no
 * more memory than a thousand.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateLeads, type LeadGenerationResult } from './generateLeads.ts';
import { generateOrders } from './generateOrders.ts';
import { injectBadOrderRows, INJECTED_ROWS_FILE } from './injectBadOrderRows.ts';
import { Random } from './random.ts';
import type { ResolvedSampleDataOptions, SampleDataTruth } from './SampleDataTruth.ts';
import {
  addDays,
  daysBetween,
  parseIsoDate,
  SECONDS_PER_DAY,
  TimestampFormat,
  yearsBefore,
} from './timestampFormat.ts';
import { LEAD_CONVERSION_MODEL } from './leadConversionModel.ts';

export type { SampleDataTruth } from './SampleDataTruth.ts';

export interface SampleDataOptions {
  /** Directory for the files; created if missing. */
  outDir: string;
  /** PRNG seed; default 42. */
  seed?: number;
  /** `YYYY-MM-DD` analysis date; the order history runs three years back from it. */
  asOf: string;
  /** Target number of order line rows (met to within one customer's rows). */
  orderRows: number;
  /** Number of leads; default orderRows / 10, at most 1,000,000; 0 writes no lead files. */
  leads?: number;
  /** Mean number of activities per lead; default 10. */
  activitiesPerLead?: number;
  /** Fraction of order (and activity) rows that are bad, spread over the bad-row kinds; default 0.005. */
  badRowRate?: number;
  /**
   * Share of order rows replaced afterwards with bad rows of every kind the orders quarantine
   * knows, in equal parts (`injectBadOrderRows`); default 0, none. Recorded in
   * `truth.injectedBadRows`.
   */
  injectBadOrderRows?: number;
}

/** The order history starts this many years before asOf. */
const HISTORY_YEARS = 3;
/** Days after asOf the clock can format (future-dated bad rows go up to 180 days). */
const FUTURE_MARGIN_DAYS = 200;
const LEAD_FILES = ['leads.csv', 'lead_activities.csv', 'lead_truth.csv'] as const;

/**
 * Generate the sample files in `outDir` and return (and write to `truth.json`) what they contain.
 *
 * @example
 * ```ts
 * const truth = await generateSampleData({ outDir: 'out/demo-data', asOf: '2024-06-30', orderRows: 30_000 });
 * console.log(truth.orders.rowsWritten, truth.badRows['orders.csv']);
 * ```
 */
export async function generateSampleData(o: SampleDataOptions): Promise<SampleDataTruth> {
  const options = resolveOptions(o);
  const injectShare = o.injectBadOrderRows ?? 0;
  if (!(injectShare >= 0 && injectShare < 1)) throw new Error(`injectBadOrderRows must be in [0, 1), got ${injectShare}`);
  await mkdir(o.outDir, { recursive: true });

  const historyStart = yearsBefore(options.asOf, HISTORY_YEARS);
  const historyDays = daysBetween(historyStart, options.asOf);
  const clock = new TimestampFormat(historyStart, historyDays + FUTURE_MARGIN_DAYS);
  const observationEndSeconds = historyDays * SECONDS_PER_DAY;

  let leads: LeadGenerationResult | null = null;
  if (options.leads > 0) {
    leads = await generateLeads({
      outDir: o.outDir,
      rng: new Random(options.seed, 2),
      clock,
      observationEndSeconds,
      leads: options.leads,
      activitiesPerLead: options.activitiesPerLead,
      badRowRate: options.badRowRate,
      outcomeKnownBefore: addDays(options.asOf, -LEAD_CONVERSION_MODEL.conversionWindowDays),
    });
  } else {
    // A reused directory must not keep lead files from an earlier run.
    await Promise.all(LEAD_FILES.map((file) => rm(join(o.outDir, file), { force: true })));
  }

  const orders = await generateOrders({
    outDir: o.outDir,
    rng: new Random(options.seed, 1),
    behaviourRng: new Random(options.seed, 3),
    clock,
    observationEndSeconds,
    orderRows: options.orderRows,
    badRowRate: options.badRowRate,
    converters: leads?.converters ?? { emails: [], firstOrderSeconds: [], countries: [] },
  });

  const injected =
    injectShare > 0
      ? await injectBadOrderRows(join(o.outDir, 'orders.csv'), { share: injectShare, seed: options.seed, asOf: options.asOf, historyStart })
      : null;
  if (injected === null) await rm(join(o.outDir, INJECTED_ROWS_FILE), { force: true });

  const truth: SampleDataTruth = {
    generator: 'segment-sheets sample-data',
    seed: options.seed,
    asOf: options.asOf,
    historyStart,
    observationEnd: options.asOf + ' 00:00:00',
    options,
    files: ['orders.csv', 'customers.csv', 'customer_truth.csv', ...(leads === null ? [] : LEAD_FILES), ...(injected === null ? [] : [INJECTED_ROWS_FILE]), 'truth.json'],
    badRows:
      leads === null
        ? { 'orders.csv': orders.badRows }
        : { 'orders.csv': orders.badRows, 'lead_activities.csv': leads.badRows },
    orders: orders.orders,
    customers: orders.customers,
    leads: leads?.leads ?? null,
    leadActivities: leads?.activities ?? null,
    ...(injected === null ? {} : { injectedBadRows: { 'orders.csv': injected } }),
  };
  await writeFile(join(o.outDir, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  return truth;
}

function resolveOptions(o: SampleDataOptions): ResolvedSampleDataOptions {
  parseIsoDate(o.asOf);
  const seed = o.seed ?? 42;
  requireInteger('seed', seed, Number.MIN_SAFE_INTEGER);
  requireInteger('orderRows', o.orderRows, 0);
  const leads = o.leads ?? Math.min(1_000_000, Math.round(o.orderRows / 10));
  requireInteger('leads', leads, 0);
  const activitiesPerLead = o.activitiesPerLead ?? 10;
  if (!Number.isFinite(activitiesPerLead) || activitiesPerLead < 0) {
    throw new Error(`activitiesPerLead must be a non-negative number, got ${activitiesPerLead}`);
  }
  const badRowRate = o.badRowRate ?? 0.005;
  if (!(badRowRate >= 0 && badRowRate < 1)) throw new Error(`badRowRate must be in [0, 1), got ${badRowRate}`);
  return { seed, asOf: o.asOf, orderRows: o.orderRows, leads, activitiesPerLead, badRowRate };
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer${min === 0 ? ' ≥ 0' : ''}, got ${value}`);
  }
}
