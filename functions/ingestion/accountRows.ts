import type { SourceKind } from '../config/canonicalFields.ts';
import type { SourceConfig } from '../config/configSchema.ts';
import { unorderedRelation, type QueryEngine } from '../query-engine/QueryEngine.ts';
import { UserError } from '../runtime/UserError.ts';
import type { RegisteredSource } from './registerSource.ts';
import type { SourceCounts } from './SourceCounts.ts';

/**
 * Counts a checked relation's rows by reject reason and returns the row accounting of the source
 * (`rowsRead = rowsUsed + rowsQuarantined + rowsFiltered`), naming `quarantineFile` when any row
 * was rejected (`writeQuarantine` writes it). Fails when the export has no data rows, or
 * when every row was rejected.
 *
 * @param checkedRelation a relation with the source's identity column (`registered.identity`)
 *   and `reject_reason` (NULL for usable rows)
 */
export async function accountRows(
  engine: QueryEngine,
  kind: SourceKind,
  source: SourceConfig,
  registered: RegisteredSource,
  checkedRelation: string,
  quarantineFile: string,
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
