import { CellBudgetError } from './errors.ts';
import { liveGeometry } from './liveGeometry.ts';
import { sheetCells, type SpreadsheetSnapshot } from './spreadsheetSnapshot.ts';
import type { TabLayout } from './tabLayout.ts';
import type { TabPlan } from './tabPlan.ts';

export interface CellBudget {
  /** Most cells the spreadsheet holds at any point of the publish (staging copies included). */
  readonly peakCells: number;
  /** Cells after the publish. */
  readonly finalCells: number;
}

/**
 * Checks, before any write, that the publish fits Google's cell limit at its peak: other tabs as
 * they are, each published tab at the larger of its old and new size, plus every staging copy.
 * Leftover staging tabs of dead runs are not counted (the publish deletes them first).
 *
 * @throws CellBudgetError naming the largest tabs, with nothing changed.
 */
export function checkCellBudget(
  snapshot: SpreadsheetSnapshot,
  work: readonly { readonly plan: TabPlan; readonly layout: TabLayout }[],
  cellLimit: number,
): CellBudget {
  const publishedIds = new Set(work.map(({ plan }) => plan.live?.sheetId));
  const untouched = snapshot.sheets
    .filter((sheet) => sheet.stagingRunId === undefined && !publishedIds.has(sheet.sheetId))
    .reduce((sum, sheet) => sum + sheetCells(sheet), 0);
  const tabs = work.map(({ plan, layout }) => {
    const geometry = liveGeometry(plan, layout);
    const after = geometry.rowCountAfter * geometry.columnCountAfter;
    const before = plan.live ? sheetCells(plan.live) : 0;
    return { name: plan.tab.name, after, peak: Math.max(before, after), staging: layout.height * layout.width };
  });
  const staging = tabs.reduce((sum, tab) => sum + tab.staging, 0);
  const peakCells = untouched + staging + tabs.reduce((sum, tab) => sum + tab.peak, 0);
  const finalCells = untouched + tabs.reduce((sum, tab) => sum + tab.after, 0);
  if (peakCells > cellLimit) {
    const largest = [...tabs]
      .sort((a, b) => b.after - a.after)
      .slice(0, 3)
      .map((tab) => `"${tab.name}" ${tab.after.toLocaleString('en-US')}`)
      .join(', ');
    throw new CellBudgetError(
      `Publishing needs ${peakCells.toLocaleString('en-US')} cells at its peak, over Google's limit of ` +
        `${cellLimit.toLocaleString('en-US')} per spreadsheet (other tabs use ${untouched.toLocaleString('en-US')}, ` +
        `the published tabs ${(finalCells - untouched).toLocaleString('en-US')}, their staging copies ${staging.toLocaleString('en-US')}; ` +
        `largest: ${largest}). Nothing was changed. Lower the row caps of the largest tabs in the config ` +
        '(capped tabs say where the full list is) or delete unused tabs from the spreadsheet.',
      peakCells,
      cellLimit,
    );
  }
  return { peakCells, finalCells };
}
