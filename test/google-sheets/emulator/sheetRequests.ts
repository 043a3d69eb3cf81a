import { ApiError } from './ApiError.ts';
import { applyUpdateMask, parseFieldMask } from './fieldMask.ts';
import { requireSheet, resolveDimensionRange } from './gridRanges.ts';
import type { RequestHandler } from './RequestHandler.ts';
import {
  addSheetSchema,
  appendDimensionSchema,
  deleteDimensionSchema,
  deleteSheetSchema,
  insertDimensionSchema,
  sheetPropertiesJsonSchema,
  updateDimensionPropertiesSchema,
  updateSheetPropertiesSchema,
  updateSpreadsheetPropertiesSchema,
} from './requestSchemas.ts';
import { sheetPropertiesJson } from './spreadsheetJson.ts';
import {
  DEFAULT_COLUMN_COUNT,
  DEFAULT_ROW_COUNT,
  findSheet,
  findSheetByTitle,
  newSheet,
  reindexSheets,
  type SheetProperties,
  type SheetState,
  type SpreadsheetState,
} from './SpreadsheetState.ts';

export const addSheet: RequestHandler = (state, body, context) => {
  const { properties } = addSheetSchema.parse(body);
  const sheetId = properties.sheetId ?? context.newId();
  if (findSheet(state, sheetId)) throw ApiError.invalid(`A sheet with id ${sheetId} already exists.`);
  const title = properties.title ?? nextDefaultTitle(state);
  assertTitleAvailable(state, title, sheetId);
  const grid = properties.gridProperties ?? {};
  const sheet = newSheet({
    sheetId,
    title,
    index: 0,
    hidden: properties.hidden ?? false,
    rowCount: grid.rowCount ?? DEFAULT_ROW_COUNT,
    columnCount: grid.columnCount ?? DEFAULT_COLUMN_COUNT,
    frozenRowCount: grid.frozenRowCount ?? 0,
    frozenColumnCount: grid.frozenColumnCount ?? 0,
  });
  assertSheetPropertiesValid(sheet.properties);
  const at = Math.min(properties.index ?? state.sheets.length, state.sheets.length);
  state.sheets.splice(at, 0, sheet);
  reindexSheets(state);
  assertSomeSheetVisible(state);
  return { addSheet: { properties: sheetPropertiesJson(sheet.properties) } };
};

export const deleteSheet: RequestHandler = (state, body) => {
  const { sheetId } = deleteSheetSchema.parse(body);
  requireSheet(state, sheetId);
  state.sheets = state.sheets.filter((sheet) => sheet.properties.sheetId !== sheetId);
  if (!state.sheets.some((sheet) => !sheet.properties.hidden)) {
    throw ApiError.invalid("You can't remove all the visible sheets in a document.");
  }
  state.developerMetadata = state.developerMetadata.filter(
    (metadata) => !('sheetId' in metadata.location && metadata.location.sheetId === sheetId),
  );
  reindexSheets(state);
  return {};
};

export const updateSheetProperties: RequestHandler = (state, body) => {
  const request = updateSheetPropertiesSchema.parse(body);
  const sheetId = request.properties['sheetId'];
  if (typeof sheetId !== 'number') throw ApiError.invalid('properties.sheetId is required.');
  const sheet = requireSheet(state, sheetId);
  const merged = applyUpdateMask(sheetPropertiesJson(sheet.properties), request.properties, parseFieldMask(request.fields));
  const parsed = sheetPropertiesJsonSchema.safeParse(merged);
  if (!parsed.success) throw ApiError.invalid(`Invalid sheet properties: ${parsed.error.issues[0]?.message ?? ''}`);
  const next = parsed.data;
  if (next.sheetId !== sheetId) throw ApiError.invalid('The sheetId of a sheet cannot be changed.');
  assertTitleAvailable(state, next.title, sheetId);
  const properties: SheetProperties = {
    sheetId,
    title: next.title,
    index: next.index,
    hidden: next.hidden,
    ...next.gridProperties,
  };
  assertSheetPropertiesValid(properties);
  sheet.grid.truncate(properties.rowCount, properties.columnCount);
  sheet.properties = properties;
  moveSheet(state, sheet, properties.index);
  assertSomeSheetVisible(state);
  return {};
};

export const updateSpreadsheetProperties: RequestHandler = (state, body) => {
  const request = updateSpreadsheetPropertiesSchema.parse(body);
  const fields = parseFieldMask(request.fields);
  if (fields.some((path) => path[0] !== 'title')) throw ApiError.notEmulated(`spreadsheet fields other than title`);
  if (request.properties.title === undefined) throw ApiError.invalid('properties.title is required.');
  state.title = request.properties.title;
  return {};
};

export const insertDimension: RequestHandler = (state, body) => {
  const { range } = insertDimensionSchema.parse(body);
  const sheet = requireSheet(state, range.sheetId);
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? start;
  const size = range.dimension === 'ROWS' ? sheet.properties.rowCount : sheet.properties.columnCount;
  if (start >= end || start > size) throw ApiError.invalid(`Invalid insert range ${start}-${end} (size ${size}).`);
  if (range.dimension === 'ROWS') {
    sheet.grid.insertRows(start, end - start);
    sheet.properties.rowCount += end - start;
  } else {
    sheet.grid.insertColumns(start, end - start);
    sheet.properties.columnCount += end - start;
    shiftColumnWidths(sheet, start, end - start);
  }
  return {};
};

export const appendDimension: RequestHandler = (state, body) => {
  const { sheetId, dimension, length } = appendDimensionSchema.parse(body);
  const sheet = requireSheet(state, sheetId);
  if (dimension === 'ROWS') sheet.properties.rowCount += length;
  else sheet.properties.columnCount += length;
  return {};
};

export const deleteDimension: RequestHandler = (state, body) => {
  const { range } = deleteDimensionSchema.parse(body);
  const { sheet, start, end } = resolveDimensionRange(state, range);
  const size = range.dimension === 'ROWS' ? sheet.properties.rowCount : sheet.properties.columnCount;
  if (end > size) throw ApiError.invalid(`Cannot delete ${range.dimension} ${start}-${end}: the sheet has ${size}.`);
  if (end - start >= size) {
    throw ApiError.invalid(`You can't delete all the ${range.dimension === 'ROWS' ? 'rows' : 'columns'} on the sheet.`);
  }
  if (range.dimension === 'ROWS') {
    sheet.grid.deleteRows(start, end);
    sheet.properties.rowCount -= end - start;
    sheet.properties.frozenRowCount = Math.min(sheet.properties.frozenRowCount, sheet.properties.rowCount - 1);
  } else {
    sheet.grid.deleteColumns(start, end);
    sheet.properties.columnCount -= end - start;
    shiftColumnWidths(sheet, end, start - end);
  }
  return {};
};

export const updateDimensionProperties: RequestHandler = (state, body) => {
  const request = updateDimensionPropertiesSchema.parse(body);
  if (request.fields !== 'pixelSize') throw ApiError.notEmulated(`dimension fields "${request.fields}"`);
  if (request.range.dimension !== 'COLUMNS') throw ApiError.notEmulated('row heights');
  const { sheet, start, end } = resolveDimensionRange(state, request.range);
  if (end > sheet.properties.columnCount) throw ApiError.invalid(`Column range ${start}-${end} exceeds the grid.`);
  for (let column = start; column < end; column += 1) {
    if (request.properties.pixelSize === undefined) sheet.columnWidths.delete(column);
    else sheet.columnWidths.set(column, request.properties.pixelSize);
  }
  return {};
};

function nextDefaultTitle(state: SpreadsheetState): string {
  for (let number = state.sheets.length + 1; ; number += 1) {
    if (!findSheetByTitle(state, `Sheet${number}`)) return `Sheet${number}`;
  }
}

function assertTitleAvailable(state: SpreadsheetState, title: string, sheetId: number): void {
  const holder = findSheetByTitle(state, title);
  if (holder && holder.properties.sheetId !== sheetId) {
    throw ApiError.invalid(`A sheet with the name "${title}" already exists. Please enter another name.`);
  }
}

function assertSheetPropertiesValid(properties: SheetProperties): void {
  if (properties.title.trim() === '') throw ApiError.invalid('A sheet name cannot be empty.');
  if (properties.frozenRowCount > 0 && properties.frozenRowCount >= properties.rowCount) {
    throw ApiError.invalid("You can't freeze all visible rows on the sheet.");
  }
  if (properties.frozenColumnCount > 0 && properties.frozenColumnCount >= properties.columnCount) {
    throw ApiError.invalid("You can't freeze all visible columns on the sheet.");
  }
}

function assertSomeSheetVisible(state: SpreadsheetState): void {
  if (!state.sheets.some((sheet) => !sheet.properties.hidden)) {
    throw ApiError.invalid("You can't hide all the sheets in a document.");
  }
}

function moveSheet(state: SpreadsheetState, sheet: SheetState, index: number): void {
  const others = state.sheets.filter((candidate) => candidate !== sheet);
  others.splice(Math.min(index, others.length), 0, sheet);
  state.sheets = others;
  reindexSheets(state);
}

/** Moves remembered column widths when columns are inserted (`by > 0`) or deleted (`by < 0`). */
function shiftColumnWidths(sheet: SheetState, from: number, by: number): void {
  const shifted = new Map<number, number>();
  for (const [column, width] of sheet.columnWidths) {
    if (column < from + Math.min(by, 0)) shifted.set(column, width);
    else if (column >= from) shifted.set(column + by, width);
  }
  sheet.columnWidths = shifted;
}
