import type { AwsConfig } from '../../config/awsConfig.ts';
import type { SourceKind } from '../../config/canonicalFields.ts';
import type { Config } from '../../config/configSchema.ts';

/** A column of a Glue table over an export. */
export interface GlueColumn {
  readonly name: string;
  /** Athena (Hive DDL) type; always `string` for CSV exports. */
  readonly type: string;
}

/**
 * The Glue table over one export, as the stack defines it and the Athena engine reads it. Built
 * by {@link exportTables} from the same configuration on both sides, so they cannot disagree.
 */
export interface ExportTable {
  readonly source: SourceKind;
  readonly tableName: string;
  /** Key prefix in the exports bucket, ending with `/`. */
  readonly prefix: string;
  readonly format: 'csv' | 'csv.gz' | 'parquet';
  readonly layout: 'dt-partitions' | 'latest-object';
  /**
   * Glue columns in file order. CSV columns are positional (OpenCSVSerDe), so their names are
   * the header names made Glue-safe; Parquet columns are matched by name, so they keep the
   * file's names (lowercased, as Glue stores them).
   */
  readonly columns: readonly GlueColumn[];
  /** The export's own column names as configured (header spelling). */
  readonly exportColumns: readonly string[];
  readonly delimiter: string;
  readonly header: boolean;
  /** Oldest projected `dt` partition, `YYYY-MM-DD`. */
  readonly firstPartition: string;
}

const SOURCES: readonly SourceKind[] = ['orders', 'customers', 'leads', 'leadActivities'];

/**
 * The export tables for every configured source. A source without an `aws.exports` entry is an
 * error: its Glue table could not be defined.
 *
 * @example
 * ```ts
 * const [orders] = exportTables(config, aws);
 * orders.tableName; // 'orders_export'
 * ```
 */
export function exportTables(config: Config, aws: AwsConfig): ExportTable[] {
  const tables: ExportTable[] = [];
  for (const source of SOURCES) {
    const sourceConfig = config.sources[source];
    if (!sourceConfig) continue;
    const exportConfig = aws.exports[source];
    if (!exportConfig) {
      throw new Error(
        `aws.exports.${source}: missing; list the ${source} export's columns so its Glue table can be defined`,
      );
    }
    const configured = exportConfig.columns.map((c) => (typeof c === 'string' ? { name: c, type: 'string' } : c));
    const format = sourceConfig.format;
    if (format !== 'parquet') {
      const typed = configured.find((c) => c.type !== 'string');
      if (typed) {
        throw new Error(
          `aws.exports.${source}.columns: '${typed.name}' has type ${typed.type}, but CSV columns are read as text (types belong in the SQL)`,
        );
      }
    }
    const names = format === 'parquet' ? configured.map((c) => c.name.toLowerCase()) : glueColumnNames(configured.map((c) => c.name));
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`aws.exports.${source}.columns: two columns are both '${duplicate}' in Glue (names are case-insensitive)`);
    tables.push({
      source,
      tableName: `${snakeCase(source)}_export`,
      prefix: exportConfig.prefix,
      format,
      layout: exportConfig.layout,
      columns: configured.map((c, i) => ({ name: names[i] as string, type: c.type })),
      exportColumns: configured.map((c) => c.name),
      delimiter: sourceConfig.delimiter,
      header: sourceConfig.header,
      firstPartition: exportConfig.firstPartition,
    });
  }
  return tables;
}

/**
 * Glue-safe column names for CSV header names: lowercase letters, digits and underscores,
 * starting with a letter, unique (a repeat gets `_2`, `_3`, ...).
 *
 * @example
 * ```ts
 * glueColumnNames(['InvoiceNo', 'Unit Price', 'unit_price']); // ['invoiceno', 'unit_price', 'unit_price_2']
 * ```
 */
export function glueColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>();
  return headers.map((header, i) => {
    let base = header
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (base === '') base = `column_${i + 1}`;
    if (!/^[a-z]/.test(base)) base = `c_${base}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

function snakeCase(kind: string): string {
  return kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
