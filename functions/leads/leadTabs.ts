/**
 * All lead tabs of the sheet model, in the order they appear: Lead Priority, the owner tabs (when
 * configured), Lead Segments.
 */
import type { SheetTab } from '../publishing/SheetModel.ts';
import type { LeadSheetConfig } from './leadScoringConfig.ts';
import type { LeadScoringResult } from './LeadScoringResult.ts';
import { leadPriorityTab, ownerPriorityTabs } from './leadPriorityTab.ts';
import { leadSegmentsTab } from './leadSegmentsTab.ts';

/**
 * The lead tabs.
 *
 * @example
 * ```ts
 * const tabs = leadTabs(result, config.sheet); // [Lead Priority, (Leads - owner …), Lead Segments]
 * ```
 */
export function leadTabs(result: LeadScoringResult, config: LeadSheetConfig): SheetTab[] {
  return [leadPriorityTab(result, config), ...ownerPriorityTabs(result, config), leadSegmentsTab(result, config)];
}
