import { ApiError } from './ApiError.ts';
import type { CellRect } from './a1Range.ts';
import { applyUpdateMask, parseFieldMask, type FieldPaths } from './fieldMask.ts';
import type { CellState, Grid, StoredValue } from './Grid.ts';
import { requireSheet, resolveGridRange } from './gridRanges.ts';
import type { JsonObject } from './json.ts';
import type { RequestHandler } from './RequestHandler.ts';
import { copyPasteSchema, repeatCellSchema, updateCellsSchema, type CellDataInput } from './requestSchemas.ts';

export const updateCells: RequestHandler = (state, body) => {
  const request = updateCellsSchema.parse(body);
  const writer = new CellWriter(parseFieldMask(request.fields));
  if (request.range && request.start) throw ApiError.invalid('Only one of start and range may be set.');
  if (request.range) {
    const rect = resolveGridRange(state, request.range);
    forEachCell(rect, (row, column) => {
      const source = request.rows[row - rect.startRow]?.values[column - rect.startColumn] ?? {};
      writer.write(rect.sheet.grid, row, column, source);
    });
    return {};
  }
  const start = request.start ?? { sheetId: 0, rowIndex: 0, columnIndex: 0 };
  const sheet = requireSheet(state, start.sheetId);
  request.rows.forEach((rowData, rowOffset) => {
    rowData.values.forEach((cell, columnOffset) => {
      const row = start.rowIndex + rowOffset;
      const column = start.columnIndex + columnOffset;
      if (row >= sheet.properties.rowCount || column >= sheet.properties.columnCount) {
        throw ApiError.invalid(`updateCells writes outside the grid (row ${row + 1}, column ${column + 1}).`);
      }
      writer.write(sheet.grid, row, column, cell);
    });
  });
  return {};
};

export const repeatCell: RequestHandler = (state, body) => {
  const request = repeatCellSchema.parse(body);
  const writer = new CellWriter(parseFieldMask(request.fields));
  const rect = resolveGridRange(state, request.range);
  forEachCell(rect, (row, column) => writer.write(rect.sheet.grid, row, column, request.cell));
  return {};
};

export const copyPaste: RequestHandler = (state, body) => {
  const request = copyPasteSchema.parse(body);
  const source = resolveGridRange(state, request.source);
  const destination = resolveGridRange(state, request.destination);
  const height = source.endRow - source.startRow;
  const width = source.endColumn - source.startColumn;
  const target = pasteTarget(source, destination);
  // Read everything first: source and destination may overlap.
  const copied: CellState[][] = [];
  for (let row = 0; row < height; row += 1) {
    const cells: CellState[] = [];
    for (let column = 0; column < width; column += 1) {
      cells.push(source.sheet.grid.get(source.startRow + row, source.startColumn + column));
    }
    copied.push(cells);
  }
  forEachCell(target, (row, column) => {
    const cell = copied[(row - target.startRow) % height]?.[(column - target.startColumn) % width] ?? {};
    pasteCell(target.sheet.grid, row, column, cell, request.pasteType);
  });
  return {};
};

/**
 * Where a paste lands: the destination when it is a whole multiple of the source (the source repeats),
 * otherwise the source's size at the destination's corner, which must fit inside the grid.
 */
function pasteTarget(source: CellRect, destination: CellRect): CellRect {
  const height = source.endRow - source.startRow;
  const width = source.endColumn - source.startColumn;
  const destinationHeight = destination.endRow - destination.startRow;
  const destinationWidth = destination.endColumn - destination.startColumn;
  if (destinationHeight % height === 0 && destinationWidth % width === 0) return destination;
  const target = {
    ...destination,
    endRow: destination.startRow + height,
    endColumn: destination.startColumn + width,
  };
  if (target.endRow > destination.sheet.properties.rowCount || target.endColumn > destination.sheet.properties.columnCount) {
    throw ApiError.invalid('The pasted data would extend beyond the grid of the destination sheet.');
  }
  return target;
}

function pasteCell(grid: Grid, row: number, column: number, cell: CellState, pasteType: string): void {
  if (pasteType !== 'PASTE_FORMAT') {
    if (typeof cell.value === 'object') throw ApiError.notEmulated('pasting values of formula cells (no evaluation)');
    grid.setValue(row, column, cell.value);
  }
  if (pasteType !== 'PASTE_VALUES') grid.setFormat(row, column, cell.format);
  if (pasteType === 'PASTE_NORMAL') grid.setNote(row, column, cell.note);
}

function forEachCell(rect: CellRect, visit: (row: number, column: number) => void): void {
  for (let row = rect.startRow; row < rect.endRow; row += 1) {
    for (let column = rect.startColumn; column < rect.endColumn; column += 1) visit(row, column);
  }
}

/**
 * Writes CellData through a field mask: masked fields take the source's value or are cleared.
 * Formats are shared objects; merges are memoised so repeating a format over 100,000 cells makes
 * one object, not 100,000.
 */
class CellWriter {
  private readonly touchesValue: boolean;
  private readonly touchesNote: boolean;
  private readonly formatPaths: FieldPaths;
  private readonly mergedFormats = new Map<JsonObject | undefined, Map<string, JsonObject | undefined>>();

  constructor(paths: FieldPaths) {
    const all = paths.some((path) => path[0] === '*');
    const supported = new Set(['userEnteredValue', 'userEnteredFormat', 'note', '*']);
    const unsupported = paths.find((path) => !supported.has(path[0] ?? ''));
    if (unsupported) throw ApiError.notEmulated(`cell field "${unsupported.join('.')}"`);
    this.touchesValue = all || paths.some((path) => path[0] === 'userEnteredValue');
    this.touchesNote = all || paths.some((path) => path[0] === 'note');
    this.formatPaths = all ? [['*']] : paths.filter((path) => path[0] === 'userEnteredFormat').map((path) => path.slice(1));
  }

  write(grid: Grid, row: number, column: number, source: CellDataInput): void {
    if (this.touchesValue) grid.setValue(row, column, storedValue(source));
    if (this.touchesNote) grid.setNote(row, column, source.note === '' ? undefined : source.note);
    if (this.formatPaths.length > 0) grid.setFormat(row, column, this.mergeFormat(grid.get(row, column).format, source));
  }

  private mergeFormat(current: JsonObject | undefined, source: CellDataInput): JsonObject | undefined {
    const key = JSON.stringify(source.userEnteredFormat ?? null);
    let byPatch = this.mergedFormats.get(current);
    if (!byPatch) {
      byPatch = new Map();
      this.mergedFormats.set(current, byPatch);
    }
    if (!byPatch.has(key)) {
      const whole = this.formatPaths.some((path) => path.length === 0);
      const merged = whole
        ? (source.userEnteredFormat ?? {})
        : applyUpdateMask(current ?? {}, source.userEnteredFormat ?? {}, this.formatPaths);
      byPatch.set(key, Object.keys(merged).length === 0 ? undefined : merged);
    }
    return byPatch.get(key);
  }
}

function storedValue(source: CellDataInput): StoredValue | undefined {
  const value = source.userEnteredValue;
  if (!value) return undefined;
  if (value.formulaValue !== undefined) return { formula: value.formulaValue };
  return value.numberValue ?? value.stringValue ?? value.boolValue;
}
