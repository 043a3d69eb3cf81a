import { unorderedRelation, type QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import type { RowIdentity } from './RowIdentity.ts';

/**
 * Writes the rejected rows of a source to `quarantine_<source>.csv`: the reason, the data row
 * number in the export, and the row exactly as exported.
 *
 * @param identity the column that identifies rows in `rejects`: `_source_row`, or `_row_key`
 *   (content identity: rows with equal content share a key and a reason, so each rejected key
 *   is listed at every row number it has)
 * @param rejects SQL yielding `identity` and `reject_reason` of rejected rows.
 */
export async function writeQuarantine(
  engine: QueryEngine,
  results: ResultStore,
  fileName: string,
  rawRelation: string,
  exportColumns: readonly string[],
  identity: RowIdentity,
  rejects: string,
): Promise<void> {
  const columns = ['quarantine_reason', 'source_row', ...exportColumns];
  const writer = await results.createCsv(fileName, columns);
  const numbers = identity === '_row_key' ? await engine.rowNumbers(rawRelation) : undefined;
  try {
    const sql = numbers
      ? keyedRejects(numbers.sql, rawRelation, exportColumns, rejects)
      : numberedRejects(rawRelation, exportColumns, rejects);
    for await (const batch of engine.stream(sql)) {
      await writer.write(batch.map((row) => [row['reject_reason'] ?? null, row['_source_row'] ?? null, ...exportColumns.map((c) => row[c] ?? null)]));
    }
  } finally {
    await numbers?.release();
  }
  await writer.close();
}

function quoted(column: string): string {
  return `"${column.replace(/"/g, '""')}"`;
}

/** Rejected rows found by their `_source_row` in the numbered relation. */
function numberedRejects(rawRelation: string, exportColumns: readonly string[], rejects: string): string {
  const select = exportColumns.map((c) => `r.${quoted(c)}`).join(', ');
  return `SELECT q.reject_reason, r._source_row, ${select} FROM ${rawRelation} AS r ` +
    `JOIN (${rejects}) AS q ON q._source_row = r._source_row ORDER BY r._source_row`;
}

/**
 * Rejected rows found by `_row_key`: their numbers from {@link QueryEngine.rowNumbers}, their
 * content once per key from the unordered relation (rows with one key have the same content).
 */
function keyedRejects(numbers: string, rawRelation: string, exportColumns: readonly string[], rejects: string): string {
  const content = exportColumns.map((c) => `arbitrary(u.${quoted(c)}) AS ${quoted(c)}`).join(', ');
  const select = exportColumns.map((c) => `c.${quoted(c)}`).join(', ');
  return `WITH q AS (SELECT DISTINCT _row_key, reject_reason FROM (${rejects}) AS k), ` +
    `c AS (SELECT u._row_key, ${content} FROM ${unorderedRelation(rawRelation)} AS u WHERE u._row_key IN (SELECT _row_key FROM q) GROUP BY u._row_key) ` +
    `SELECT q.reject_reason, n._source_row, ${select} FROM (${numbers}) AS n ` +
    'JOIN q ON q._row_key = n._row_key JOIN c ON c._row_key = n._row_key ORDER BY n._source_row';
}
