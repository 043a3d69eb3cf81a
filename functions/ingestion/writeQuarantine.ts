import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import type { RowIdentity } from './RowIdentity.ts';

/**
 * Writes the rejected rows of a source to `quarantine_<source>.csv`: the reason, the data row
 * number in the export, and the row exactly as exported.
 *
 * @param identity the column that identifies rows in `rejects`: `_source_row`, or `_row_key`
 *   (content identity: the rejected contents are then found again in the numbered scan; rows
 *   with equal content share a key and a reason, so the keys are de-duplicated first)
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
  const select = exportColumns.map((c) => `r."${c.replace(/"/g, '""')}"`).join(', ');
  const sql =
    `SELECT q.reject_reason, r._source_row, ${select} FROM ${rawRelation} AS r ` +
    `JOIN (SELECT DISTINCT ${identity}, reject_reason FROM (${rejects}) AS k) AS q ON q.${identity} = r.${identity} ORDER BY r._source_row`;
  for await (const batch of engine.stream(sql)) {
    await writer.write(batch.map((row) => [row['reject_reason'] ?? null, row['_source_row'] ?? null, ...exportColumns.map((c) => row[c] ?? null)]));
  }
  await writer.close();
}
