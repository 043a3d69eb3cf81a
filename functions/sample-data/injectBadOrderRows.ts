/**
 * Replaces a share of the data rows of a generated `orders.csv` with bad rows, every kind the
 * orders quarantine knows in equal parts, so a run over the file must quarantine exactly the
 * injected rows with the injected reasons (the bad-input-at-scale benchmark and its test).
 *
 * A post-processing step over the finished file, not part of the order process: the rows it
 * replaces are gone (their orders lose a line), everything else is byte-identical, and the
 * generator's own counts in `truth.json` describe the file before the replacement.
 *
 * Each replacement row keeps the original's order id, line number, channel, category and
 * country, and is otherwise written afresh — a customer id, a timestamp in the history, status
 * `paid`, USD, a numeric price — with exactly one defect. So its quarantine reason is the
 * injected one whatever the original row was, even if the original was one of the generator's
 * own bad rows (which is then displaced: `injected_bad_rows.csv` lists the replaced data rows so
 * a reader can tell).
 */
import { createReadStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CsvRecordParser } from '../exports/s3/CsvRecordParser.ts';
import { NON_NUMERIC_PRICES, UNPARSEABLE_TIMESTAMPS, zeroCounts } from './badRowReasons.ts';
import { CsvFileWriter, csvField } from './CsvFileWriter.ts';
import { Random } from './random.ts';
import { daysBetween, SECONDS_PER_DAY, TimestampFormat } from './timestampFormat.ts';

/**
 * The reasons of `sql/orders_checked.sql`, in its check order (the first failing check wins);
 * the unknown currency is GBP, which the demo configuration has no rate for.
 */
export const INJECTED_ORDER_BAD_ROW_REASONS = [
  'missing customer_id',
  'missing order_date',
  'unparseable order_date',
  'amount not a number',
  'order_date after as_of',
  'currency GBP not reporting currency',
] as const;
export type InjectedOrderBadRowReason = (typeof INJECTED_ORDER_BAD_ROW_REASONS)[number];

/** The file beside `orders.csv` that lists every replaced data row and its reason. */
export const INJECTED_ROWS_FILE = 'injected_bad_rows.csv';

export interface BadOrderRowInjection {
  /** Share of data rows to replace, in (0, 1): each row is replaced with this probability. */
  readonly share: number;
  readonly seed: number;
  /** `YYYY-MM-DD`: fresh timestamps fall before it, future-dated ones 1–180 days after. */
  readonly asOf: string;
  /** `YYYY-MM-DD`: first day of the history fresh timestamps are drawn from. */
  readonly historyStart: string;
}

/** What was injected; stored in `truth.json` under `injectedBadRows['orders.csv']`. */
export interface InjectedBadOrderRows {
  readonly share: number;
  /** Data rows in the file, before and after (replacement keeps the count). */
  readonly rowsWritten: number;
  /** Rows replaced, in total and per exact quarantine reason (equal parts, ±1). */
  readonly rows: number;
  readonly byReason: Readonly<Record<InjectedOrderBadRowReason, number>>;
  /** `source_row,reason` per replaced row; source_row counts data rows from 1, as quarantine files do. */
  readonly rowsFile: typeof INJECTED_ROWS_FILE;
}

/** Random stream of the injection: independent of the generator's streams for the same seed. */
const INJECTION_STREAM = 9;
const FUTURE_DAYS = [1, 180] as const;
const REQUIRED_COLUMNS = ['customer_id', 'email', 'order_date', 'status', 'currency', 'quantity', 'unit_price', 'discount'] as const;

/**
 * Rewrites `ordersFile` in place with a share of its rows replaced, writes the
 * {@link INJECTED_ROWS_FILE} beside it, and returns the counts. Same file and options → the
 * same result.
 *
 * @example
 * ```ts
 * const injected = await injectBadOrderRows('out/demo-data/orders.csv', { share: 0.01, seed: 42, asOf: '2025-06-30', historyStart: '2022-06-30' });
 * injected.byReason['missing order_date']; // ≈ rows / 6
 * ```
 */
export async function injectBadOrderRows(ordersFile: string, o: BadOrderRowInjection): Promise<InjectedBadOrderRows> {
  if (!(o.share > 0 && o.share < 1)) throw new Error(`the share of bad rows must be in (0, 1), got ${o.share}`);
  const rng = new Random(o.seed, INJECTION_STREAM);
  const historyDays = daysBetween(o.historyStart, o.asOf);
  const clock = new TimestampFormat(o.historyStart, historyDays + FUTURE_DAYS[1] + 1);
  const byReason = zeroCounts(INJECTED_ORDER_BAD_ROW_REASONS);
  const rowsFile = ordersFile.replace(/[^/\\]*$/, INJECTED_ROWS_FILE);
  const injectedOut = new CsvFileWriter(rowsFile, 'source_row,reason');
  const lines = createInterface({ input: createReadStream(ordersFile), crlfDelay: Infinity });
  let out: CsvFileWriter | undefined;
  let columns: Record<string, number> = {};
  let dataRows = 0;
  let injected = 0;

  for await (const line of lines) {
    if (out === undefined) {
      columns = columnIndexes(line, ordersFile);
      out = new CsvFileWriter(`${ordersFile}.tmp`, line);
      continue;
    }
    dataRows++;
    if (rng.next() < o.share) {
      const reason = INJECTED_ORDER_BAD_ROW_REASONS[injected % INJECTED_ORDER_BAD_ROW_REASONS.length] as InjectedOrderBadRowReason;
      injected++;
      byReason[reason]++;
      out.line(badRow(line, reason));
      injectedOut.line(`${dataRows},${reason}`);
    } else {
      out.line(line);
    }
    if (out.full) await out.flush();
    if (injectedOut.full) await injectedOut.flush();
  }
  if (out === undefined) throw new Error(`${ordersFile} is empty`);
  await Promise.all([out.close(), injectedOut.close()]);
  await rename(`${ordersFile}.tmp`, ordersFile);
  return { share: o.share, rowsWritten: dataRows, rows: injected, byReason, rowsFile: INJECTED_ROWS_FILE };

  /** The row rewritten with one defect; the other checked fields are valid whatever they were. */
  function badRow(line: string, reason: InjectedOrderBadRowReason): string {
    const fields = parseLine(line);
    const set = (column: string, value: string): void => {
      fields[columns[column] as number] = value;
    };
    const historySeconds = rng.uniform(0, historyDays * SECONDS_PER_DAY);
    set('status', 'paid');
    set('currency', 'USD');
    set('quantity', String(1 + rng.int(3)));
    set('unit_price', (5 + rng.int(10_000) / 100).toFixed(2));
    set('discount', '0.00');
    set('order_date', clock.timestamp(historySeconds));
    // A row without an identity gets one (a configuration may take the e-mail as the customer
    // id): only the injected defect may make the row bad.
    if ((fields[columns['customer_id'] as number] ?? '') === '') set('customer_id', `X${dataRows}`);
    if ((fields[columns['email'] as number] ?? '') === '') set('email', `x${dataRows}@example.com`);
    if (reason === 'missing customer_id') {
      // No customer id and no e-mail: neither can identify the customer.
      set('customer_id', '');
      set('email', '');
    } else if (reason === 'missing order_date') set('order_date', '');
    else if (reason === 'unparseable order_date') set('order_date', pick(UNPARSEABLE_TIMESTAMPS));
    else if (reason === 'amount not a number') set('unit_price', pick(NON_NUMERIC_PRICES));
    else if (reason === 'order_date after as_of') {
      set('order_date', clock.timestamp((historyDays + rng.uniform(FUTURE_DAYS[0], FUTURE_DAYS[1])) * SECONDS_PER_DAY));
    } else set('currency', 'GBP');
    return fields.map(csvField).join(',');
  }

  function pick(values: readonly string[]): string {
    return values[rng.int(values.length)] ?? '';
  }

  function parseLine(line: string): string[] {
    const [record] = new CsvRecordParser().push(`${line}\n`);
    return (record ?? []).map((field) => field ?? '');
  }

  function columnIndexes(header: string, file: string): Record<string, number> {
    const names = parseLine(header);
    const indexes: Record<string, number> = {};
    for (const column of REQUIRED_COLUMNS) {
      const index = names.indexOf(column);
      if (index < 0) throw new Error(`${file}: no column '${column}' to inject bad rows into`);
      indexes[column] = index;
    }
    return indexes;
  }
}
