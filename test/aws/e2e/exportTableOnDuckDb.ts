import type { ExportTable } from '../../../functions/query-engine/athena/exportTables.ts';

export interface ExportTableSite {
  /** The Glue database the stack defines the export tables in. */
  readonly database: string;
  /** The exports bucket, for `"$path"`. */
  readonly bucket: string;
  /** Local folder holding a copy of the bucket's objects under their keys. */
  readonly localRoot: string;
}

/**
 * A DuckDB view that reads a local copy of an export the way Athena reads it through the Glue
 * table the stack defines (infra/constructs/ExportTables.ts), as aws.md §1.3 describes:
 * - OpenCSVSerDe: every column text under its Glue name, by position; an empty field is `''`,
 *   not NULL (`allow_quoted_nulls = false` and a `nullstr` that never occurs);
 * - `skip.header.line.count = 1` when the export has a header;
 * - partition projection on `dt`: a text column from the `dt=` folder (`hive_types_autocast =
 *   false`, as Glue declares it `string`);
 * - the hidden `"$path"` column: the object's `s3://` URL, from the local file name.
 *
 * @example
 * ```ts
 * await connection.run(exportTableViewSql(ordersTable, { database: 'segment_sheets', bucket: 'exports', localRoot: '/tmp/x' }));
 * ```
 */
export function exportTableViewSql(table: ExportTable, site: ExportTableSite): string {
  if (table.format === 'parquet') throw new Error(`the fake Athena reads CSV exports only (${table.tableName} is Parquet)`);
  const root = site.localRoot.replace(/\/+$/, '');
  const partitioned = table.layout === 'dt-partitions';
  const files = `${root}/${table.prefix}${partitioned ? '*/*' : '*'}`;
  const names = table.columns.map((c) => literal(c.name)).join(', ');
  const reader =
    `read_csv(${literal(files)}, all_varchar = true, header = ${table.header}, names = [${names}], ` +
    `delim = ${literal(table.delimiter)}, quote = '"', escape = '"', allow_quoted_nulls = false, nullstr = '\\N', ` +
    `hive_partitioning = ${partitioned}, hive_types_autocast = false)`;
  const columns = [...table.columns.map((c) => identifier(c.name)), ...(partitioned ? ['"dt"'] : [])];
  // `filename` is DuckDB's virtual column: the local path of the row's file.
  const path = `${literal(`s3://${site.bucket}/`)} || substr(filename, ${root.length + 2}) AS "$path"`;
  return `CREATE OR REPLACE VIEW ${identifier(site.database)}.${identifier(table.tableName)} AS SELECT ${columns.join(', ')}, ${path} FROM ${reader}`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
