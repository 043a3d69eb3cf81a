/**
 * Data preparation of the benchmark (never timed): seeded sample exports generated once and
 * cached under `.bench/`, and the orders export converted once to Parquet.
 *
 * - `.bench/orders-<rows>/`: orders.csv + customers.csv from the generator's defaults (seed 42,
 *   0.5% of the generator's own bad rows);
 * - `.bench/orders-<rows>-bad-<share>/`: a copy of that data with `share` of the order rows
 *   replaced by bad rows of every kind (`injectBadOrderRows`), plus `injected_bad_rows.csv`;
 * - `orders.parquet` beside an orders.csv: the same rows with typed columns;
 * - `.bench/leads-<leads>-a<mean>/`: leads with {@link ACTIVITIES_PER_LEAD} activities each on
 *   average, and the orders their conversions are read from.
 */
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEMO_AS_OF } from '../../functions/cli/demoConfig.ts';
import { generateSampleData, type SampleDataTruth } from '../../functions/sample-data/generateSampleData.ts';
import { injectBadOrderRows, INJECTED_ROWS_FILE } from '../../functions/sample-data/injectBadOrderRows.ts';

export const BENCH_ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_CACHE = path.join(BENCH_ROOT, '.bench');

/**
 * The folder with the orders sample of `rows` order rows, generated on first use.
 *
 * With `badRowShare`, the plain sample's files are copied and `injectBadOrderRows` replaces that
 * share of the order rows — so the bad file is the clean file plus the injection, row for row,
 * even when the cached clean sample came from an older generator. Redone when the clean
 * sample is newer than it.
 *
 * @param badRowShare share of rows replaced by injected bad rows; 0 for the plain sample.
 * @example
 * ```ts
 * const dir = await ordersData(1_000_000); // .bench/orders-1000000
 * ```
 */
export async function ordersData(rows: number, badRowShare = 0): Promise<string> {
  const clean = ordersDir(rows);
  if (!existsSync(path.join(clean, 'truth.json'))) {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} order rows in ${path.relative(BENCH_ROOT, clean)}…\n`);
    await generateSampleData({ outDir: clean, asOf: DEMO_AS_OF, orderRows: rows, leads: 0 });
  }
  if (badRowShare === 0) return clean;
  const dir = ordersDir(rows, badRowShare);
  const truthFile = path.join(dir, 'truth.json');
  if (existsSync(truthFile) && statSync(truthFile).mtimeMs >= statSync(path.join(clean, 'truth.json')).mtimeMs) return dir;
  process.stderr.write(`injecting ${badRowShare * 100}% bad rows into a copy in ${path.relative(BENCH_ROOT, dir)}…\n`);
  await rm(truthFile, { force: true });
  await mkdir(dir, { recursive: true });
  await Promise.all(['orders.csv', 'customers.csv'].map((file) => copyFile(path.join(clean, file), path.join(dir, file))));
  const truth = JSON.parse(await readFile(path.join(clean, 'truth.json'), 'utf8')) as SampleDataTruth;
  const injected = await injectBadOrderRows(path.join(dir, 'orders.csv'), {
    share: badRowShare, seed: truth.seed, asOf: truth.asOf, historyStart: truth.historyStart,
  });
  const files = [...truth.files.filter((f) => f !== 'truth.json'), INJECTED_ROWS_FILE, 'truth.json'];
  await writeFile(truthFile, `${JSON.stringify({ ...truth, files, injectedBadRows: { 'orders.csv': injected } }, null, 2)}\n`);
  return dir;
}

/**
 * Where {@link ordersData} keeps its sample (generated or not).
 * @example ordersDir(1_000_000, 0.01); // '<project>/.bench/orders-1000000-bad-0.01'
 */
export function ordersDir(rows: number, badRowShare = 0): string {
  return path.join(BENCH_CACHE, badRowShare > 0 ? `orders-${rows}-bad-${badRowShare}` : `orders-${rows}`);
}

/**
 * The generator's mean activities per lead. It is cut by each lead's exposure (a lead created
 * last week has had a week to act), so 10.5 gives one million leads ten million activities, the
 * size #7 names; 10 gave 9.6 million.
 */
export const ACTIVITIES_PER_LEAD = 10.5;

/**
 * Where {@link leadsData} keeps its sample; the mean is in the name, so a changed mean is generated anew.
 * @example leadsDir(1_000_000); // '<project>/.bench/leads-1000000-a10.5'
 */
export function leadsDir(leads: number): string {
  return path.join(BENCH_CACHE, `leads-${leads}-a${ACTIVITIES_PER_LEAD}`);
}

/**
 * The folder with `leads` leads ({@link ACTIVITIES_PER_LEAD} activities each on average) and the orders they convert into.
 * @example const dir = await leadsData(1_000_000); // .bench/leads-1000000-a10.5
 */
export async function leadsData(leads: number): Promise<string> {
  const dir = leadsDir(leads);
  if (!existsSync(path.join(dir, 'truth.json'))) {
    process.stderr.write(`generating ${leads.toLocaleString('en-US')} leads with ~${ACTIVITIES_PER_LEAD} activities each…\n`);
    await generateSampleData({ outDir: dir, asOf: DEMO_AS_OF, orderRows: Math.min(leads, 1_000_000), leads, activitiesPerLead: ACTIVITIES_PER_LEAD });
  }
  return dir;
}

/**
 * `orders.parquet` beside the folder's orders.csv, converted once (again when the CSV is newer)
 * with DuckDB. The columns are typed the way a system's Parquet export has them — line and
 * quantity BIGINT, prices DOUBLE, order_date TIMESTAMP, the rest text — rather than all text,
 * so the run exercises typed columns under the same text mapping expressions. A cell the
 * type cannot hold (the generator's unparseable dates and prices) becomes NULL, so those rows
 * are quarantined as `missing order_date` / `amount not a number`. Rows keep the CSV's order.
 *
 * @example
 * ```ts
 * const file = await ordersParquet(await ordersData(1_000_000)); // .bench/orders-1000000/orders.parquet
 * ```
 */
export async function ordersParquet(dir: string): Promise<string> {
  const csv = path.join(dir, 'orders.csv');
  const parquet = path.join(dir, 'orders.parquet');
  if (existsSync(parquet) && statSync(parquet).mtimeMs >= statSync(csv).mtimeMs) return parquet;
  process.stderr.write(`converting ${path.relative(BENCH_ROOT, csv)} to Parquet…\n`);
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '2GB', threads: '2' });
  const connection = await instance.connect();
  try {
    const typed = ['line_no BIGINT', 'order_date TIMESTAMP', 'quantity BIGINT', 'unit_price DOUBLE', 'discount DOUBLE']
      .map((column) => column.split(' ') as [string, string])
      .map(([name, type]) => `TRY_CAST(${name} AS ${type}) AS ${name}`);
    await connection.run(
      `COPY (SELECT * REPLACE (${typed.join(', ')}) FROM read_csv(${literal(csv)}, all_varchar = true, header = true)) ` +
        `TO ${literal(`${parquet}.tmp`)} (FORMAT parquet, COMPRESSION snappy)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  // Written aside and renamed, so an interrupted conversion never leaves a truncated file.
  await rename(`${parquet}.tmp`, parquet);
  return parquet;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
