import type { CellValue, SheetTab } from '../SheetModel.ts';
import { a1Range } from './a1Notation.ts';
import type { SheetsGateway } from './SheetsGateway.ts';
import type { TabPlan } from './tabPlan.ts';

/**
 * Turns each run-log tab (`append.keepRows`) into a full tab: the rows already in the sheet
 * (read back in one request, matched to columns by key so added or moved columns line up), then
 * this run's rows, keeping the newest `keepRows`. Publishing the result through staging makes the
 * append atomic: a failed run appends nothing, a retried one appends once.
 */
export async function withRunLogHistory(plans: readonly TabPlan[], gateway: SheetsGateway): Promise<TabPlan[]> {
  const reads = plans.flatMap((plan) => {
    const range = existingLogRange(plan);
    return range === undefined ? [] : [{ plan, range }];
  });
  const valueRanges = reads.length === 0 ? [] : await gateway.getValues(reads.map((read) => read.range));
  const history = new Map(reads.map((read, index) => [read.plan, toCellRows(valueRanges[index]?.values)]));
  return plans.map((plan) => {
    if (!plan.tab.append) return plan;
    return { ...plan, tab: appendRows(plan.tab, plan.record?.blocks[0]?.keys ?? [], history.get(plan) ?? []) };
  });
}

/** The log tab with `previousRows` (laid out as `previousKeys`) before its own rows, trimmed to `keepRows`. */
export function appendRows(tab: SheetTab, previousKeys: readonly string[], previousRows: readonly (readonly CellValue[])[]): SheetTab {
  const [block, ...rest] = tab.blocks;
  if (!block || !tab.append) return tab;
  const positions = block.columns.map((column) => previousKeys.indexOf(column.key));
  const carried = previousRows.map((row) => positions.map((position) => (position < 0 ? null : (row[position] ?? null))));
  const rows = [...carried, ...block.rows].slice(-tab.append.keepRows);
  return { ...tab, blocks: [{ ...block, rows }, ...rest] };
}

function existingLogRange(plan: TabPlan): string | undefined {
  const block = plan.record?.blocks[0];
  if (!plan.tab.append || !plan.live || !block) return undefined;
  // Users may have deleted rows or columns since: never read outside the grid (Google refuses).
  const rows = Math.min(block.rowCount, plan.live.rowCount - block.firstDataRow);
  const columns = Math.min(block.keys.length, plan.live.columnCount);
  if (rows <= 0 || columns <= 0) return undefined;
  return a1Range(plan.live.title, block.firstDataRow, 0, rows, columns);
}

function toCellRows(values: unknown[][] | null | undefined): CellValue[][] {
  return (values ?? []).map((row) => row.map(toCellValue));
}

function toCellValue(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
