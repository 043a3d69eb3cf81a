import type { sheets_v4 } from '@googleapis/sheets';
import { METADATA_KEYS } from './managedTabRecord.ts';
import type { SpreadsheetSnapshot } from './spreadsheetSnapshot.ts';
import type { TabLayout } from './tabLayout.ts';
import type { TabPlan } from './tabPlan.ts';

/**
 * The first write of a publish: delete staging tabs that dead runs left behind, then add one
 * hidden staging tab per published tab, sized exactly, and marked with the run id. Readers see
 * nothing of it (hidden tabs), and a run that dies now leaves only hidden tabs the next run removes.
 */
export function stagingRequests(
  snapshot: SpreadsheetSnapshot,
  work: readonly { readonly plan: TabPlan; readonly layout: TabLayout }[],
  runId: string,
): sheets_v4.Schema$Request[] {
  const leftovers = leftoverStagingRequests(snapshot);
  const additions = work.flatMap(({ plan, layout }) => [
    {
      addSheet: {
        properties: {
          sheetId: plan.stagingSheetId,
          title: plan.stagingTitle,
          hidden: true,
          gridProperties: { rowCount: layout.height, columnCount: layout.width },
        },
      },
    },
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: METADATA_KEYS.stagingTab,
          metadataValue: runId,
          location: { sheetId: plan.stagingSheetId },
          visibility: 'DOCUMENT' as const,
        },
      },
    },
  ]);
  return [...leftovers, ...additions];
}

/** deleteSheet for every staging tab in the snapshot (optionally only one run's). */
export function leftoverStagingRequests(snapshot: SpreadsheetSnapshot, runId?: string): sheets_v4.Schema$Request[] {
  return snapshot.sheets
    .filter((sheet) => sheet.stagingRunId !== undefined && (runId === undefined || sheet.stagingRunId === runId))
    .map((sheet) => ({ deleteSheet: { sheetId: sheet.sheetId } }));
}
