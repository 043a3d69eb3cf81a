import { csvField, csvLine } from '../result-files/csvLine.ts';
import { SNAPSHOT_COLUMNS, type SnapshotRow } from './SnapshotRow.ts';

/** The snapshot file's name inside its `as_of=YYYY-MM-DD` folder. */
export const SNAPSHOT_FILE = 'snapshot.csv';

/** The folder name of a snapshot: a Hive-style partition Athena's partition projection reads. */
export function snapshotFolder(asOf: string): string {
  return `as_of=${asOf}`;
}

/** The as-of date of a snapshot folder name, or undefined for any other name. */
export function asOfOfFolder(name: string): string | undefined {
  return /^as_of=(\d{4}-\d{2}-\d{2})$/.exec(name)?.[1];
}

/** The snapshot file's header line. */
export function snapshotHeaderLine(): string {
  return csvLine(SNAPSHOT_COLUMNS);
}

/**
 * Snapshot rows as CSV lines (RFC 4180, NULL as an empty field), as `csvLine` would write them.
 *
 * @example
 * ```ts
 * snapshotLines([row]); // '2024-06-30,C-1,Champions,5,5,5,555,3,12,1200,0.97,830.5\n'
 * ```
 */
export function snapshotLines(rows: readonly SnapshotRow[]): string {
  let text = '';
  // Field by field in SNAPSHOT_COLUMNS order: only the text fields can need quotes (as_of is an
  // ISO date), which saves testing every number at a million rows.
  for (const r of rows) {
    text += `${r.asOf},${csvField(r.customerId)},${csvField(r.segment)},${r.r},${r.f},${r.m},${csvField(r.rfmCode)},${r.recencyDays},${r.frequency},${r.monetary},${r.pAlive ?? ''},${r.clv ?? ''}\n`;
  }
  return text;
}
