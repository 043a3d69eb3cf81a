import type { SheetModel, SheetTab, TableBlock } from '../SheetModel.ts';
import { InvalidSheetModelError } from './errors.ts';
import { STAGING_TITLE_PREFIX } from './managedTabRecord.ts';

const FORBIDDEN_NAME_CHARACTERS = /[[\]*?/\\:]/;
const MAX_TAB_NAME_LENGTH = 100;

/**
 * Checks the rules of {@link SheetModel} the sink relies on, before anything is sent, and lists
 * every problem at once.
 *
 * @example
 * ```ts
 * validateSheetModel({ title: 'x', tabs: [] }); // ok
 * ```
 */
export function validateSheetModel(model: SheetModel): void {
  const problems = [...tabNameProblems(model.tabs), ...model.tabs.flatMap(tabProblems)];
  if (problems.length > 0) {
    throw new InvalidSheetModelError(`The sheet model cannot be published: ${problems.join('; ')}.`);
  }
}

function tabNameProblems(tabs: readonly SheetTab[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { name } of tabs) {
    const key = name.toLowerCase();
    if (seen.has(key)) problems.push(`tab name "${name}" is used twice (names are case-insensitive in Google Sheets)`);
    seen.add(key);
    if (name.trim() === '') problems.push('a tab has an empty name');
    if (name.length > MAX_TAB_NAME_LENGTH) problems.push(`tab name "${name.slice(0, 20)}…" is longer than ${MAX_TAB_NAME_LENGTH} characters`);
    if (FORBIDDEN_NAME_CHARACTERS.test(name)) problems.push(`tab name "${name}" contains one of []*?/\\:`);
    if (name.startsWith(STAGING_TITLE_PREFIX.trim())) problems.push(`tab name "${name}" starts with the reserved "${STAGING_TITLE_PREFIX.trim()}"`);
  }
  return problems;
}

function tabProblems(tab: SheetTab): string[] {
  const problems = tab.blocks.flatMap((block, index) => blockProblems(tab, block, index));
  for (const chart of tab.charts ?? []) {
    const block = tab.blocks[chart.block];
    if (!block) {
      problems.push(`chart "${chart.title}" on tab "${tab.name}" refers to block ${chart.block}, which does not exist`);
      continue;
    }
    const keys = new Set(block.columns.map((column) => column.key));
    for (const key of [chart.categoryKey, ...chart.seriesKeys]) {
      if (!keys.has(key)) problems.push(`chart "${chart.title}" on tab "${tab.name}" uses column "${key}", which block ${chart.block} lacks`);
    }
    if (chart.seriesKeys.length === 0) problems.push(`chart "${chart.title}" on tab "${tab.name}" has no series`);
  }
  const chartTitles = (tab.charts ?? []).map((chart) => chart.title);
  if (new Set(chartTitles).size !== chartTitles.length) problems.push(`tab "${tab.name}" has two charts with the same title`);
  if (tab.append) {
    if (!Number.isInteger(tab.append.keepRows) || tab.append.keepRows < 1) problems.push(`tab "${tab.name}" keeps ${tab.append.keepRows} log rows; keep at least 1`);
    if (tab.blocks.length === 0) problems.push(`tab "${tab.name}" appends rows but has no block to append to`);
  }
  return problems;
}

function blockProblems(tab: SheetTab, block: TableBlock, index: number): string[] {
  const problems: string[] = [];
  const where = `tab "${tab.name}" block ${index}`;
  if (block.columns.length === 0) problems.push(`${where} has no columns`);
  const keys = block.columns.map((column) => column.key);
  if (new Set(keys).size !== keys.length) problems.push(`${where} has duplicate column keys`);
  if (block.colourBy !== undefined && !keys.includes(block.colourBy)) {
    problems.push(`${where} colours by "${block.colourBy}", which is not one of its columns`);
  }
  const wide = block.rows.findIndex((row) => row.length > block.columns.length);
  if (wide >= 0) problems.push(`${where} row ${wide} has ${block.rows[wide]?.length} cells for ${block.columns.length} columns`);
  return problems;
}
