/**
 * How Athena (engine v3) classifies a statement in GetQueryExecution, and the DuckDB statement
 * that does the same work. Only the statement shapes the Athena query engine issues are
 * accepted, in the syntax Athena requires: Hive DDL (databases, `DROP TABLE`) with backticks,
 * Trino SQL with double quotes everywhere else. Anything else is refused, so the fake cannot
 * quietly run SQL that Athena would reject.
 */
export interface AthenaStatement {
  readonly statementType: 'DDL' | 'DML';
  /** As GetQueryExecution reports it, e.g. `CREATE_TABLE_AS_SELECT`, `SELECT`. */
  readonly substatementType: string;
  /** What DuckDB runs: databases become schemas, CTAS loses its Athena-only `WITH (...)` properties. */
  readonly duckDbSql: string;
  /** A SELECT: its rows are the query result. */
  readonly returnsRows: boolean;
}

const NAME = '[a-z_][a-z0-9_]*';

const SHAPES: readonly { readonly pattern: RegExp; readonly statement: (match: RegExpExecArray) => AthenaStatement }[] = [
  {
    pattern: new RegExp(`^DROP DATABASE IF EXISTS \`(${NAME})\` CASCADE$`, 'i'),
    statement: (m) => ddl('DROP_DATABASE', `DROP SCHEMA IF EXISTS "${m[1]}" CASCADE`),
  },
  {
    pattern: new RegExp(`^CREATE DATABASE \`(${NAME})\`$`, 'i'),
    statement: (m) => ddl('CREATE_DATABASE', `CREATE SCHEMA "${m[1]}"`),
  },
  {
    // CTAS: the table properties (format, compression) are Athena's; DuckDB keeps tables in memory.
    pattern: new RegExp(`^CREATE TABLE (${NAME}\\.${NAME}) WITH \\(\\s*[a-z_]+ = '[^']*'(?:,\\s*[a-z_]+ = '[^']*')*\\s*\\) AS\\s+([\\s\\S]+)$`, 'i'),
    statement: (m) => ddl('CREATE_TABLE_AS_SELECT', `CREATE TABLE ${m[1]} AS ${m[2]}`),
  },
  {
    pattern: new RegExp(`^CREATE OR REPLACE VIEW ${NAME}\\.${NAME} AS\\s`, 'i'),
    statement: (m) => ddl('CREATE_VIEW', m.input),
  },
  {
    pattern: new RegExp(`^DROP TABLE IF EXISTS \`(${NAME})\`\\.\`(${NAME})\`$`, 'i'),
    statement: (m) => ddl('DROP_TABLE', `DROP TABLE IF EXISTS "${m[1]}"."${m[2]}"`),
  },
  {
    pattern: new RegExp(`^DROP VIEW IF EXISTS ${NAME}\\.${NAME}$`, 'i'),
    statement: (m) => ddl('DROP_VIEW', m.input),
  },
  {
    pattern: /^(SELECT|WITH)\s/i,
    statement: (m) => ({ statementType: 'DML', substatementType: 'SELECT', duckDbSql: m.input, returnsRows: true }),
  },
];

/**
 * Classifies an Athena statement and translates it for DuckDB.
 *
 * @throws Error for a statement shape the Athena query engine does not issue.
 * @example
 * ```ts
 * athenaStatementOnDuckDb("CREATE TABLE w.t WITH (format = 'PARQUET') AS\nSELECT 1 AS x");
 * // { statementType: 'DDL', substatementType: 'CREATE_TABLE_AS_SELECT', duckDbSql: 'CREATE TABLE w.t AS SELECT 1 AS x', returnsRows: false }
 * ```
 */
export function athenaStatementOnDuckDb(sql: string): AthenaStatement {
  // Leading comments (the sql/ files open with one) do not change what a statement is.
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '').trim();
  for (const shape of SHAPES) {
    const match = shape.pattern.exec(text);
    if (match) return shape.statement(match);
  }
  throw new Error(`the fake Athena does not run this statement: ${text.split('\n')[0]}`);
}

function ddl(substatementType: string, duckDbSql: string): AthenaStatement {
  return { statementType: 'DDL', substatementType, duckDbSql, returnsRows: false };
}
