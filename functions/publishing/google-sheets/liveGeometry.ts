import type { TabLayout } from './tabLayout.ts';
import type { TabPlan } from './tabPlan.ts';

/** The live tab's grid before and after a publish. */
export interface LiveGeometry {
  /** Managed columns before this publish (0 for a new tab). */
  readonly previousWidth: number;
  /** Users added columns to the right of the managed ones. */
  readonly hasUserColumns: boolean;
  readonly rowCountAfter: number;
  readonly columnCountAfter: number;
}

/**
 * Sizes the live tab after publishing. Managed columns grow or shrink at their right edge, so user
 * columns keep their place beside the table. The grid is trimmed to the new rows (empty rows would
 * otherwise pile up towards the cell limit) unless users keep columns of their own, whose cells
 * further down are never deleted.
 */
export function liveGeometry(plan: TabPlan, layout: TabLayout): LiveGeometry {
  const { live, record } = plan;
  if (!live) {
    return { previousWidth: 0, hasUserColumns: false, rowCountAfter: layout.gridRowCount, columnCountAfter: layout.width };
  }
  const previousWidth = Math.min(record?.width ?? live.columnCount, live.columnCount);
  const hasUserColumns = live.columnCount > previousWidth;
  return {
    previousWidth,
    hasUserColumns,
    rowCountAfter: hasUserColumns ? Math.max(live.rowCount, layout.gridRowCount) : layout.gridRowCount,
    columnCountAfter: live.columnCount - previousWidth + layout.width,
  };
}
