import { formatS3Url } from '../../exports/s3/S3Location.ts';
import type { LatestExport } from '../../exports/s3/findLatestExport.ts';
import { quoteIdentifier, quoteString } from './athenaNames.ts';
import type { ExportTable } from './exportTables.ts';

/** The two statements that make an export queryable as a relation on Athena. */
export interface ExportSnapshotSql {
  /** CTAS: the latest export's rows, numbered, as positional text columns `c1`…`cN`. */
  readonly snapshot: string;
  /** View named as the relation: `_source_row`, `_row_key` and the columns under their export names. */
  readonly view: string;
  /** The same without `_source_row`, named {@link unorderedRelation}(relation). */
  readonly unorderedView: string;
}

export interface ExportSnapshotInput {
  readonly exportsDatabase: string;
  readonly table: ExportTable;
  readonly latest: LatestExport;
  /** Work database and relation names, already checked. */
  readonly workDatabase: string;
  readonly snapshotName: string;
  readonly viewName: string;
  readonly unorderedViewName: string;
  /** Glue column to read for each export column, in export order. */
  readonly glueColumns: readonly string[];
  /** Names the relation shows (the export's header spelling). */
  readonly exportColumns: readonly string[];
}

/**
 * Builds the SQL for `registerExport` on Athena. The export is copied once into a Parquet
 * snapshot so `_source_row` is numbered once per run and stays the same in every later query
 * (a window function in a view would renumber on each read, in any order). The `WHERE`
 * restricts the read to the latest export: one `dt` partition (values checked as dates), or
 * one object by `"$path"` (a quoted literal).
 *
 * `row_number() OVER ()` follows the scan order, which is the file's line order for a file Athena
 * reads as one split (gzip files always; plain files up to the split size); beyond that the
 * numbers are unique and stable for the run but need not equal the line number.
 *
 * @example
 * ```ts
 * const { snapshot, view } = exportSnapshotSql({ ...input });
 * ```
 */
export function exportSnapshotSql(input: ExportSnapshotInput): ExportSnapshotSql {
  const columns = input.table.columns;
  const selected = input.glueColumns.map((glueName, i) => {
    const type = columns.find((c) => c.name === glueName)?.type ?? 'string';
    const column = quoteIdentifier(glueName);
    return `${type === 'string' ? column : `CAST(${column} AS varchar)`} AS c${i + 1}`;
  });
  const where =
    input.latest.layout === 'dt-partitions'
      ? `"dt" = ${quoteString(checkedDate(input.latest.dt))}`
      : `"$path" = ${quoteString(formatS3Url({ bucket: input.latest.bucket, key: input.latest.objects[0].key }))}`;
  const snapshot =
    `CREATE TABLE ${input.workDatabase}.${input.snapshotName} ` +
    `WITH (format = 'PARQUET', write_compression = 'SNAPPY') AS\n` +
    `SELECT row_number() OVER () AS _source_row, ${selected.join(', ')}\n` +
    `FROM ${input.exportsDatabase}.${input.table.tableName}\nWHERE ${where}`;
  const aliases = input.exportColumns.map((name, i) => `c${i + 1} AS ${quoteIdentifier(name)}`).join(', ');
  // The snapshot's row numbers are unique, so they serve as the row key too.
  const view =
    `CREATE OR REPLACE VIEW ${input.workDatabase}.${input.viewName} AS\n` +
    `SELECT _source_row, _source_row AS _row_key, ${aliases}\nFROM ${input.workDatabase}.${input.snapshotName}`;
  const unorderedView =
    `CREATE OR REPLACE VIEW ${input.workDatabase}.${input.unorderedViewName} AS\n` +
    `SELECT _source_row AS _row_key, ${aliases}\nFROM ${input.workDatabase}.${input.snapshotName}`;
  return { snapshot, view, unorderedView };
}

function checkedDate(dt: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dt)) throw new Error(`not a dt partition value: ${dt}`);
  return dt;
}
