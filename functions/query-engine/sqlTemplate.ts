import { isIsoDate } from '../runtime/isoDate.ts';

/**
 * Renders a `sql/` file's `{{name}}` placeholders as validated SQL literals. Both engines then
 * receive plain text; user input never reaches SQL except through these typed, checked literals.
 */

/** A parameter: its type decides how it is checked and written. */
export type SqlParam =
  | { readonly date: string }
  | { readonly number: number }
  | { readonly text: string }
  /** Trusted SQL built by this program: a relation (a VALUES list, a table name) or an expression ({@link lookupCase}). */
  | { readonly sql: string };

export type SqlParams = Readonly<Record<string, SqlParam>>;

/**
 * @example
 * ```ts
 * renderSql('SELECT * FROM orders WHERE order_date <= {{as_of}}', { as_of: { date: '2024-06-30' } });
 * // "SELECT * FROM orders WHERE order_date <= DATE '2024-06-30'"
 * ```
 */
export function renderSql(template: string, params: SqlParams): string {
  return template.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g, (_match, name: string) => {
    const param = params[name];
    if (!param) throw new Error(`SQL parameter {{${name}}} has no value`);
    return renderParam(name, param);
  });
}

function renderParam(name: string, param: SqlParam): string {
  if ('date' in param) {
    if (!isIsoDate(param.date)) {
      throw new Error(`SQL parameter {{${name}}} is not a date: ${param.date}`);
    }
    return `DATE '${param.date}'`;
  }
  if ('number' in param) {
    if (!Number.isFinite(param.number)) throw new Error(`SQL parameter {{${name}}} is not a finite number`);
    // Written as a DOUBLE literal so Trino does not treat 0.2 as DECIMAL(1,1).
    return `CAST(${String(param.number)} AS DOUBLE)`;
  }
  if ('text' in param) return textLiteral(param.text);
  return param.sql;
}

/** A SQL string literal with quotes escaped. */
export function textLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The column types {@link valuesRelation} and {@link lookupCase} write literals of. */
export type SqlValueType = 'VARCHAR' | 'DOUBLE' | 'BIGINT';

function typedLiteral(value: string | number, type: SqlValueType): string {
  return `CAST(${typeof value === 'number' ? String(value) : textLiteral(value)} AS ${type})`;
}

/**
 * A VALUES relation with typed columns that works on Trino and DuckDB, also when empty.
 *
 * @example
 * ```ts
 * valuesRelation(['currency', 'rate'], ['VARCHAR', 'DOUBLE'], [['EUR', 1.08]]);
 * ```
 */
export function valuesRelation(
  columns: readonly string[],
  types: readonly SqlValueType[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const typed = (value: string | number, i: number): string => typedLiteral(value, types[i] as SqlValueType);
  if (rows.length === 0) {
    const nulls = columns.map((c, i) => `CAST(NULL AS ${types[i]}) AS ${c}`).join(', ');
    return `(SELECT ${nulls} WHERE 1 = 0)`;
  }
  const body = rows.map((r) => `(${r.map(typed).join(', ')})`).join(', ');
  return `(SELECT * FROM (VALUES ${body}) AS v (${columns.join(', ')}))`;
}

/**
 * `CASE key … END`: the key looked up in a small table (the first entry with the key wins; a key
 * not listed, or NULL, gives NULL; an empty table gives a typed NULL). For a table applied to
 * every row of a large relation: a join with {@link valuesRelation} probes a hash table per row,
 * about a second per lookup on ten million order lines.
 *
 * @param key a column (or expression) of the relation the CASE is evaluated on
 *
 * @example
 * ```ts
 * lookupCase('currency', ['VARCHAR', 'DOUBLE'], [['EUR', 1.08]]);
 * // "CASE currency WHEN CAST('EUR' AS VARCHAR) THEN CAST(1.08 AS DOUBLE) END"
 * ```
 */
export function lookupCase(key: string, types: readonly [SqlValueType, SqlValueType], entries: readonly (readonly [string | number, string | number])[]): string {
  const [keyType, valueType] = types;
  if (entries.length === 0) return `CAST(NULL AS ${valueType})`;
  return `CASE ${key} ${entries.map(([k, value]) => `WHEN ${typedLiteral(k, keyType)} THEN ${typedLiteral(value, valueType)}`).join(' ')} END`;
}
