import { ApiError } from './ApiError.ts';
import { columnLetters, formatA1Range, resolveA1Range, type CellRect } from './a1Range.ts';
import { parseOrInvalid } from './batchUpdate.ts';
import type { StoredValue } from './Grid.ts';
import type { Json, JsonObject } from './json.ts';
import { valuesBatchClearBodySchema, valuesBatchUpdateBodySchema } from './requestSchemas.ts';
import { cloneSpreadsheet, totalCells, type SpreadsheetState } from './SpreadsheetState.ts';

/** Google's per-cell character limit. */
export const MAX_CELL_CHARACTERS = 50_000;

type InputValue = string | number | boolean | null;

/**
 * `values.batchUpdate`: writes every range or none. The grid grows to fit the data (as on Google),
 * which is checked against the cell limit. With RAW nothing is parsed: `=1+1` stays the text `=1+1`.
 */
export function valuesBatchUpdate(
  original: SpreadsheetState,
  body: unknown,
  cellLimit: number,
): { state: SpreadsheetState; response: JsonObject } {
  const request = parseOrInvalid(() => valuesBatchUpdateBodySchema.parse(body), 'Invalid values.batchUpdate body');
  const state = cloneSpreadsheet(original);
  const responses = request.data.map((valueRange) => {
    const rect = resolveA1Range(state, valueRange.range);
    assertValuesFit(rect, valueRange.range, valueRange.values);
    growToFit(rect);
    valueRange.values.forEach((row, rowOffset) => {
      row.forEach((value, columnOffset) => {
        if (value === null) return; // null leaves the cell as it is
        rect.sheet.grid.setValue(rect.startRow + rowOffset, rect.startColumn + columnOffset, stored(value, request.valueInputOption));
      });
    });
    const updatedRows = valueRange.values.length;
    const updatedColumns = Math.max(0, ...valueRange.values.map((row) => row.length));
    return {
      spreadsheetId: state.spreadsheetId,
      updatedRange: formatA1Range({ ...rect, endRow: rect.startRow + Math.max(updatedRows, 1), endColumn: rect.startColumn + Math.max(updatedColumns, 1) }),
      updatedRows,
      updatedColumns,
      updatedCells: valueRange.values.reduce((sum, row) => sum + row.length, 0),
    };
  });
  if (totalCells(state) > cellLimit && totalCells(state) > totalCells(original)) {
    throw ApiError.invalid(`This action would increase the number of cells in the workbook above the limit of ${cellLimit} cells.`);
  }
  return {
    state,
    response: {
      spreadsheetId: state.spreadsheetId,
      totalUpdatedRows: responses.reduce((sum, item) => sum + item.updatedRows, 0),
      totalUpdatedColumns: Math.max(0, ...responses.map((item) => item.updatedColumns)),
      totalUpdatedCells: responses.reduce((sum, item) => sum + item.updatedCells, 0),
      totalUpdatedSheets: new Set(request.data.map((item) => resolveA1Range(state, item.range).sheet)).size,
      responses,
    },
  };
}

/** `values.batchGet` with `UNFORMATTED_VALUE` or `FORMULA`; trailing empty rows and cells are trimmed, as on Google. */
export function valuesBatchGet(state: SpreadsheetState, query: URLSearchParams): JsonObject {
  const render = query.get('valueRenderOption') ?? 'FORMATTED_VALUE';
  if (render !== 'UNFORMATTED_VALUE' && render !== 'FORMULA') throw ApiError.notEmulated(`valueRenderOption ${render}`);
  if ((query.get('majorDimension') ?? 'ROWS') !== 'ROWS') throw ApiError.notEmulated('majorDimension COLUMNS');
  const valueRanges = query.getAll('ranges').map((range) => {
    const rect = resolveA1Range(state, range);
    const { rowCount, columnCount } = rect.sheet.properties;
    if (rect.endRow > rowCount || rect.endColumn > columnCount) {
      throw ApiError.invalid(`Range (${range}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`);
    }
    const values = readValues(rect, render === 'FORMULA');
    return { range: formatA1Range(rect), majorDimension: 'ROWS', ...(values.length > 0 && { values }) };
  });
  return { spreadsheetId: state.spreadsheetId, valueRanges };
}

/** `values.batchClear`: clears values and keeps formatting. */
export function valuesBatchClear(original: SpreadsheetState, body: unknown): { state: SpreadsheetState; response: JsonObject } {
  const { ranges } = parseOrInvalid(() => valuesBatchClearBodySchema.parse(body), 'Invalid values.batchClear body');
  const state = cloneSpreadsheet(original);
  const clearedRanges = ranges.map((range) => {
    const rect = resolveA1Range(state, range);
    const endRow = Math.min(rect.endRow, rect.sheet.properties.rowCount);
    const endColumn = Math.min(rect.endColumn, rect.sheet.properties.columnCount);
    for (let row = rect.startRow; row < endRow; row += 1) {
      for (let column = rect.startColumn; column < endColumn; column += 1) rect.sheet.grid.setValue(row, column, undefined);
    }
    return formatA1Range({ ...rect, endRow, endColumn });
  });
  return { state, response: { spreadsheetId: state.spreadsheetId, clearedRanges } };
}

function assertValuesFit(rect: CellRect, range: string, values: readonly (readonly InputValue[])[]): void {
  const height = rect.endRow - rect.startRow;
  const width = rect.endColumn - rect.startColumn;
  if (values.length > height) {
    throw ApiError.invalid(`Requested writing within range [${range}], but tried writing to row [${rect.startRow + values.length}]`);
  }
  values.forEach((row) => {
    if (row.length > width) {
      throw ApiError.invalid(`Requested writing within range [${range}], but tried writing to column [${columnLetters(rect.startColumn + row.length - 1)}]`);
    }
    row.forEach((value) => {
      if (typeof value === 'string' && value.length > MAX_CELL_CHARACTERS) {
        throw ApiError.invalid(`Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`);
      }
    });
  });
}

function growToFit(rect: CellRect): void {
  const properties = rect.sheet.properties;
  properties.rowCount = Math.max(properties.rowCount, rect.endRow);
  properties.columnCount = Math.max(properties.columnCount, rect.endColumn);
}

function stored(value: string | number | boolean, option: 'RAW' | 'USER_ENTERED'): StoredValue | undefined {
  if (value === '') return undefined;
  if (typeof value !== 'string' || option === 'RAW') return value;
  if (value.startsWith('=')) return { formula: value };
  if (/^[+-]?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  if (/^(?:true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return value;
}

function readValues(rect: CellRect, formulas: boolean): Json[][] {
  const rows: Json[][] = [];
  for (let row = rect.startRow; row < rect.endRow; row += 1) {
    const cells: Json[] = [];
    for (let column = rect.startColumn; column < rect.endColumn; column += 1) {
      cells.push(renderValue(rect.sheet.grid.get(row, column).value, formulas));
    }
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

function renderValue(value: StoredValue | undefined, formulas: boolean): Json {
  if (value === undefined) return '';
  if (typeof value !== 'object') return value;
  if (formulas) return value.formula;
  throw ApiError.notEmulated('evaluating formulas');
}
