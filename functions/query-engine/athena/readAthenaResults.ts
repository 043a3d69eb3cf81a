import { GetQueryResultsCommand, type AthenaClient, type ColumnInfo } from '@aws-sdk/client-athena';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { csvRecordBatches } from '../../exports/s3/CsvRecordParser.ts';
import { parseS3Url } from '../../exports/s3/S3Location.ts';
import { isS3AccessDenied, isS3NotFound } from '../../exports/s3/s3Failure.ts';
import type { SqlRow } from '../QueryEngine.ts';
import { normaliseAthenaValue } from './athenaValue.ts';
import { ATHENA_API_RETRY, retryWithBackoff, type Sleep } from './retryWithBackoff.ts';
import type { CompletedAthenaQuery } from './runAthenaQuery.ts';

export interface AthenaResultOptions {
  readonly athena: AthenaClient;
  readonly s3: S3Client;
  readonly sleep: Sleep;
  /** Rows per yielded batch. */
  readonly batchRows: number;
  /**
   * `s3` streams the result file (one GET, no 1000-row pages), `api` pages GetQueryResults,
   * `auto` streams and falls back to paging when the file cannot be read (no output location,
   * as with Athena-managed results, or no S3 permission). Default `auto`.
   */
  readonly via?: 'auto' | 's3' | 'api';
  /** Maps Athena's column names (lowercased by Athena) to the names the caller expects. */
  readonly columnName?: (athenaName: string) => string;
  /** Told when `auto` falls back to paging, and why. */
  readonly onFallback?: (reason: string) => void;
}

interface Column {
  readonly name: string;
  readonly type: string;
}

const PAGE_ROWS = 1000;

/**
 * Reads the rows of a finished query in batches, values normalised by column type (see
 * {@link normaliseAthenaValue}). The column types come from GetQueryResults' metadata either way.
 *
 * In the result file Athena quotes every value and writes NULL as an unquoted empty field; in
 * GetQueryResults NULL is a datum without `VarCharValue`, and the first row of the first page of
 * a SELECT is the header. Both are read back as SQL NULL and the header is dropped.
 *
 * @example
 * ```ts
 * for await (const rows of readAthenaResults(done, { athena, s3, sleep: realSleep, batchRows: 10_000 })) {
 *   console.log(rows.length);
 * }
 * ```
 */
export async function* readAthenaResults(query: CompletedAthenaQuery, options: AthenaResultOptions): AsyncGenerator<SqlRow[]> {
  const via = options.via ?? 'auto';
  const retry = { sleep: options.sleep, ...ATHENA_API_RETRY };
  const first = await retryWithBackoff(
    () => options.athena.send(new GetQueryResultsCommand({ QueryExecutionId: query.queryExecutionId, MaxResults: 1 })),
    retry,
  );
  const columns = columnsOf(first.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [], options.columnName);
  if (columns.length === 0) return;

  if (via !== 'api') {
    const file = await openResultFile(query, options.s3, via);
    if (typeof file === 'string') options.onFallback?.(file);
    else {
      yield* rowsFromFile(file, columns, options.batchRows, query.queryExecutionId);
      return;
    }
  }
  yield* rowsFromPages(query, columns, options, retry);
}

function columnsOf(info: readonly ColumnInfo[], rename: ((name: string) => string) | undefined): Column[] {
  return info.map((c) => {
    const name = c.Label ?? c.Name ?? '';
    return { name: rename ? rename(name) : name, type: c.Type ?? 'varchar' };
  });
}

/** The open result file, or why it cannot be read (for `auto` to fall back). */
async function openResultFile(
  query: CompletedAthenaQuery,
  s3: S3Client,
  via: 'auto' | 's3',
): Promise<AsyncIterable<Uint8Array> | string> {
  if (!query.outputLocation) {
    if (via === 's3') throw new Error(`Athena query ${query.queryExecutionId} has no result file in S3`);
    return 'no result file in S3 (Athena-managed results?)';
  }
  const location = parseS3Url(query.outputLocation);
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    if (!response.Body) throw new Error(`empty body reading ${query.outputLocation}`);
    return response.Body as AsyncIterable<Uint8Array>;
  } catch (error) {
    if (via === 'auto' && (isS3AccessDenied(error) || isS3NotFound(error))) {
      return `cannot read ${query.outputLocation}: ${(error as Error).name}`;
    }
    throw error;
  }
}

async function* rowsFromFile(
  body: AsyncIterable<Uint8Array>,
  columns: readonly Column[],
  batchRows: number,
  id: string,
): AsyncGenerator<SqlRow[]> {
  let headerSeen = false;
  let pending: SqlRow[] = [];
  for await (const records of csvRecordBatches(body, { unquotedEmpty: 'null', blankLines: 'record' })) {
    for (const record of records) {
      if (!headerSeen) {
        headerSeen = true;
        if (record.length !== columns.length) {
          throw new Error(`Athena result of ${id}: header has ${record.length} columns, metadata ${columns.length}`);
        }
        continue;
      }
      pending.push(toRow(columns, (i) => record[i] ?? null));
      if (pending.length >= batchRows) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length > 0) yield pending;
}

async function* rowsFromPages(
  query: CompletedAthenaQuery,
  columns: readonly Column[],
  options: AthenaResultOptions,
  retry: Parameters<typeof retryWithBackoff>[1],
): AsyncGenerator<SqlRow[]> {
  let token: string | undefined;
  let firstPage = true;
  let pending: SqlRow[] = [];
  do {
    const page = await retryWithBackoff(
      () =>
        options.athena.send(
          new GetQueryResultsCommand({ QueryExecutionId: query.queryExecutionId, MaxResults: PAGE_ROWS, NextToken: token }),
        ),
      retry,
    );
    const rows = page.ResultSet?.Rows ?? [];
    rows.forEach((row, index) => {
      const data = row.Data ?? [];
      // The header row: first row of the first page, holding the column labels.
      if (firstPage && index === 0 && query.statementType !== 'UTILITY' && isHeader(data, page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [])) return;
      pending.push(toRow(columns, (i) => data[i]?.VarCharValue ?? null));
    });
    firstPage = false;
    while (pending.length >= options.batchRows) yield pending.splice(0, options.batchRows);
    token = page.NextToken;
  } while (token);
  if (pending.length > 0) yield pending;
}

function isHeader(data: readonly { VarCharValue?: string }[], info: readonly ColumnInfo[]): boolean {
  return data.length === info.length && data.every((d, i) => d.VarCharValue === (info[i]?.Label ?? info[i]?.Name));
}

function toRow(columns: readonly Column[], valueAt: (index: number) => string | null): SqlRow {
  const row: SqlRow = {};
  columns.forEach((column, i) => {
    row[column.name] = normaliseAthenaValue(valueAt(i), column.type);
  });
  return row;
}
