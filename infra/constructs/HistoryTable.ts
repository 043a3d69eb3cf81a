import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface HistoryTableProps {
  /** The Glue database (the export tables' one). */
  readonly database: glue.IDatabase;
  readonly tableName: string;
  /** The results bucket and the history prefix in it, e.g. `runs/history/`. */
  readonly bucket: s3.IBucket;
  readonly prefix: string;
  /** Oldest `as_of` partition projected, `YYYY-MM-DD`. */
  readonly firstPartition: string;
}

/**
 * The Glue table over the segment snapshots the customer job writes, one CSV per run date under
 * `<prefix>as_of=YYYY-MM-DD/snapshot.csv`, so Athena can query segment history (who was where,
 * when; how a segment grew). `as_of` is a partition projected by date, from the first partition
 * to today: a new run's snapshot is queryable the moment it lands, with no crawler.
 *
 * OpenCSVSerDe reads an empty field of a numeric column as an error, so the columns that are
 * empty when CLV is off (`p_alive`, `clv`) are `string` (cast with `TRY_CAST(NULLIF(clv, '') AS
 * DOUBLE)`); the always-present numbers are typed. The file's own `as_of` column is named
 * `snapshot_as_of` here, since the partition key has that name.
 *
 * @example
 * ```ts
 * new HistoryTable(this, 'History', { database, tableName: 'segment_history', bucket: results, prefix: 'runs/history/', firstPartition: '2024-01-01' });
 * ```
 */
export class HistoryTable extends Construct {
  readonly table: glue.S3Table;

  constructor(scope: Construct, id: string, props: HistoryTableProps) {
    super(scope, id);
    this.table = new glue.S3Table(this, 'Table', {
      database: props.database,
      tableName: props.tableName,
      description: 'segment-sheets: every customer\'s segment, RFM scores, P(alive) and CLV per run (as_of)',
      storage: glue.S3TableStorage.fromBucket(props.bucket),
      s3Prefix: props.prefix,
      dataFormat: glue.DataFormat.CSV,
      // In SNAPSHOT_COLUMNS order (functions/segment-history/SnapshotRow.ts): CSV columns are read by position.
      columns: [
        { name: 'snapshot_as_of', type: glue.Schema.STRING },
        { name: 'customer_id', type: glue.Schema.STRING },
        { name: 'segment', type: glue.Schema.STRING },
        { name: 'r', type: glue.Schema.INTEGER },
        { name: 'f', type: glue.Schema.INTEGER },
        { name: 'm', type: glue.Schema.INTEGER },
        { name: 'rfm_code', type: glue.Schema.STRING },
        { name: 'recency_days', type: glue.Schema.INTEGER },
        { name: 'frequency', type: glue.Schema.INTEGER },
        { name: 'monetary', type: glue.Schema.DOUBLE },
        { name: 'p_alive', type: glue.Schema.STRING },
        { name: 'clv', type: glue.Schema.STRING },
      ],
      partitionKeys: [{ name: 'as_of', type: glue.Schema.STRING }],
      partitionProjection: {
        as_of: glue.PartitionProjectionConfiguration.date({ min: props.firstPartition, max: 'NOW', format: 'yyyy-MM-dd' }),
      },
      parameters: {
        'skip.header.line.count': '1',
        'storage.location.template': `s3://${props.bucket.bucketName}/${props.prefix}as_of=\${as_of}/`,
      },
      // Encrypted server-side (SSE-S3), which S3 decrypts transparently; this flag is for client-side encryption.
      hasEncryptedData: false,
    });
    // The L2 table has no SerDe parameters; OpenCSVSerDe reads the delimiter and quote from here.
    (this.table.node.defaultChild as glue.CfnTable).addPropertyOverride('TableInput.StorageDescriptor.SerdeInfo.Parameters', {
      separatorChar: ',',
      quoteChar: '"',
    });
  }
}
