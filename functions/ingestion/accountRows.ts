import type { SourceKind } from '../config/canonicalFields.ts';
import type { SourceConfig } from '../config/configSchema.ts';
import { unorderedRelation, type QueryEngine } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import type { PendingWork } from '../runtime/PendingWork.ts';
import { UserError } from '../runtime/UserError.ts';
import type { RegisteredSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';
import { writeQuarantine } from './writeQuarantine.ts';

/**
 * Counts a checked relation's rows by reject reason, writes the rejected rows to
 * `quarantine_<file>.csv`, and returns the row accounting of the source
 * (`rowsRead = rowsUsed + rowsQuarantined + rowsFiltered`). Fails when the export has no data
 * rows, or when every row was rejected.
 *
 * @param checkedRelation a relation with the source's identity column (`registered.identity`)
 *   and `reject_reason` (NULL for usable rows)
 * @param background when given, the quarantine file is written there, in a session of its own,
 *   while the caller goes on (its serial scan of the export then overlaps other work); without
 *   it, before this returns
 */
export async function accountRows(
  engine: QueryEngine,
  results: ResultStore,
  kind: SourceKind,
  source: SourceConfig,
  registered: RegisteredSource,
  checkedRelation: string,
  quarantineFile: string,
  background?: PendingWork,
): Promise<SourceCounts> {
  const reasonRows = await engine.query(
    `SELECT reject_reason, count(*) AS n FROM ${checkedRelation} GROUP BY reject_reason ORDER BY n DESC, reject_reason`,
  );
  const quarantinedByReason: Record<string, number> = {};
  let rowsUsed = 0;
  for (const row of reasonRows) {
    const n = Number(row['n']);
    if (row['reject_reason'] === null) rowsUsed = n;
    else quarantinedByReason[String(row['reject_reason'])] = n;
  }
  const rowsQuarantined = Object.values(quarantinedByReason).reduce((a, b) => a + b, 0);
  const rowsMapped = rowsUsed + rowsQuarantined;
  // Without filters every row reaches the mapped view; only then is a separate count needed.
  const rowsRead =
    source.filters.length === 0
      ? rowsMapped
      : Number((await engine.query(`SELECT count(*) AS n FROM ${unorderedRelation(registered.rawRelation)}`))[0]?.['n'] ?? 0);

  if (rowsRead === 0) throw new UserError(`${kind}: the export has no data rows (${source.path})`);
  if (rowsUsed === 0) {
    const reasons = Object.entries(quarantinedByReason).map(([r, n]) => `${r}: ${n}`).join(', ');
    throw new UserError(`${kind}: all ${rowsMapped} rows were rejected (${reasons || `all ${rowsRead} rows filtered out`})`);
  }
  if (rowsQuarantined > 0) {
    const rejects = `SELECT DISTINCT ${registered.identity}, reject_reason FROM ${checkedRelation} WHERE reject_reason IS NOT NULL`;
    const write = (on: Pick<QueryEngine, 'stream'>, sql: string) =>
      writeQuarantine(on, results, quarantineFile, registered.rawRelation, registered.exportColumns, registered.identity, sql);
    if (background) {
      // The rejects are kept apart (the checked relation is dropped soon), and the numbered scan
      // that finds their rows runs in a session of its own while the job goes on.
      const rejectsRelation = `${checkedRelation}_rejects`;
      await engine.materialize(rejectsRelation, rejects);
      const session = await engine.openSession();
      background.add((async () => {
        try {
          await write(session, `SELECT * FROM ${rejectsRelation}`);
          await session.drop(rejectsRelation);
        } finally {
          await session.close();
        }
      })());
    } else {
      await write(engine, rejects);
    }
  }
  return {
    path: source.path,
    rowsRead,
    rowsFiltered: rowsRead - rowsMapped,
    rowsUsed,
    rowsQuarantined,
    quarantinedByReason,
    ...(rowsQuarantined > 0 ? { quarantineFile } : {}),
  };
}
