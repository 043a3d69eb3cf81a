import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import type { RegisteredSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';

/**
 * Writes the rejected rows of a source to its quarantine file (`counts.quarantineFile`, none when
 * no row was rejected): the reason, the data row number in the export, and the row exactly as
 * exported.
 *
 * With the `_row_key` identity the rejected contents are found again in a scan of the export in
 * file order (rows with equal content share a key and a reason, so the keys are de-duplicated
 * first). That scan runs on one engine thread: a job may run it while it works on other things.
 *
 * @param rejects a relation with the source's identity column (`registered.identity`) and
 *   `reject_reason`, NULL for usable rows
 *
 * @example
 * ```ts
 * const counts = await accountRows(engine, 'customers', source, registered, 'customers_checked', 'quarantine_customers.csv');
 * await writeQuarantine(engine, results, counts, registered, 'customers_checked');
 * ```
 */
export async function writeQuarantine(
  engine: QueryEngine,
  results: ResultStore,
  counts: SourceCounts,
  registered: RegisteredSource,
  rejects: string,
): Promise<void> {
  if (counts.quarantineFile === undefined) return;
  const { identity, exportColumns, rawRelation } = registered;
  const writer = await results.createCsv(counts.quarantineFile, ['quarantine_reason', 'source_row', ...exportColumns]);
  const select = exportColumns.map((c) => `r."${c.replace(/"/g, '""')}"`).join(', ');
  const rejected = `SELECT DISTINCT ${identity}, reject_reason FROM ${rejects} WHERE reject_reason IS NOT NULL`;
  const sql =
    `SELECT q.reject_reason, r._source_row, ${select} FROM ${rawRelation} AS r ` +
    `JOIN (${rejected}) AS q ON q.${identity} = r.${identity} ORDER BY r._source_row`;
  for await (const batch of engine.stream(sql)) {
    await writer.write(batch.map((row) => [row['reject_reason'] ?? null, row['_source_row'] ?? null, ...exportColumns.map((c) => row[c] ?? null)]));
  }
  await writer.close();
}
