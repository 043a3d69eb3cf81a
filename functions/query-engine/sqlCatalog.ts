import { readFileSync } from 'node:fs';

/**
 * The SQL files of `sql/`, read once. On Lambda the bundle ships the folder beside the handler
 * and `SEGMENT_SHEETS_SQL_DIR` points at it.
 */
const cache = new Map<string, string>();

function sqlDirectory(): URL {
  const fromEnv = process.env['SEGMENT_SHEETS_SQL_DIR'];
  if (fromEnv) return new URL(`file://${fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`}`);
  return new URL('../../sql/', import.meta.url);
}

/**
 * @example
 * ```ts
 * const sql = loadSql('customer_features'); // text of sql/customer_features.sql
 * ```
 */
export function loadSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`${name}.sql`, sqlDirectory()), 'utf8');
    cache.set(name, text);
  }
  return text;
}
