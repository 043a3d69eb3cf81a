import { DuckDBDateValue, DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk, type DuckDBResult } from '@duckdb/node-api';
import { unorderedRelation, type EngineStats, type ExportLocation, type ExportReading, type MaterializeStorage, type QueryEngine, type SqlRow, type SqlValue } from '../QueryEngine.ts';
import { UserError } from '../../runtime/UserError.ts';
import { lazyColumnBatch, type ColumnBatch } from '../ColumnBatch.ts';
import { TRINO_COMPAT_MACROS, TRINO_COMPAT_SESSION } from './trinoCompatPrelude.ts';

export interface DuckDbQueryEngineOptions {
  /** DuckDB memory limit, e.g. `4GB`. Default `4GB`. */
  readonly memoryLimit?: string;
  /** Worker threads. Default 2 (this product's reference machine). */
  readonly threads?: number;
  /** Folder DuckDB may spill to when a query exceeds the memory limit. Default: DuckDB's own. */
  readonly tempDirectory?: string;
}

/** The catalog every relation lives in: in memory, compressible. */
const WORK_CATALOG = 'workspace';

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/**
 * The local query engine: DuckDB in-process, with the Trino-compat prelude loaded so the `sql/`
 * files answer as on Athena.
 *
 * Calls may overlap (a query while a stream is open, or a long scan while the job scores
 * customers): DuckDB runs one query per connection, so each call takes an idle connection or
 * opens one, and all connections see the same relations.
 *
 * @example
 * ```ts
 * const engine = await DuckDbQueryEngine.open({ memoryLimit: '2GB', threads: 2 });
 * await engine.registerExport('raw_orders', { path: 'orders.csv', format: 'csv' });
 * const [row] = await engine.query('SELECT count(*) AS n FROM raw_orders');
 * ```
 */
export class DuckDbQueryEngine implements QueryEngine {
  readonly name = 'duckdb';
  private readonly instance: DuckDBInstance;
  private readonly connections: DuckDBConnection[];
  private readonly idle: DuckDBConnection[];
  private queries = 0;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.instance = instance;
    this.connections = [connection];
    this.idle = [connection];
  }

  static async open(options: DuckDbQueryEngineOptions = {}): Promise<DuckDbQueryEngine> {
    const settings: Record<string, string> = {
      memory_limit: options.memoryLimit ?? '4GB',
      threads: String(options.threads ?? 2),
      // The allocator's background threads hand freed memory back to the system: without them a
      // dropped relation's memory stays in the process, and the JS heap grows on top of it.
      allocator_background_threads: 'true',
    };
    if (options.tempDirectory) settings['temp_directory'] = options.tempDirectory;
    const instance = await DuckDBInstance.create(':memory:', settings);
    const connection = await instance.connect();
    // An in-memory catalog whose tables can be compressed by a checkpoint (DuckDB ≥ 1.4), which
    // `materialize(…, { compact: true })` asks for; the prelude's macros are created in it too.
    await connection.run(`ATTACH ':memory:' AS ${WORK_CATALOG} (COMPRESS)`);
    await startSession(connection);
    for (const statement of TRINO_COMPAT_MACROS) await connection.run(statement);
    return new DuckDbQueryEngine(instance, connection);
  }

  /** Runs `work` on a connection no other call is using, opened (with the session settings) if none is idle. */
  private async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.idle.push(connection);
    }
  }

  /** One statement without a result. */
  private async run(sql: string): Promise<void> {
    await this.withConnection((connection) => connection.run(sql));
  }

  private async acquire(): Promise<DuckDBConnection> {
    const idle = this.idle.pop();
    if (idle) return idle;
    const connection = await this.instance.connect();
    this.connections.push(connection);
    await startSession(connection);
    return connection;
  }

  async registerExport(name: string, location: ExportLocation, reading: ExportReading = {}): Promise<string[]> {
    const reader = readerCall(location);
    try {
      const columns = (await this.query(`SELECT * FROM ${reader} LIMIT 0`, true)).columns;
      const rowKey = `hash(${columns.map(quoteIdent).join(', ')}) AS _row_key`;
      await this.drop(name);
      let source = reader;
      // Insertion order is preserved by DuckDB's readers, so row_number() over the scan is the
      // data row number in the file, which quarantine files report. That order keeps the scan and
      // all that follows it on one thread, hence the second, unnumbered view.
      let rowNumber = 'row_number() OVER ()';
      if (reading.numbered) {
        // A table keeps the rows in the order they were inserted, which DuckDB's readers keep in
        // file order even when they read in parallel: rowid + 1 is then the data row number, and
        // numbered reads of the table run on all threads.
        source = quoteIdent(copyOf(name));
        await this.run(`CREATE TABLE ${source} AS SELECT * FROM ${reader}`);
        rowNumber = 'rowid + 1';
      }
      // Otherwise views, not copies: the export is scanned where it is used, in bounded memory.
      await this.run(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS SELECT ${rowNumber} AS _source_row, ${rowKey}, * FROM ${source}`);
      await this.run(`CREATE OR REPLACE VIEW ${quoteIdent(unorderedRelation(name))} AS SELECT ${rowKey}, * FROM ${source}`);
      return columns;
    } catch (error) {
      throw new UserError(describeReadError(location, error));
    }
  }

  async materialize(name: string, sql: string, storage: MaterializeStorage = {}): Promise<void> {
    this.queries++;
    await this.withConnection(async (connection) => {
      await connection.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} AS ${sql}`);
      // Tables are written uncompressed; a checkpoint compresses those changed since the last one.
      if (storage.compact) await compressChanges(connection);
    });
  }

  async defineView(name: string, sql: string): Promise<void> {
    await this.run(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS ${sql}`);
  }

  async drop(name: string): Promise<void> {
    // DuckDB needs the right keyword; try both, since callers need not know what a name is.
    await this.run(`DROP VIEW IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
    await this.run(`DROP TABLE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
    // An export goes with its unordered twin and its copy (if it was registered numbered).
    await this.run(`DROP VIEW IF EXISTS ${quoteIdent(unorderedRelation(name))}`).catch(() => undefined);
    await this.run(`DROP TABLE IF EXISTS ${quoteIdent(copyOf(name))}`).catch(() => undefined);
  }

  async query(sql: string): Promise<SqlRow[]>;
  async query(sql: string, withColumns: true): Promise<{ rows: SqlRow[]; columns: string[] }>;
  async query(sql: string, withColumns?: true): Promise<SqlRow[] | { rows: SqlRow[]; columns: string[] }> {
    this.queries++;
    return this.withConnection(async (connection) => {
      const rows: SqlRow[] = [];
      const result = await connection.stream(sql);
      for await (const batch of normalisedBatches(result)) rows.push(...batch);
      return withColumns ? { rows, columns: result.columnNames() } : rows;
    });
  }

  async *stream(sql: string, batchRows = 10_000): AsyncIterable<SqlRow[]> {
    let pending: SqlRow[] = [];
    for await (const batch of this.resultOf(sql, normalisedBatches)) {
      pending.push(...batch);
      if (pending.length >= batchRows) {
        yield pending;
        pending = [];
      }
    }
    if (pending.length > 0) yield pending;
  }

  streamColumns(sql: string): AsyncIterable<ColumnBatch> {
    return this.resultOf(sql, columnBatches);
  }

  /** The result of `sql` read by `read`, on a connection held until the reader is done or stops. */
  private async *resultOf<T>(sql: string, read: (result: DuckDBResult) => AsyncIterable<T>): AsyncIterable<T> {
    this.queries++;
    const connection = await this.acquire();
    try {
      yield* read(await connection.stream(sql));
    } finally {
      this.idle.push(connection);
    }
  }

  stats(): EngineStats {
    return { engine: this.name, queries: this.queries, bytesScanned: 0, estimatedCostUsd: 0 };
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.closeSync();
    this.instance.closeSync();
  }
}

/** What a new connection needs before its first query: the work catalog and the Trino session settings. */
async function startSession(connection: DuckDBConnection): Promise<void> {
  await connection.run(`USE ${WORK_CATALOG}`);
  for (const statement of TRINO_COMPAT_SESSION) await connection.run(statement);
}

/**
 * Compresses the tables changed since the last checkpoint. A checkpoint needs the database to
 * itself: while a query runs on another connection DuckDB refuses it, and the table stays as it
 * was written (uncompressed, so larger, but the same rows); compression only saves memory.
 */
async function compressChanges(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run(`CHECKPOINT ${WORK_CATALOG}`);
  } catch (error) {
    if (!/Cannot CHECKPOINT/i.test(error instanceof Error ? error.message : String(error))) throw error;
  }
}

/**
 * How each column of a result is normalised: numbers (BIGINT, DECIMAL and HUGEINT included) as
 * `number`, dates and timestamps as their ISO text. Values are read column by column, about twice
 * as fast as row by row in the node client.
 */
function columnConverters(result: DuckDBResult): Converter[] {
  return result.columnTypes().map((t) => {
    const type = String(t);
    if (NUMERIC_TYPE.test(type)) return toNumber;
    if (type === 'DATE') return dateConverter();
    return type === 'VARCHAR' ? textConverter() : toPlain;
  });
}

/**
 * A result's chunks, until it is exhausted. The next chunk is fetched (on a DuckDB thread) while
 * the caller works on the current one, so JavaScript waits less for the engine.
 */
async function* chunksOf(result: DuckDBResult): AsyncIterable<DuckDBDataChunk> {
  let next: Promise<DuckDBDataChunk | null> | undefined = result.fetchChunk();
  try {
    for (;;) {
      const chunk: DuckDBDataChunk | null = await next;
      next = undefined;
      if (!chunk || chunk.rowCount === 0) return;
      next = result.fetchChunk();
      yield chunk;
    }
  } finally {
    // A caller that stops early must not leave a fetch running into the connection's next query.
    await next?.catch(() => undefined);
  }
}

/** A result's chunks as {@link ColumnBatch}es, each column converted when the reader first asks for it. */
async function* columnBatches(result: DuckDBResult): AsyncIterable<ColumnBatch> {
  const names = result.columnNames();
  const convert = columnConverters(result);
  for await (const chunk of chunksOf(result)) {
    const count = chunk.rowCount;
    yield lazyColumnBatch(count, names, (c) => {
      const toValue = convert[c] as Converter;
      const vector = chunk.getColumnVector(c);
      const values: SqlValue[] = new Array(count);
      for (let r = 0; r < count; r++) values[r] = toValue(vector.getItem(r));
      return values;
    });
  }
}

/** A result's chunks as rows. */
async function* normalisedBatches(result: DuckDBResult): AsyncIterable<SqlRow[]> {
  const names = result.columnNames();
  const convert = columnConverters(result);
  // Every row starts as a copy of one template with all columns, so rows share one shape (hidden
  // class) with their values in the object itself; filling them column by column then stores one
  // key at a time, which the engine can do without looking the key up per value.
  const template: SqlRow = Object.fromEntries(names.map((name) => [name, null]));
  for await (const chunk of chunksOf(result)) {
    const count = chunk.rowCount;
    const rows: SqlRow[] = new Array(count);
    for (let r = 0; r < count; r++) rows[r] = { ...template };
    for (let c = 0; c < names.length; c++) {
      const name = names[c] as string;
      const toValue = convert[c] as Converter;
      const vector = chunk.getColumnVector(c);
      for (let r = 0; r < count; r++) (rows[r] as SqlRow)[name] = toValue(vector.getItem(r));
    }
    yield rows;
  }
}

type Converter = (value: unknown) => SqlValue;

function toNumber(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return Number(String(value)); // DECIMAL values are objects whose text is the number
}

/**
 * DATE values as ISO text, remembered per day: dates repeat across rows, and one shared string
 * per date saves both the formatting and a string per row.
 */
function dateConverter(): Converter {
  const byDay = new Map<number, string>();
  return (value) => {
    if (!(value instanceof DuckDBDateValue)) return toPlain(value);
    let text = byDay.get(value.days);
    if (text === undefined) {
      text = value.toString();
      if (byDay.size < 100_000) byDay.set(value.days, text);
    }
    return text;
  };
}

/** Distinct values a text column may have and still be interned. */
const MAX_INTERNED_VALUES = 10_000;

/**
 * Text values, one shared string per distinct value while a column has few of them (industry,
 * country, owner, segment…): a million rows then hold a handful of strings instead of a million
 * copies, which keeps the heap and the garbage collector's work small. Columns with many values
 * (ids, e-mails) stop being interned once they pass {@link MAX_INTERNED_VALUES}.
 */
function textConverter(): Converter {
  let interned: Map<string, string> | undefined = new Map();
  return (value) => {
    if (typeof value !== 'string' || interned === undefined) return toPlain(value);
    const known = interned.get(value);
    if (known !== undefined) return known;
    if (interned.size >= MAX_INTERNED_VALUES) interned = undefined;
    else interned.set(value, value);
    return value;
  };
}

function toPlain(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value); // DATE, TIMESTAMP, ...: their ISO text
}

/** The table a numbered export is copied into: a name no SQL file uses. */
function copyOf(name: string): string {
  return `${name}__rows`;
}

function readerCall(location: ExportLocation): string {
  const path = quoteLiteral(location.path);
  if (location.format === 'parquet') return `read_parquet(${path})`;
  const compression = location.format === 'csv.gz' ? 'gzip' : 'auto';
  // All columns as text, exactly like Athena's OpenCSVSerDe; the SQL casts with TRY_CAST.
  return (
    `read_csv(${path}, all_varchar = true, header = ${location.header === false ? 'false' : 'true'}, ` +
    `delim = ${quoteLiteral(location.delimiter ?? ',')}, quote = '"', escape = '"', ` +
    `compression = '${compression}', null_padding = true, strict_mode = false)`
  );
}

function describeReadError(location: ExportLocation, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/No files found/i.test(message)) return `no file matches ${location.path}`;
  const firstLine = message.split('\n')[0] ?? message;
  return `cannot read ${location.path} as ${location.format}: ${firstLine}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
