import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
  type GetQueryResultsCommandInput,
  type QueryExecution,
  type Row,
  type StartQueryExecutionCommandInput,
} from '@aws-sdk/client-athena';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QUERY_RESULTS_PREFIX } from '../../../functions/lambda/jobIdentity.ts';
import type { ExportTable } from '../../../functions/query-engine/athena/exportTables.ts';
import { TRINO_COMPAT_PRELUDE } from '../../../functions/query-engine/duckdb/trinoCompatPrelude.ts';
import type { InMemoryBucket } from '../support/InMemoryBucket.ts';
import { athenaResultColumn, athenaResultHeader, type AthenaResultColumn } from './athenaResultFile.ts';
import { athenaStatementOnDuckDb } from './athenaStatementOnDuckDb.ts';
import { exportTableViewSql } from './exportTableOnDuckDb.ts';

export interface DuckDbAthenaOptions {
  /** The exports bucket the Glue export tables read. */
  readonly exports: InMemoryBucket;
  /** The Athena results bucket: result files go under {@link QUERY_RESULTS_PREFIX}. */
  readonly queryResults: InMemoryBucket;
  /** The Glue database of the export tables. */
  readonly exportsDatabase: string;
  /** The tables the stack defines over the exports (`exportTables(config, aws)`). */
  readonly exportTables: readonly ExportTable[];
  /** Folder for the local copy of the export objects DuckDB reads. */
  readonly localRoot: string;
  /**
   * Also meter reads of the run's own tables, each as the size of the Parquet file DuckDB writes
   * for it after its CTAS (whole tables, so an upper bound: Athena reads only the columns a query
   * uses). For cost estimates (test/bench/athenaRunCost.ts); off, only export scans are metered.
   */
  readonly meterRunTables?: boolean;
  /**
   * Keep each SELECT's rows for GetQueryResults pages (default). Off, only the result file and
   * the column metadata remain, and a page of rows is refused: large runs stay out of the heap.
   */
  readonly retainRows?: boolean;
}

/** One query as the fake ran it, for assertions. */
export interface AthenaExecution {
  readonly id: string;
  readonly sql: string;
  readonly database: string | undefined;
  readonly workGroup: string | undefined;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  reason?: string;
  statementType?: 'DDL' | 'DML';
  substatementType?: string;
  /** Bytes the query read (Athena's `DataScannedInBytes`): of the export objects, and with `meterRunTables` of the run's tables. */
  dataScannedBytes: number;
  columns: readonly AthenaResultColumn[];
  rows: readonly (readonly (string | null)[])[];
  /** Time DuckDB took: on AWS, time spent in Athena rather than in the function. */
  durationMs: number;
  /** With `meterRunTables`, for a CTAS: the Parquet bytes of the table it wrote. */
  writtenBytes?: number;
}

const PAGE_ROWS = 1000;

/**
 * Athena on a real DuckDB (with the Trino-compat prelude, as the local engine has it), stubbed
 * into every AthenaClient with aws-sdk-client-mock. It runs the SQL the Athena query engine
 * issues: databases are schemas, the query's database is the search path, CTAS drops its Athena
 * table properties, and the Glue export tables are views over a local copy of the exports
 * bucket read as OpenCSVSerDe and partition projection read them. GetQueryExecution reports the
 * statement type and the bytes of the export objects a query read; a SELECT's rows are written
 * into the results bucket as Athena writes its result files.
 *
 * Only the export scans are metered unless `meterRunTables` is set: the run's own tables are
 * Parquet on Athena, and what reading them costs has no exact counterpart in DuckDB's memory.
 *
 * @example
 * ```ts
 * const athena = await DuckDbAthena.start({ exports, queryResults, exportsDatabase: 'segment_sheets', exportTables, localRoot });
 * // ... code under test calls new AthenaClient({}).send(...) ...
 * athena.executions.filter((e) => e.state === 'FAILED');
 * await athena.close();
 * ```
 */
export class DuckDbAthena {
  readonly stub: AwsClientStub<AthenaClient>;
  readonly executions: AthenaExecution[] = [];
  private readonly options: DuckDbAthenaOptions;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private readonly idsByToken = new Map<string, string>();
  /** With `meterRunTables`: Parquet bytes of each run table, and the relations each view reads. */
  private readonly tableBytes = new Map<string, number>();
  private readonly viewReads = new Map<string, readonly string[]>();
  /** DuckDB runs one statement at a time on the connection; Athena would queue them too. */
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;

  static async start(options: DuckDbAthenaOptions): Promise<DuckDbAthena> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const connection = await instance.connect();
    for (const statement of TRINO_COMPAT_PRELUDE) await connection.run(statement);
    await connection.run(`CREATE SCHEMA "${options.exportsDatabase}"`);
    return new DuckDbAthena(options, instance, connection);
  }

  private constructor(options: DuckDbAthenaOptions, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.options = options;
    this.instance = instance;
    this.connection = connection;
    this.stub = mockClient(AthenaClient);
    this.stub.on(StartQueryExecutionCommand).callsFake((input: StartQueryExecutionCommandInput) => this.startQuery(input));
    this.stub.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId?: string }) => ({
      QueryExecution: this.describe(this.execution(input.QueryExecutionId)),
    }));
    this.stub.on(GetQueryResultsCommand).callsFake((input: GetQueryResultsCommandInput) => this.resultPage(input));
    // Every query has finished by the time anyone could stop it.
    this.stub.on(StopQueryExecutionCommand).resolves({});
  }

  /** Whether a query is running: the work Athena would do, not the caller. */
  get busy(): boolean {
    return this.running > 0;
  }

  async close(): Promise<void> {
    await this.queue;
    this.stub.restore();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async startQuery(input: StartQueryExecutionCommandInput): Promise<{ QueryExecutionId: string }> {
    const sql = input.QueryString ?? '';
    const token = input.ClientRequestToken;
    const known = token === undefined ? undefined : this.idsByToken.get(token);
    if (known !== undefined) {
      // Athena's idempotency: the same token starts nothing new, and must come with the same query.
      if (this.execution(known).sql !== sql) throw athenaError('InvalidRequestException', 'Idempotent parameters do not match');
      return { QueryExecutionId: known };
    }
    const execution: AthenaExecution = {
      id: `q-${String(this.executions.length + 1).padStart(4, '0')}`,
      sql,
      database: input.QueryExecutionContext?.Database,
      workGroup: input.WorkGroup,
      state: 'RUNNING',
      dataScannedBytes: 0,
      columns: [],
      rows: [],
      durationMs: 0,
    };
    this.executions.push(execution);
    if (token !== undefined) this.idsByToken.set(token, execution.id);
    const run = this.queue.then(() => this.run(execution));
    this.queue = run.catch(() => undefined);
    await run;
    return { QueryExecutionId: execution.id };
  }

  private async run(execution: AthenaExecution): Promise<void> {
    const startedAt = performance.now();
    this.running++;
    try {
      const statement = athenaStatementOnDuckDb(execution.sql);
      execution.statementType = statement.statementType;
      execution.substatementType = statement.substatementType;
      if (execution.database === undefined || !/^[a-z_][a-z0-9_]*$/.test(execution.database)) {
        throw new Error(`no usable database in the query context: ${String(execution.database)}`);
      }
      execution.dataScannedBytes = await this.prepareExports(execution.sql);
      // Unqualified names resolve in the query's database; `main` keeps the prelude's macros in reach.
      await this.connection.run(`SET search_path = '${execution.database},main'`);
      if (this.options.meterRunTables && (statement.returnsRows || statement.substatementType === 'CREATE_TABLE_AS_SELECT')) {
        execution.dataScannedBytes += this.runTableBytesRead(execution.sql);
      }
      if (statement.returnsRows) await this.select(execution, statement.duckDbSql);
      else await this.connection.run(statement.duckDbSql);
      if (this.options.meterRunTables) await this.recordRunRelation(execution, statement.substatementType);
      execution.state = 'SUCCEEDED';
    } catch (error) {
      execution.state = 'FAILED';
      execution.reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    } finally {
      execution.durationMs = performance.now() - startedAt;
      this.running--;
    }
  }

  /** Runs a SELECT and writes its result file. */
  private async select(execution: AthenaExecution, sql: string): Promise<void> {
    // A table keeps the query's row order (DuckDB preserves insertion order), then prints as text.
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE athena_result AS ${sql}`);
    try {
      const described = (await this.connection.runAndReadAll('DESCRIBE athena_result')).getRowObjectsJson();
      const columns = described.map((d) => athenaResultColumn(String(d['column_name']), String(d['column_type'])));
      const asText = `SELECT ${columns.map((c) => c.text).join(', ')} FROM athena_result`;
      // DuckDB writes the rows as Athena does: every value quoted, NULL as an empty unquoted field.
      const file = path.join(this.options.localRoot, 'query-results', `${execution.id}.csv`);
      mkdirSync(path.dirname(file), { recursive: true });
      await this.connection.run(`COPY (${asText}) TO '${file.replace(/'/g, "''")}' (FORMAT csv, HEADER false, FORCE_QUOTE *)`);
      const body = Buffer.concat([Buffer.from(athenaResultHeader(columns.map((c) => c.name))), readFileSync(file)]);
      rmSync(file);
      this.options.queryResults.putObject(`${QUERY_RESULTS_PREFIX}${execution.id}.csv`, body);
      execution.columns = columns;
      if (this.options.retainRows ?? true) {
        execution.rows = (await this.connection.runAndReadAll(asText)).getRows().map((row) => row.map((value) => (value === null ? null : String(value))));
      }
    } finally {
      await this.connection.run('DROP TABLE IF EXISTS temp.athena_result');
    }
  }

  /**
   * Copies the objects of every export table the statement reads into the local folder, defines
   * the table's view over them, and returns the bytes Athena would scan: the partition or object
   * the statement's WHERE names (partition projection prunes the rest), else the whole prefix.
   */
  private async prepareExports(sql: string): Promise<number> {
    let scanned = 0;
    for (const table of this.options.exportTables) {
      const qualified = new RegExp(`\\b${this.options.exportsDatabase}\\.${table.tableName}\\b`, 'i');
      if (!qualified.test(sql)) continue;
      const objects = [...this.options.exports.objects.entries()].filter(
        ([key]) => key.startsWith(table.prefix) && !/^[_.]/.test(path.posix.basename(key)),
      );
      rmSync(path.join(this.options.localRoot, table.prefix), { recursive: true, force: true });
      for (const [key, object] of objects) {
        const file = path.join(this.options.localRoot, key);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, object.body);
      }
      await this.connection.run(
        exportTableViewSql(table, { database: this.options.exportsDatabase, bucket: this.options.exports.bucket, localRoot: this.options.localRoot }),
      );
      const dt = /"dt"\s*=\s*'(\d{4}-\d{2}-\d{2})'/.exec(sql)?.[1];
      const objectUrl = /"\$path"\s*=\s*'(s3:\/\/[^']+)'/.exec(sql)?.[1];
      const read = objects.filter(([key]) =>
        dt !== undefined
          ? key.startsWith(`${table.prefix}dt=${dt}/`)
          : objectUrl !== undefined
            ? `s3://${this.options.exports.bucket}/${key}` === objectUrl
            : true,
      );
      scanned += read.reduce((sum, [, object]) => sum + object.body.length, 0);
    }
    return scanned;
  }

  /** Parquet bytes of the run tables a statement reads, directly or through views (its CTAS target aside). */
  private runTableBytesRead(sql: string): number {
    const code = codeOf(sql);
    // A query that only checks that SQL binds reads no data.
    if (/\bLIMIT\s+0\s*$/i.test(code)) return 0;
    const target = /^\s*CREATE TABLE [a-z0-9_]+\.([a-z0-9_]+)/i.exec(code)?.[1];
    const read = new Set<string>();
    const visit = (relations: readonly string[]) => {
      for (const relation of relations) {
        if (relation === target || read.has(relation)) continue;
        read.add(relation);
        visit(this.viewReads.get(relation) ?? []);
      }
    };
    visit(this.relationsNamedIn(code));
    return [...read].reduce((sum, relation) => sum + (this.tableBytes.get(relation) ?? 0), 0);
  }

  /** After a CTAS, the table's Parquet size; after a view, the relations it reads; after a drop, forgets. */
  private async recordRunRelation(execution: AthenaExecution, substatementType: string): Promise<void> {
    const code = codeOf(execution.sql);
    const name = /^\s*(?:CREATE TABLE|CREATE OR REPLACE VIEW) ([a-z0-9_]+)\.([a-z0-9_]+)/i.exec(code);
    if (substatementType === 'CREATE_TABLE_AS_SELECT' && name) {
      const file = path.join(this.options.localRoot, 'run-tables', `${name[2]}.parquet`);
      mkdirSync(path.dirname(file), { recursive: true });
      await this.connection.run(`COPY "${name[1]}"."${name[2]}" TO '${file}' (FORMAT parquet)`);
      execution.writtenBytes = statSync(file).size;
      this.tableBytes.set(name[2] as string, execution.writtenBytes);
      rmSync(file);
    } else if (substatementType === 'CREATE_VIEW' && name) {
      this.viewReads.set(name[2] as string, this.relationsNamedIn(code).filter((r) => r !== name[2]));
    } else if (substatementType === 'DROP_TABLE' || substatementType === 'DROP_VIEW') {
      const dropped = /`?([a-z0-9_]+)`?\s*$/i.exec(code)?.[1] ?? '';
      this.tableBytes.delete(dropped);
      this.viewReads.delete(dropped);
    }
  }

  /** The known run relations whose names occur in the code. */
  private relationsNamedIn(code: string): string[] {
    return [...this.tableBytes.keys(), ...this.viewReads.keys()].filter((relation) => new RegExp(`\\b${relation}\\b`, 'i').test(code));
  }

  private execution(id: string | undefined): AthenaExecution {
    const found = this.executions.find((e) => e.id === id);
    if (!found) throw athenaError('InvalidRequestException', `QueryExecution ${String(id)} was not found`);
    return found;
  }

  private describe(execution: AthenaExecution): QueryExecution {
    return {
      QueryExecutionId: execution.id,
      Query: execution.sql,
      StatementType: execution.statementType,
      SubstatementType: execution.substatementType,
      WorkGroup: execution.workGroup,
      QueryExecutionContext: { Database: execution.database, Catalog: 'AwsDataCatalog' },
      Status: {
        State: execution.state,
        ...(execution.reason === undefined ? {} : { StateChangeReason: execution.reason }),
      },
      Statistics: { DataScannedInBytes: execution.dataScannedBytes, EngineExecutionTimeInMillis: 1 },
      ResultConfiguration: { OutputLocation: `s3://${this.options.queryResults.bucket}/${QUERY_RESULTS_PREFIX}${execution.id}.csv` },
    };
  }

  /** GetQueryResults: the column metadata and 1,000-row pages, the first starting with the header. */
  private resultPage(input: GetQueryResultsCommandInput): { ResultSet: { ResultSetMetadata: { ColumnInfo: ColumnInfo[] }; Rows: Row[] }; NextToken?: string } {
    const execution = this.execution(input.QueryExecutionId);
    if (execution.state !== 'SUCCEEDED') throw athenaError('InvalidRequestException', `Query has not yet finished. Current state: ${execution.state}`);
    if (!(this.options.retainRows ?? true) && (input.MaxResults ?? PAGE_ROWS) > 1) {
      throw new Error('this fake Athena keeps no result rows (retainRows: false): read the result file');
    }
    const header: Row = { Data: execution.columns.map((c) => ({ VarCharValue: c.name })) };
    const all: Row[] = [header, ...execution.rows.map((row) => ({ Data: row.map((v) => (v === null ? {} : { VarCharValue: v })) }))];
    const start = Number(input.NextToken ?? '0');
    const end = start + Math.min(input.MaxResults ?? PAGE_ROWS, PAGE_ROWS);
    return {
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: execution.columns.map((c) => ({ Name: c.name, Label: c.name, Type: c.type })) },
        Rows: all.slice(start, end),
      },
      ...(end < all.length ? { NextToken: String(end) } : {}),
    };
  }
}

/** SQL without comments and string literals, so names are matched in code only. */
function codeOf(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

function athenaError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}
