import { ApiError } from './ApiError.ts';
import type { CellRect } from './a1Range.ts';
import type { DimensionRangeInput, GridRangeInput } from './requestSchemas.ts';
import { findSheet, type SheetState, type SpreadsheetState } from './SpreadsheetState.ts';

/** The sheet with this id, or Google's "No grid with id" error. */
export function requireSheet(state: SpreadsheetState, sheetId: number): SheetState {
  const sheet = findSheet(state, sheetId);
  if (!sheet) throw ApiError.invalid(`No grid with id: ${sheetId}`);
  return sheet;
}

/** Resolves a GridRange (unbounded sides run to the grid's edge) and checks it lies inside the grid. */
export function resolveGridRange(state: SpreadsheetState, range: GridRangeInput): CellRect {
  const sheet = requireSheet(state, range.sheetId);
  const { rowCount, columnCount } = sheet.properties;
  const rect = {
    sheet,
    startRow: range.startRowIndex ?? 0,
    endRow: range.endRowIndex ?? rowCount,
    startColumn: range.startColumnIndex ?? 0,
    endColumn: range.endColumnIndex ?? columnCount,
  };
  if (rect.endRow > rowCount || rect.endColumn > columnCount) {
    throw ApiError.invalid(
      `Range (${describe(range)}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`,
    );
  }
  if (rect.startRow > rect.endRow || rect.startColumn > rect.endColumn) {
    throw ApiError.invalid(`Invalid range (${describe(range)}): start is after end.`);
  }
  return rect;
}

/** Resolves a DimensionRange to `[start, end)` along rows or columns, checked against the grid. */
export function resolveDimensionRange(
  state: SpreadsheetState,
  range: DimensionRangeInput,
): { sheet: SheetState; start: number; end: number } {
  const sheet = requireSheet(state, range.sheetId);
  const size = range.dimension === 'ROWS' ? sheet.properties.rowCount : sheet.properties.columnCount;
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? size;
  if (start >= end) throw ApiError.invalid(`Invalid dimension range: startIndex ${start} must be below endIndex ${end}.`);
  return { sheet, start, end };
}

function describe(range: GridRangeInput): string {
  return `sheetId ${range.sheetId}, rows ${range.startRowIndex ?? 0}-${range.endRowIndex ?? '∞'}, columns ${range.startColumnIndex ?? 0}-${range.endColumnIndex ?? '∞'}`;
}
