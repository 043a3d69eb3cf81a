import type { AthenaClient } from '@aws-sdk/client-athena';
import type { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { findLatestExport, type LatestExport } from '../../exports/s3/findLatestExport.ts';
import { readCsvExportHeader } from '../../exports/s3/readCsvExport.ts';
import { readParquetSchema } from '../../exports/s3/readParquetSchema.ts';
import { asFolderPrefix, formatS3Url, parseS3Url } from '../../exports/s3/S3Location.ts';
import type { Logger } from '../../runtime/Logger.ts';
import { UserError } from '../../runtime/UserError.ts';
import { columnsOfRows, type ColumnBatch } from '../ColumnBatch.ts';
import { unorderedRelation, type EngineStats, type ExportLocation, type QueryEngine, type SqlRow } from '../QueryEngine.ts';
import { AthenaQueryFailedError } from './AthenaQueryFailedError.ts';
import { AthenaQueryTimeoutError } from './AthenaQueryTimeoutError.ts';
import { databaseName, relationName } from './athenaNames.ts';
import { billedBytes, estimateAthenaCostUsd } from './athenaQueryCost.ts';
import { exportSnapshotSql } from './exportSnapshotSql.ts';
import { glueColumnNames, type ExportTable } from './exportTables.ts';
import { readAthenaResults } from './readAthenaResults.ts';
import { realSleep, type Backoff, type Sleep } from './retryWithBackoff.ts';
import { runAthenaQuery, type CompletedAthenaQuery } from './runAthenaQuery.ts';

export interface AthenaQueryEngineOptions {
  readonly athena: AthenaClient;
  readonly s3: S3Client;
  /** Workgroup every query runs in (its bytes-scanned cutoff and result location apply). */
  readonly workGroup: string;
  /** Glue database holding the export tables (defined by the stack). */
  readonly exportsDatabase: string;
  /** Bucket the exports are in; `registerExport` paths are `s3://<bucket>/<prefix>`. */
  readonly exportsBucket: string;
  /** The Glue tables over the exports, from {@link exportTables}. */
  readonly exportTables: readonly ExportTable[];
  /**
   * Glue database the run's relations live in. Dropped and re-created when the engine first
   * needs it, so each run starts clean; one per job, so jobs never see each other's relations.
   */
  readonly workDatabase: string;
  /** A query still running after this long is stopped. Default 600 000 ms. */
  readonly queryTimeoutMs?: number;
  /** Aborting stops the running query (e.g. shortly before the Lambda times out). */
  readonly signal?: AbortSignal;
  /** Unique per engine instance: prefixes the idempotency tokens. Default: a random UUID. */
  readonly runId?: string;
  /** How results are read; see {@link readAthenaResults}. Default `auto`. */
  readonly resultsVia?: 'auto' | 's3' | 'api';
  readonly logger?: Logger;
  /** Injected for tests. Default: real timers. */
  readonly sleep?: Sleep;
  /** Milliseconds clock. Default `Date.now`. */
  readonly now?: () => number;
  /** Polling delays. Default 200 ms doubling to 2 s. */
  readonly poll?: Backoff;
}

type RelationKind = 'table' | 'view';

/**
 * The query engine on AWS: Athena (engine v3, Trino SQL) over Glue tables that the stack defines
 * on the exports, running the same `sql/` files as DuckDB does locally.
 *
 * How the port maps onto Athena:
 * - `registerExport` finds the latest export under the table's prefix (newest `dt=` partition,
 *   or newest object), checks its columns against the Glue table, copies it into a numbered
 *   Parquet snapshot and defines view `name` and its unordered twin over it (see
 *   {@link exportSnapshotSql}).
 * - `materialize` is CTAS into Parquet; `defineView` is `CREATE OR REPLACE VIEW`; both in the
 *   job's work database.
 * - `query` and `stream` read the result file from S3 (falling back to GetQueryResults pages).
 * - Column names come back as the export spells them: Athena lowercases names, so names that
 *   match an export column case-insensitively are given the export's spelling.
 * - `stats()` sums bytes scanned and the estimated cost ($5 per TB, 10 MB minimum per query).
 *
 * Values reach SQL only as text the job rendered with validated literals, or as literals this
 * class checks (partition dates) or quotes (object paths); never as pasted input.
 *
 * @example
 * ```ts
 * const engine = new AthenaQueryEngine({
 *   athena: new AthenaClient({}), s3: new S3Client({}), workGroup: 'segment-sheets',
 *   exportsDatabase: 'segment_sheets', exportsBucket: 'my-exports', exportTables: exportTables(config, aws),
 *   workDatabase: 'segment_sheets_work_customer_segments',
 * });
 * await engine.registerExport('raw_orders', { path: 's3://my-exports/orders/', format: 'csv' });
 * const [row] = await engine.query('SELECT count(*) AS n FROM raw_orders');
 * ```
 */
export class AthenaQueryEngine implements QueryEngine {
  readonly name = 'athena';
  private readonly options: AthenaQueryEngineOptions;
  private readonly runId: string;
  private readonly workDatabase: string;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly relations = new Map<string, RelationKind>();
  /** Lowercase → export spelling of every registered export column. */
  private readonly exportColumnSpelling = new Map<string, string>();
  private workDatabaseReady: Promise<void> | undefined;
  private queries = 0;
  private bytesScanned = 0;
  private bytesBilled = 0;
  private closed = false;

  constructor(options: AthenaQueryEngineOptions) {
    this.options = options;
    this.runId = options.runId ?? randomUUID();
    this.workDatabase = databaseName(options.workDatabase);
    databaseName(options.exportsDatabase);
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
  }

  async registerExport(name: string, location: ExportLocation): Promise<string[]> {
    const view = relationName(name);
    const table = this.tableFor(location);
    const latest = await findLatestExport(this.options.s3, { bucket: this.options.exportsBucket, key: table.prefix }, table.layout);
    const { glueColumns, exportColumns } = await this.checkedColumns(table, latest);
    await this.ensureWorkDatabase();
    const snapshotName = snapshotOf(view);
    await this.dropIfKnown(snapshotName);
    const unorderedView = relationName(unorderedRelation(name));
    await this.dropIfKnown(view);
    await this.dropIfKnown(unorderedView);
    const sql = exportSnapshotSql({
      exportsDatabase: this.options.exportsDatabase,
      table,
      latest,
      workDatabase: this.workDatabase,
      snapshotName,
      viewName: view,
      unorderedViewName: unorderedView,
      glueColumns,
      exportColumns,
    });
    await this.execute(sql.snapshot);
    this.relations.set(snapshotName, 'table');
    await this.execute(sql.view);
    this.relations.set(view, 'view');
    await this.execute(sql.unorderedView);
    this.relations.set(unorderedView, 'view');
    for (const column of exportColumns) this.exportColumnSpelling.set(column.toLowerCase(), column);
    this.options.logger?.info('export registered', {
      relation: view,
      export: latest.layout === 'dt-partitions' ? `dt=${latest.dt}` : latest.objects[0].key,
      files: latest.objects.length,
    });
    return [...exportColumns];
  }

  /** Tables are Parquet (compressed) whatever the storage asked for. */
  async materialize(name: string, sql: string): Promise<void> {
    const relation = relationName(name);
    await this.ensureWorkDatabase();
    await this.dropIfKnown(relation);
    // No external_location: the workgroup enforces its settings, so Athena writes the table's
    // files under the workgroup's result location (tables/<query id>/), which expires by lifecycle.
    await this.execute(`CREATE TABLE ${this.workDatabase}.${relation} WITH (format = 'PARQUET', write_compression = 'SNAPPY') AS\n${sql}`);
    this.relations.set(relation, 'table');
  }

  async defineView(name: string, sql: string): Promise<void> {
    const relation = relationName(name);
    await this.ensureWorkDatabase();
    if (this.relations.get(relation) === 'table') await this.dropIfKnown(relation);
    await this.execute(`CREATE OR REPLACE VIEW ${this.workDatabase}.${relation} AS\n${sql}`);
    this.relations.set(relation, 'view');
  }

  async drop(name: string): Promise<void> {
    await this.dropIfKnown(relationName(name));
    // An export goes with its unordered twin and its snapshot (no queries for other relations).
    await this.dropIfKnown(relationName(unorderedRelation(name)));
    await this.dropIfKnown(snapshotOf(relationName(name)));
  }

  async query(sql: string): Promise<SqlRow[]> {
    const rows: SqlRow[] = [];
    for await (const batch of this.stream(sql, 10_000)) rows.push(...batch);
    return rows;
  }

  async *stream(sql: string, batchRows = 10_000): AsyncIterable<SqlRow[]> {
    await this.ensureWorkDatabase();
    const done = await this.execute(sql);
    yield* readAthenaResults(done, {
      athena: this.options.athena,
      s3: this.options.s3,
      sleep: this.sleep,
      batchRows,
      via: this.options.resultsVia,
      columnName: (athenaName) => this.exportColumnSpelling.get(athenaName.toLowerCase()) ?? athenaName,
      onFallback: (reason) => this.options.logger?.warn('reading Athena results page by page', { reason }),
    });
  }

  async *streamColumns(sql: string): AsyncIterable<ColumnBatch> {
    // Athena's results arrive as rows (CSV or pages); every row has every column.
    for await (const rows of this.stream(sql)) yield columnsOfRows(rows, Object.keys(rows[0] ?? {}));
  }

  stats(): EngineStats {
    return {
      engine: this.name,
      queries: this.queries,
      bytesScanned: this.bytesScanned,
      estimatedCostUsd: estimateAthenaCostUsd(this.bytesBilled),
    };
  }

  /**
   * Nothing to release: the work database stays until the next run of the job re-creates it
   * (handy for looking into a failed run in the console), and its files expire by lifecycle.
   */
  async close(): Promise<void> {
    this.closed = true;
  }

  private tableFor(location: ExportLocation): ExportTable {
    if (!location.path.startsWith('s3://')) {
      throw new UserError(`on AWS an export is read from S3, not from ${location.path}`);
    }
    const where = parseS3Url(location.path);
    const prefix = asFolderPrefix(where.key);
    const table = this.options.exportTables.find((t) => where.bucket === this.options.exportsBucket && t.prefix === prefix);
    if (!table) {
      const known = this.options.exportTables.map((t) => formatS3Url({ bucket: this.options.exportsBucket, key: t.prefix }));
      throw new UserError(`no Glue table is defined over ${location.path} (tables exist over: ${known.join(', ') || 'none'})`);
    }
    if (table.format !== location.format) {
      throw new UserError(`${location.path}: the Glue table reads ${table.format}, the configuration says ${location.format}; redeploy the stack`);
    }
    return table;
  }

  /** The Glue columns to read and the names to show, after checking the file against the table. */
  private async checkedColumns(
    table: ExportTable,
    latest: LatestExport,
  ): Promise<{ glueColumns: string[]; exportColumns: string[] }> {
    const first = latest.objects[0] as LatestExport['objects'][0];
    const object = { bucket: latest.bucket, key: first.key };
    const url = formatS3Url(object);
    const glueNames = table.columns.map((c) => c.name);
    const redeploy = `update aws.exports.${table.source}.columns and redeploy`;
    if (table.format === 'parquet') {
      const fileColumns = (await readParquetSchema(this.options.s3, object)).columns.map((c) => c.name);
      const fileLower = fileColumns.map((c) => c.toLowerCase());
      const missing = glueNames.filter((n) => !fileLower.includes(n));
      const extra = fileColumns.filter((c) => !glueNames.includes(c.toLowerCase()));
      if (missing.length > 0 || extra.length > 0) {
        throw new UserError(
          `${url}: columns differ from the Glue table ${table.tableName} (missing: ${missing.join(', ') || 'none'}; not in the table: ${extra.join(', ') || 'none'}); ${redeploy}`,
        );
      }
      return { glueColumns: fileLower, exportColumns: fileColumns };
    }
    if (table.format === 'csv.gz') {
      const notGz = latest.objects.find((o) => !o.key.endsWith('.gz'));
      // Athena picks the decompression codec by file extension.
      if (notGz) throw new UserError(`s3://${latest.bucket}/${notGz.key}: a csv.gz export needs the .gz extension for Athena to decompress it`);
    }
    if (!table.header) return { glueColumns: glueNames, exportColumns: [...table.exportColumns] };
    const header = (await readCsvExportHeader(this.options.s3, object, { delimiter: table.delimiter })).map((h) => (h ?? '').trim());
    const headerGlueNames = glueColumnNames(header);
    if (headerGlueNames.length !== glueNames.length || headerGlueNames.some((n, i) => n !== glueNames[i])) {
      throw new UserError(
        `${url}: header [${header.join(', ')}] does not match the Glue table ${table.tableName} [${table.exportColumns.join(', ')}]; ${redeploy}`,
      );
    }
    return { glueColumns: glueNames, exportColumns: header };
  }

  private ensureWorkDatabase(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the Athena query engine is closed'));
    this.workDatabaseReady ??= (async () => {
      // Leftovers of the job's previous run go first, so the run sees only its own relations.
      await this.execute(`DROP DATABASE IF EXISTS \`${this.workDatabase}\` CASCADE`, this.options.exportsDatabase);
      await this.execute(`CREATE DATABASE \`${this.workDatabase}\``, this.options.exportsDatabase);
    })();
    return this.workDatabaseReady;
  }

  private async dropIfKnown(relation: string): Promise<void> {
    const kind = this.relations.get(relation);
    if (kind === undefined) return;
    // DDL in Hive syntax for tables (backticks), Trino syntax for views.
    await this.execute(kind === 'table' ? `DROP TABLE IF EXISTS \`${this.workDatabase}\`.\`${relation}\`` : `DROP VIEW IF EXISTS ${this.workDatabase}.${relation}`);
    this.relations.delete(relation);
  }

  private async execute(sql: string, database = this.workDatabase): Promise<CompletedAthenaQuery> {
    if (this.closed) throw new Error('the Athena query engine is closed');
    this.queries++;
    const token = `${this.runId}-q${this.queries}`;
    const started = this.now();
    try {
      const done = await runAthenaQuery(
        this.options.athena,
        { sql, workGroup: this.options.workGroup, database, clientRequestToken: token },
        {
          sleep: this.sleep,
          now: this.now,
          timeoutMs: this.options.queryTimeoutMs ?? 600_000,
          signal: this.options.signal,
          poll: this.options.poll,
          onRetry: (error, attempt, delayMs) =>
            this.options.logger?.warn('Athena call retried', { error: (error as Error).name, attempt, delayMs }),
        },
      );
      this.account({ state: 'SUCCEEDED', statementType: done.statementType, substatementType: done.substatementType, dataScannedBytes: done.dataScannedBytes });
      this.options.logger?.info('Athena query succeeded', {
        queryExecutionId: done.queryExecutionId,
        statement: done.substatementType ?? done.statementType,
        dataScannedBytes: done.dataScannedBytes,
        durationMs: this.now() - started,
      });
      return done;
    } catch (error) {
      if (error instanceof AthenaQueryFailedError) {
        this.account({ state: error.state, dataScannedBytes: error.dataScannedBytes });
      } else if (error instanceof AthenaQueryTimeoutError) {
        this.account({ state: 'CANCELLED', dataScannedBytes: error.dataScannedBytes, statementType: 'DML' });
      }
      throw error;
    }
  }

  private account(query: Parameters<typeof billedBytes>[0]): void {
    this.bytesScanned += query.dataScannedBytes;
    this.bytesBilled += billedBytes(query);
  }
}

/** The table an export's snapshot is copied into. */
function snapshotOf(view: string): string {
  return `${view}__export`;
}
