import { DuckDBInstance } from '@duckdb/node-api';
import nodeSqlParser from 'node-sql-parser/build/trino.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The SQL in sql/ is one set of files for Athena (Trino) and DuckDB. Every file must parse as
 * Trino (node-sql-parser's `trino` grammar) and as DuckDB, and must avoid the constructs below:
 * DuckDB-only syntax that the Trino grammar happens to accept, and functions whose results
 * differ between the engines (aws.md §2.1). Running the files on DuckDB end to end is the
 * pipeline tests' job; here each file is parsed on its own, with `{{name}}` placeholders
 * standing in as plain identifiers (they render to literals or relation names).
 */
const NOT_PORTABLE: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /::/, why: 'DuckDB cast shorthand; write CAST(x AS type)' },
  { pattern: /\/\//, why: 'DuckDB integer division; write CAST(x AS DOUBLE) / y or floor()' },
  { pattern: /\bQUALIFY\b/i, why: 'DuckDB-only; filter a window result in an outer query' },
  { pattern: /\bGROUP\s+BY\s+ALL\b/i, why: 'DuckDB-only; list the grouping columns' },
  { pattern: /\bEXCLUDE\s*\(/i, why: 'DuckDB-only SELECT * EXCLUDE; list the columns' },
  { pattern: /\bILIKE\b/i, why: 'not in Trino; write lower(x) LIKE ...' },
  { pattern: /\[/, why: 'list literals and subscripts are not portable; keep arrays out of feature SQL' },
  { pattern: /\b(current_date|current_timestamp|now|today|localtimestamp)\b/i, why: 'as_of is a parameter, never the clock' },
  { pattern: /\b(read_csv\w*|read_parquet|read_json\w*)\s*\(/i, why: 'DuckDB table functions; read registered relations' },
  { pattern: /\b(strftime|strptime|epoch|list_\w+|struct_pack|regexp_matches|dayofweek|isodow|quantile_cont|quantile_disc|median)\s*\(/i, why: 'DuckDB-only function' },
  { pattern: /\bdow\b/i, why: 'day-of-week numbering differs; use day_of_week (ISO)' },
  { pattern: /\b(approx_percentile|approx_quantile)\s*\(/i, why: 'approximate on one engine, exact on the other; use row_number()' },
  { pattern: /\bconcat\s*\(/i, why: 'NULL handling differs (DuckDB skips NULLs); use || with coalesce' },
  { pattern: /\bregexp_replace\s*\(/i, why: 'replaces all matches on Trino, the first on DuckDB' },
  { pattern: /\bdate_add\s*\(/i, why: 'signatures differ; write d + INTERVAL and CAST(... AS DATE)' },
];

const SQL_DIR = path.resolve(import.meta.dirname, '../../sql');
const files = readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql')).sort();

/** The SQL with comments and string literals blanked out, so the patterns see only code. */
function codeOnly(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

function withPlaceholdersAsIdentifiers(sql: string): string {
  return sql.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g, '$1');
}

const { Parser } = nodeSqlParser as unknown as { Parser: new () => { astify(sql: string, options: { database: string }): unknown } };
const trino = new Parser();
let duckdb: DuckDBInstance;

beforeAll(async () => {
  duckdb = await DuckDBInstance.create(':memory:');
});
afterAll(() => duckdb.closeSync());

describe('the SQL in sql/ is portable between Athena and DuckDB', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s parses as Trino SQL', (file) => {
    const sql = withPlaceholdersAsIdentifiers(readFileSync(path.join(SQL_DIR, file), 'utf8'));
    expect(() => trino.astify(sql, { database: 'trino' })).not.toThrow();
  });

  it.each(files)('%s parses as DuckDB SQL', async (file) => {
    const sql = withPlaceholdersAsIdentifiers(readFileSync(path.join(SQL_DIR, file), 'utf8'));
    const connection = await duckdb.connect();
    try {
      // json_serialize_sql parses without binding: no tables needed, syntax errors reported.
      const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${`'${sql.replace(/'/g, "''")}'`}) AS tree`);
      const tree = JSON.parse(String(reader.getRowObjects()[0]?.['tree'])) as { error: boolean; error_message?: string };
      expect(tree.error_message ?? '').toBe('');
      expect(tree.error).toBe(false);
    } finally {
      connection.closeSync();
    }
  });

  it.each(files)('%s avoids constructs that are DuckDB-only or answer differently', (file) => {
    const code = codeOnly(readFileSync(path.join(SQL_DIR, file), 'utf8'));
    const violations = NOT_PORTABLE.filter((rule) => rule.pattern.test(code)).map((rule) => `${rule.pattern.source}: ${rule.why}`);
    expect(violations).toEqual([]);
  });

  it('catches what the Trino grammar lets through', () => {
    const flagged = (sql: string) => NOT_PORTABLE.some((rule) => rule.pattern.test(codeOnly(sql)));
    expect(flagged('SELECT amount::DOUBLE FROM orders')).toBe(true);
    expect(flagged("SELECT * FROM orders WHERE email ILIKE '%@x.com'")).toBe(true);
    expect(flagged('SELECT frequency // 2 FROM customer_features')).toBe(true);
    expect(flagged("SELECT date_diff('day', last_order_date, current_date) FROM customer_features")).toBe(true);
    expect(flagged("SELECT 'a::b' AS text -- current_date in a comment\nFROM orders")).toBe(false);
  });
});
