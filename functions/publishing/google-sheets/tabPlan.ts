import type { SheetModel, SheetTab } from '../SheetModel.ts';
import { GoogleSheetsError, TabNameCollisionError } from './errors.ts';
import type { IdAllocator } from './IdAllocator.ts';
import { STAGING_TITLE_PREFIX, type ManagedTabRecord } from './managedTabRecord.ts';
import type { SheetSnapshot, SpreadsheetSnapshot } from './spreadsheetSnapshot.ts';

/** How one model tab will be published. */
export interface TabPlan {
  readonly tab: SheetTab;
  /** The tab already published under this name (found by metadata, so renames do not matter). */
  readonly live: SheetSnapshot | undefined;
  /** What the last publish recorded in the live tab. */
  readonly record: ManagedTabRecord | undefined;
  /** The live tab's id: kept for an existing tab, chosen now for a new one. */
  readonly liveSheetId: number;
  /** The managed-tab metadata entry: existing, or chosen now. */
  readonly metadataId: number;
  readonly stagingSheetId: number;
  readonly stagingTitle: string;
  /** Charts that exist anywhere in the spreadsheet (ours may have been moved to another tab). */
  readonly existingChartIds: ReadonlySet<number>;
}

/**
 * Matches model tabs to the spreadsheet's tabs. Our tabs are the ones carrying our metadata; a
 * tab without it is a user's, and a user tab with a name we need stops the publish before any
 * write (it is never overwritten).
 */
export function planTabs(model: SheetModel, snapshot: SpreadsheetSnapshot, ids: IdAllocator, runId: string): TabPlan[] {
  const managed = managedTabsByName(snapshot);
  const collisions: string[] = [];
  const plans = model.tabs.map((tab, position) => {
    const live = managed.get(tab.name.toLowerCase());
    if (live?.managed && !live.managed.record) {
      throw new GoogleSheetsError(
        `Tab "${live.title}" is marked as published by segment-sheets, but its metadata cannot be read (written by another version?). ` +
          'Delete or rename that tab and publish again.',
      );
    }
    if (!live && snapshot.sheets.some((sheet) => sheet.title.toLowerCase() === tab.name.toLowerCase())) collisions.push(tab.name);
    const plan: TabPlan = {
      tab,
      live,
      record: live?.managed?.record,
      liveSheetId: live?.sheetId ?? ids.next(),
      metadataId: live?.managed?.metadataId ?? ids.next(),
      stagingSheetId: ids.next(),
      stagingTitle: `${STAGING_TITLE_PREFIX}${runId} ${position + 1}`,
      existingChartIds: snapshot.chartIds,
    };
    return plan;
  });
  if (collisions.length > 0) throw new TabNameCollisionError(collisions);
  return plans;
}

/**
 * Managed tabs by their model name. If a user duplicated one of our tabs, both carry the metadata:
 * the one still titled with the name wins, else the leftmost; the other is left to the user.
 */
function managedTabsByName(snapshot: SpreadsheetSnapshot): Map<string, SheetSnapshot> {
  const byName = new Map<string, SheetSnapshot>();
  const candidates = snapshot.sheets.filter((sheet) => sheet.managed && sheet.stagingRunId === undefined);
  for (const sheet of [...candidates].sort((a, b) => a.index - b.index)) {
    const name = (sheet.managed?.record?.tab ?? sheet.title).toLowerCase();
    const current = byName.get(name);
    if (!current || (current.title.toLowerCase() !== name && sheet.title.toLowerCase() === name)) byName.set(name, sheet);
  }
  return byName;
}
