import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ExportTable } from '../../functions/query-engine/athena/exportTables.ts';

export interface ExportTablesProps {
  /** Glue database name, e.g. `segment_sheets`. */
  readonly databaseName: string;
  /** The bucket the exports land in. */
  readonly bucket: s3.IBucket;
  /** One Glue table per export, from `exportTables(config, aws)`. */
  readonly tables: readonly ExportTable[];
}

/**
 * The Glue database and one table per export that Athena reads. CSV tables use OpenCSVSerDe
 * with every column `string` (the SQL converts with TRY_CAST, as on DuckDB), the configured
 * delimiter, and the header line skipped; Parquet tables keep the configured types.
 *
 * Exports in `dt=YYYY-MM-DD/` folders get partition projection on `dt` (a string, from the
 * configured first partition up to today), so a new day's export is queryable the moment it
 * lands, with no crawler and no `ADD PARTITION`.
 *
 * Where OpenCSVSerDe reads CSV differently from DuckDB: a backslash is its escape character,
 * and a quoted field must not contain a line break (each line is a row). Exports with either
 * read differently on AWS than locally.
 *
 * @example
 * ```ts
 * const tables = new ExportTables(this, 'Exports', { databaseName: 'segment_sheets', bucket, tables: exportTables(config, aws) });
 * tables.tableArn('orders');
 * ```
 */
export class ExportTables extends Construct {
  readonly database: glue.Database;
  private readonly tablesBySource = new Map<string, glue.S3Table>();

  constructor(scope: Construct, id: string, props: ExportTablesProps) {
    super(scope, id);
    this.database = new glue.Database(this, 'Database', {
      databaseName: props.databaseName,
      description: 'segment-sheets: tables over the sales and lead exports',
    });
    for (const table of props.tables) this.tablesBySource.set(table.source, this.defineTable(table, props.bucket));
  }

  /** ARNs of every export table. */
  get tableArns(): string[] {
    return [...this.tablesBySource.values()].map((t) => t.tableArn);
  }

  private defineTable(table: ExportTable, bucket: s3.IBucket): glue.S3Table {
    const csv = table.format !== 'parquet';
    const partitioned = table.layout === 'dt-partitions';
    const parameters: Record<string, string> = {};
    // A table property (TBLPROPERTIES), where Athena reads it; per file, so every file may have a header.
    if (csv && table.header) parameters['skip.header.line.count'] = '1';
    if (partitioned) parameters['storage.location.template'] = `s3://${bucket.bucketName}/${table.prefix}dt=\${dt}/`;
    const created = new glue.S3Table(this, `${table.source}Table`, {
      database: this.database,
      tableName: table.tableName,
      description: `segment-sheets: the ${table.source} export (${table.format}, ${table.layout})`,
      storage: glue.S3TableStorage.fromBucket(bucket),
      s3Prefix: table.prefix,
      dataFormat: csv ? glue.DataFormat.CSV : glue.DataFormat.PARQUET,
      columns: table.columns.map((c) => ({ name: c.name, type: glueType(c.type) })),
      ...(partitioned
        ? {
            partitionKeys: [{ name: 'dt', type: glue.Schema.STRING }],
            partitionProjection: {
              dt: glue.PartitionProjectionConfiguration.date({ min: table.firstPartition, max: 'NOW', format: 'yyyy-MM-dd' }),
            },
          }
        : {}),
      parameters,
      // The data is encrypted server-side (SSE-S3), which S3 decrypts transparently; this flag is for client-side encryption.
      hasEncryptedData: false,
    });
    if (csv) {
      // The L2 table has no SerDe parameters; OpenCSVSerDe reads the delimiter and quote from here.
      const resource = created.node.defaultChild as glue.CfnTable;
      resource.addPropertyOverride('TableInput.StorageDescriptor.SerdeInfo.Parameters', {
        separatorChar: table.delimiter,
        quoteChar: '"',
      });
    }
    return created;
  }
}

function glueType(type: string): glue.Type {
  return type === 'string' ? glue.Schema.STRING : glue.Schema.custom(type.replace(/\s+/g, ''), true);
}
