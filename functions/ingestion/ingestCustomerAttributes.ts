import type { Config } from '../config/configSchema.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import { UserError } from '../runtime/UserError.ts';
import { registerSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';
import { writeQuarantine } from './writeQuarantine.ts';

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
  const [row] = await engine.query(
    `SELECT count(*) AS mapped, count_if(${id} IS NULL) AS missing FROM ${registered.mappedRelation}`,
  );
  const rowsMapped = Number(row?.['mapped'] ?? 0);
  const missing = Number(row?.['missing'] ?? 0);
  const rowsRead =
    source.filters.length === 0
      ? rowsMapped
      : Number((await engine.query(`SELECT count(*) AS n FROM ${registered.rawRelation}`))[0]?.['n'] ?? 0);
  if (missing > 0) {
    await writeQuarantine(engine, results, CUSTOMERS_QUARANTINE_FILE, registered.rawRelation, registered.exportColumns,
      `SELECT _source_row, 'missing customer_id' AS reject_reason FROM ${registered.mappedRelation} WHERE ${id} IS NULL`);
  }
  return {
    attributes,
    counts: {
      path: source.path,
      rowsRead,
      rowsFiltered: rowsRead - rowsMapped,
      rowsUsed: rowsMapped - missing,
      rowsQuarantined: missing,
      quarantinedByReason: missing > 0 ? { 'missing customer_id': missing } : {},
      ...(missing > 0 ? { quarantineFile: CUSTOMERS_QUARANTINE_FILE } : {}),
    },
  };
}
