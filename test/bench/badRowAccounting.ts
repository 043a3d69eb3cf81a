/**
 * The check of the bad-input-at-scale benchmark: a run over a file with injected bad rows must
 * quarantine exactly what was injected, per reason.
 *
 * The clean file is not free of bad rows (the generator plants its own, 0.5% by default), and an
 * injected row can replace one of them. So per reason:
 *
 *   expected = clean run's count − displaced + injected
 *
 * where *displaced* counts the clean run's quarantined rows (by their clean reason) whose data
 * row number is in the injection's list — rows that the replacement took away. The clean
 * counts come from the clean run's `run.json`, the displaced rows from its quarantine file, the
 * injected counts from the generator's `truth.json`; the check is exact equality.
 */
import { readFile } from 'node:fs/promises';
import { CsvRecordParser } from '../../functions/exports/s3/CsvRecordParser.ts';

export interface ReasonAccounting {
  readonly reason: string;
  readonly clean: number;
  readonly displaced: number;
  readonly injected: number;
  readonly expected: number;
  readonly actual: number;
}

export interface BadRowAccounting {
  readonly reasons: readonly ReasonAccounting[];
  /** Every reason's actual count equals its expected count. */
  readonly matches: boolean;
}

type Counts = Readonly<Record<string, number>>;

/**
 * Compares the bad run's quarantine counts with clean − displaced + injected, per reason.
 *
 * @example
 * ```ts
 * accountBadRows({ clean: { 'missing customer_id': 5 }, displaced: {}, injected: { 'missing customer_id': 10 }, actual: { 'missing customer_id': 15 } }).matches; // true
 * ```
 */
export function accountBadRows(counts: { clean: Counts; displaced: Counts; injected: Counts; actual: Counts }): BadRowAccounting {
  const reasons = [...new Set([...Object.keys(counts.injected), ...Object.keys(counts.clean), ...Object.keys(counts.actual)])];
  const rows = reasons.map((reason) => {
    const clean = counts.clean[reason] ?? 0;
    const displaced = counts.displaced[reason] ?? 0;
    const injected = counts.injected[reason] ?? 0;
    return { reason, clean, displaced, injected, expected: clean - displaced + injected, actual: counts.actual[reason] ?? 0 };
  });
  return { reasons: rows, matches: rows.every((r) => r.actual === r.expected) };
}

/**
 * The clean run's quarantined rows that the injection replaced, counted by their clean reason.
 *
 * @param cleanQuarantineFile the clean run's `quarantine_orders.csv` (absent when it quarantined nothing)
 * @param injectedRowsFile the generator's `injected_bad_rows.csv` (`source_row,reason`)
 * @example
 * ```ts
 * const displaced = await displacedByReason('.bench/out/quarantine_orders.csv', '.bench/orders-bad/injected_bad_rows.csv');
 * ```
 */
export async function displacedByReason(cleanQuarantineFile: string | undefined, injectedRowsFile: string): Promise<Record<string, number>> {
  const injectedRows = new Set((await readRecords(injectedRowsFile, ['source_row'])).map(([row]) => Number(row)));
  const displaced: Record<string, number> = {};
  if (cleanQuarantineFile === undefined) return displaced;
  for (const [reason = '', row] of await readRecords(cleanQuarantineFile, ['quarantine_reason', 'source_row'])) {
    if (injectedRows.has(Number(row))) displaced[reason] = (displaced[reason] ?? 0) + 1;
  }
  return displaced;
}

/** The named columns of a CSV file's data rows. */
async function readRecords(file: string, columns: readonly string[]): Promise<string[][]> {
  const parser = new CsvRecordParser();
  const [header = [], ...records] = [...parser.push(await readFile(file, 'utf8')), ...parser.end()];
  const indexes = columns.map((column) => {
    const index = header.indexOf(column);
    if (index < 0) throw new Error(`${file}: no column ${column}`);
    return index;
  });
  return records.map((record) => indexes.map((i) => record[i] ?? ''));
}
