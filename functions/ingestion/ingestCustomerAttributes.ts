import { CUSTOMER_FIELDS } from '../config/canonicalFields.ts';
import type { Config } from '../config/configSchema.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import { UserError } from '../runtime/UserError.ts';
import { registerSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';
import { accountRows } from './accountRows.ts';
import { writeQuarantine } from './writeQuarantine.ts';

export const CUSTOMERS_QUARANTINE_FILE = 'quarantine_customers.csv';
/** Relation of the customers source's contact identifiers (`email`, `phone`, … as mapped), one row per customer id. */
export const CUSTOMER_IDENTIFIERS_RELATION = 'customer_identifiers';

export interface CustomerAttributes {
  readonly counts: SourceCounts;
  /** Attribute column names of relation `customer_attributes` (besides `customer_id`). */
  readonly attributes: readonly string[];
  /** Mapped contact identifiers, the columns of relation `customer_identifiers` (besides `customer_id`). */
  readonly identifiers: readonly string[];
}

/**
 * Builds relation `customer_attributes` (one row per customer id: demographic and survey
 * columns) from the optional customers export, and `customer_identifiers` (contact fields for
 * audiences, kept apart so they never become attribute columns). Rows without a customer id are
 * quarantined; when an id repeats, the last row in the file wins.
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
  const identifiers = CUSTOMER_FIELDS.optional.filter((f) => source.mapping[f] !== undefined);
  if (attributes.length === 0 && identifiers.length === 0) {
    throw new UserError('customers: map at least one attribute or identifier column besides customer_id (sources.customers.mapping)');
  }
  const id = `NULLIF(trim(CAST(customer_id AS VARCHAR)), '')`;
  const latestPerCustomer = (name: string, fields: readonly string[]) => engine.materialize(
    name,
    `SELECT ${id} AS customer_id, ${fields.map((a) => `max_by(NULLIF(trim(CAST(${a} AS VARCHAR)), ''), _source_row) AS ${a}`).join(', ')} ` +
      `FROM ${registered.mappedRelation} WHERE ${id} IS NOT NULL GROUP BY ${id}`,
  );
  if (attributes.length > 0) await latestPerCustomer('customer_attributes', attributes);
  if (identifiers.length > 0) await latestPerCustomer(CUSTOMER_IDENTIFIERS_RELATION, identifiers);
  // Rows without an id are the only rejects; they go through the same accounting as every source.
  await engine.defineView('customers_checked',
    `SELECT _source_row, CASE WHEN ${id} IS NULL THEN 'missing customer_id' END AS reject_reason FROM ${registered.mappedRelation}`);
  const counts = await accountRows(engine, 'customers', source, registered, 'customers_checked', CUSTOMERS_QUARANTINE_FILE);
  await writeQuarantine(engine, results, counts, registered, 'customers_checked');
  await engine.drop('customers_checked');
  // The attributes are in their own relations now; the export's copy (if any) goes.
  await engine.drop(registered.rawRelation);
  return { attributes, identifiers, counts };
}
