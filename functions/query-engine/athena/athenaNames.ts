/**
 * Names the Athena engine writes into SQL it builds itself. Relation and database names are
 * checked against a strict pattern rather than escaped, because Athena's DDL (Hive syntax,
 * backticks) and DML (Trino syntax, double quotes) quote differently; a name that needs no
 * quoting works in both.
 */

const RELATION = /^[a-z_][a-z0-9_]{0,127}$/;
const DATABASE = /^[a-z][a-z0-9_]{0,127}$/;

/**
 * Checks a relation name the job chose (e.g. `raw_orders`) and returns it lowercased, as Glue
 * stores it.
 *
 * @example
 * ```ts
 * relationName('orders_mapped'); // 'orders_mapped'
 * relationName('orders; DROP'); // throws
 * ```
 */
export function relationName(name: string): string {
  const lower = name.toLowerCase();
  if (!RELATION.test(lower)) throw new Error(`relation name not usable on Athena (letters, digits, underscores): ${name}`);
  return lower;
}

/** Checks a Glue database name. */
export function databaseName(name: string): string {
  if (!DATABASE.test(name)) throw new Error(`Glue database name not usable (lowercase letters, digits, underscores): ${name}`);
  return name;
}

/**
 * A Trino identifier in double quotes, for column names from export headers.
 *
 * @example
 * ```ts
 * quoteIdentifier('Unit "Price"'); // '"Unit ""Price"""'
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal with quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
