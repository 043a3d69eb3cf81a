import type { Config } from '../config/configSchema.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import { loadSql } from '../query-engine/sqlCatalog.ts';
import { lookupCase, renderSql } from '../query-engine/sqlTemplate.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import { UserError } from '../runtime/UserError.ts';
import { messageOf, registerSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';
import { accountRows } from './accountRows.ts';
import { writeQuarantine } from './writeQuarantine.ts';

export const ORDERS_QUARANTINE_FILE = 'quarantine_orders.csv';

/** The relations {@link ingestOrders} leaves for later steps (to drop once they are read). */
export const ORDER_RELATIONS = ['orders', 'customer_categories'] as const;

/** Relation of the rejected rows' keys and reasons, kept until the quarantine file is written. */
const REJECTED_RELATION = 'orders_rejected';

export interface IngestedOrders {
  readonly counts: SourceCounts;
  /**
   * Writes `quarantine_orders.csv` (nothing when no row was rejected); call it once, before the
   * results are committed. Finding the rejected rows' numbers scans the export again in file
   * order, on one engine thread (about 6 s for ten million rows on DuckDB), so the customer job
   * runs it while JavaScript scores the customers and the engine's other threads would be idle.
   */
  readonly writeQuarantine: () => Promise<void>;
}

/**
 * Builds relation `orders` (one row per customer order, net revenue in the reporting currency)
 * and `customer_categories` (net revenue per customer and product category, from the lines)
 * from the orders export, and counts every row that cannot be used by its reason; those rows go
 * to the quarantine file when the caller asks ({@link IngestedOrders.writeQuarantine}).
 *
 * Fails with a {@link UserError} when the export has no data rows or every row is rejected.
 *
 * @example
 * ```ts
 * const { counts, writeQuarantine } = await ingestOrders(engine, config, '2024-06-30', results);
 * counts.rowsRead === counts.rowsUsed + counts.rowsQuarantined + counts.rowsFiltered; // true
 * await writeQuarantine();
 * ```
 */
export async function ingestOrders(
  engine: QueryEngine,
  config: Config,
  asOf: string,
  results: ResultStore,
): Promise<IngestedOrders> {
  const source = config.sources.orders;
  // Orders are the largest export and their SQL needs no row order: checked in parallel.
  const registered = await registerSource(engine, 'orders', source, '_row_key');
  const fxRates = Object.entries(config.fxRates).map(([currency, rate]) => [currency, rate] as [string, number]);
  const statusRules = [
    ...config.statuses.cancelled.map((s) => [s.toLowerCase(), 'cancelled'] as [string, string]),
    ...config.statuses.returned.map((s) => [s.toLowerCase(), 'returned'] as [string, string]),
  ];
  const checkedSql = renderSql(loadSql('orders_checked'), {
    as_of: { date: asOf },
    time_zone: { text: source.timeZone },
    reporting_currency: { text: config.reportingCurrency },
    fx_rate: { sql: lookupCase('currency', ['VARCHAR', 'DOUBLE'], fxRates) },
    status_effect: { sql: lookupCase('status', ['VARCHAR', 'VARCHAR'], statusRules) },
  });
  try {
    // Compact: one row per export line (1.6 GB at ten million uncompressed in DuckDB), held
    // while the orders are aggregated from it, would otherwise set the job's peak memory.
    await engine.materialize('orders_checked', checkedSql, { compact: true });
  } catch (error) {
    throw new UserError(`orders: cannot read ${source.path}: ${messageOf(error)}`);
  }

  const counts = await accountRows(engine, 'orders', source, registered, 'orders_checked', ORDERS_QUARANTINE_FILE);
  if (counts.rowsQuarantined > 0) {
    // writeQuarantine de-duplicates the keys; only the rejected rows are kept.
    await engine.materialize(REJECTED_RELATION, `SELECT _row_key, reject_reason FROM orders_checked WHERE reject_reason IS NOT NULL`);
  }
  // Lines are classified once (a view); orders and the per-category revenue both read them.
  await engine.defineView('order_lines', loadSql('order_lines'));
  await engine.materialize('orders', loadSql('orders'));
  await engine.materialize('customer_categories', loadSql('customer_categories'));
  await engine.drop('order_lines');
  await engine.drop('orders_checked');
  return {
    counts,
    writeQuarantine: async () => {
      await writeQuarantine(engine, results, counts, registered, REJECTED_RELATION);
      await engine.drop(REJECTED_RELATION);
    },
  };
}
