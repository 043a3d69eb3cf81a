import type { Config } from '../config/configSchema.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import { UserError } from '../runtime/UserError.ts';
import { registerSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';
import { accountRows } from './accountRows.ts';

export const CUSTOMERS_QUARANTINE_FILE = 'quarantine_customers.csv';

export interface CustomerAttributes {
  readonly counts: SourceCounts;
  /** Attribute column names of relation `customer_attributes` (besides `customer_id`). */
  readonly attributes: readonly string[];
}

/**
 * Builds relation `customer_attributes` (one row per customer id: demographic and survey
 * columns) from the optional customers export. Rows without a customer id are quarantined;
 * when an id repeats, the last row in the file wins.
 */
export async function ingestCustomerAttributes(
  engine: QueryEngine,
  config: Config,
  results: ResultStore,
): Promise<CustomerAttributes | undefined> {
  const source = config.sources.customers;
  if (!source) return undefined;
  const registered = await registerSource(engine, 'customers', source);
  const attributes = registered.mapped.attributes;
  if (attributes.length === 0) {
    throw new UserError('customers: map at least one attribute column besides customer_id (sources.customers.mapping)');
  }
  const id = `NULLIF(trim(CAST(customer_id AS VARCHAR)), '')`;
  const latest = attributes
    .map((a) => `max_by(NULLIF(trim(CAST(${a} AS VARCHAR)), ''), _source_row) AS ${a}`)
    .join(', ');
  await engine.materialize(
    'customer_attributes',
    `SELECT ${id} AS customer_id, ${latest} FROM ${registered.mappedRelation} WHERE ${id} IS NOT NULL GROUP BY ${id}`,
  );
  // Rows without an id are the only rejects; they go through the same accounting as every source.
  await engine.defineView('customers_checked',
    `SELECT _source_row, CASE WHEN ${id} IS NULL THEN 'missing customer_id' END AS reject_reason FROM ${registered.mappedRelation}`);
  const counts = await accountRows(engine, results, 'customers', source, registered, 'customers_checked', CUSTOMERS_QUARANTINE_FILE);
  await engine.drop('customers_checked');
  return { attributes, counts };
}
