/**
 * Athena's view of a DuckDB result: the column types GetQueryResults reports, how it prints
 * values, and the header of the result file it writes to the workgroup's output location
 * (aws.md §1.9): every value in double quotes, NULL as an unquoted empty field.
 */

/** A result column as Athena names and types it. */
export interface AthenaResultColumn {
  /** Athena lowercases column names. */
  readonly name: string;
  /** Trino type name, e.g. `varchar`, `bigint`, `double`, `date`, `timestamp`, `decimal`. */
  readonly type: string;
  /** The DuckDB expression that prints a value as Athena prints it, from column `source`. */
  readonly text: string;
}

const SIMPLE_TYPES: Readonly<Record<string, string>> = {
  VARCHAR: 'varchar',
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  // DuckDB widens sum(bigint) to a 128-bit integer; Trino keeps bigint.
  HUGEINT: 'bigint',
  FLOAT: 'real',
  DOUBLE: 'double',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp with time zone',
};

/**
 * The Athena column for a DuckDB result column.
 *
 * @throws Error for a type the job's SQL should never return (lists, structs, ...): Athena would
 * return it in a shape the engine does not read.
 * @example
 * ```ts
 * athenaResultColumn('Recency_Days', 'BIGINT'); // { name: 'recency_days', type: 'bigint', text: 'CAST("Recency_Days" AS VARCHAR)' }
 * ```
 */
export function athenaResultColumn(source: string, duckDbType: string): AthenaResultColumn {
  const quoted = `"${source.replace(/"/g, '""')}"`;
  const type = /^DECIMAL\(/.test(duckDbType) ? 'decimal' : SIMPLE_TYPES[duckDbType];
  if (type === undefined) throw new Error(`the fake Athena has no result type for DuckDB's ${duckDbType} (column ${source})`);
  // Athena prints timestamps with milliseconds, and the zone of a zoned one.
  const text =
    type === 'timestamp'
      ? `strftime(${quoted}, '%Y-%m-%d %H:%M:%S.%g')`
      : type === 'timestamp with time zone'
        ? `strftime(${quoted}, '%Y-%m-%d %H:%M:%S.%g') || ' UTC'`
        : `CAST(${quoted} AS VARCHAR)`;
  return { name: source.toLowerCase(), type, text };
}

/**
 * The first line of the result file Athena writes for a SELECT: the column names, quoted as
 * every value in the file is.
 *
 * @example
 * ```ts
 * athenaResultHeader(['n', 'label']); // '"n","label"\n'
 * ```
 */
export function athenaResultHeader(names: readonly string[]): string {
  return `${names.map((name) => `"${name.replace(/"/g, '""')}"`).join(',')}\n`;
}
