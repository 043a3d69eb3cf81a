/**
 * Port: the SQL engine that turns export files into feature rows. DuckDB implements it locally,
 * Athena on AWS. The SQL it runs lives in `sql/` and is written in the portable Trino subset, so
 * both engines run the same text (see README, "SQL dialect").
 *
 * Values coming back are normalised by the adapter: numbers as `number`, dates as ISO
 * `YYYY-MM-DD` strings, timestamps as ISO strings, text as `string`, SQL NULL as `null`.
 */

import type { ColumnBatch } from './ColumnBatch.ts';

/** A value in a result row after normalisation. */
export type SqlValue = string | number | boolean | null;

/** A result row keyed by column name. */
export type SqlRow = Record<string, SqlValue>;

/** Where an export lives and how to read it. */
export interface ExportLocation {
  /** Local path or glob (`./exports/orders*.csv`), or later `s3://bucket/prefix/`. */
  readonly path: string;
  readonly format: 'csv' | 'csv.gz' | 'parquet';
  /** CSV only. */
  readonly delimiter?: string;
  /** CSV only: whether the first line names the columns. */
  readonly header?: boolean;
}

/** What the engine reports about its work, for `run.json`. */
export interface EngineStats {
  readonly engine: string;
  readonly queries: number;
  /** Bytes scanned (Athena); 0 where the engine does not meter it. */
  readonly bytesScanned: number;
  /** Estimated cost in USD (Athena: $5 per TB, 10 MB minimum per query). */
  readonly estimatedCostUsd: number;
}

/**
 * The name of the relation {@link QueryEngine.registerExport} defines beside `name`: the same
 * rows with `_row_key` but without `_source_row`.
 *
 * @example
 * ```ts
 * unorderedRelation('raw_orders'); // 'raw_orders_unordered'
 * ```
 */
export function unorderedRelation(name: string): string {
  return `${name}_unordered`;
}

/** How the SQL will read an export, so the engine can lay it out for that. */
export interface ExportReading {
  /**
   * The SQL reads the export by row number (`_source_row`, e.g. "the latest row wins"), not
   * through the unordered relation. DuckDB then copies the export into a table once, reading it
   * in parallel, and numbers the rows by their position there, so numbered reads run in parallel
   * too; the copy holds the export's text until `drop(name)`. Athena's snapshot is numbered anyway.
   */
  readonly numbered?: boolean;
}

/** How a materialized relation is stored, where the engine has a choice. */
export interface MaterializeStorage {
  /**
   * Store it compressed, for a large relation held while later steps read it. Where tables are
   * compressed anyway (Athena writes Parquet) this changes nothing; on DuckDB, whose in-memory
   * tables are uncompressed, it costs a compression pass (about 3 s for ten million order lines,
   * which then take about a fifth of the memory). Default false.
   */
  readonly compact?: boolean;
}

export interface QueryEngine {
  readonly name: string;
  /**
   * Makes an export queryable as two relations whose export columns are all text (as Athena's
   * OpenCSVSerDe reads CSV):
   * - `name`, plus `_source_row` (the 1-based data row number in its file) and `_row_key`;
   * - {@link unorderedRelation}`(name)`, plus `_row_key` only. Numbering rows needs them in file
   *   order, which keeps a DuckDB scan on one thread; a relation without the numbers is read in
   *   parallel, so large exports are checked through it.
   *
   * `_row_key` identifies a row's content: rows that differ have different keys (DuckDB: a
   * 64-bit hash of all columns; Athena: the snapshot's row number), rows with equal content may
   * share one. Checks depend on content only, so a checked row can be traced back to its
   * `_source_row` through the key (quarantine files do).
   *
   * Resolves to the export's column names (without `_source_row` and `_row_key`).
   *
   * @param reading how the export will be read (default: mostly through the unordered relation)
   */
  registerExport(name: string, location: ExportLocation, reading?: ExportReading): Promise<string[]>;
  /** Creates (or replaces) relation `name` as the stored result of `sql`. */
  materialize(name: string, sql: string, storage?: MaterializeStorage): Promise<void>;
  /** Creates (or replaces) view `name`: `sql` is evaluated where the view is used. */
  defineView(name: string, sql: string): Promise<void>;
  /** Drops relation `name` (table or view) if it exists, to free memory; an export's unordered twin goes with it. */
  drop(name: string): Promise<void>;
  /** Runs a query and returns all rows; for small results (counts, thresholds, summaries). */
  query(sql: string): Promise<SqlRow[]>;
  /** Runs a query and yields its rows in batches, for results too large to hold at once. */
  stream(sql: string, batchRows?: number): AsyncIterable<SqlRow[]>;
  /** As {@link stream}, each batch held column by column (for wide results read field by field). */
  streamColumns(sql: string): AsyncIterable<ColumnBatch>;
  stats(): EngineStats;
  close(): Promise<void>;
}
