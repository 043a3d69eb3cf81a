import { ApiError } from './ApiError.ts';
import { findSheetByTitle, type SheetState, type SpreadsheetState } from './SpreadsheetState.ts';

/** A resolved rectangle, zero-based and end-exclusive (like a GridRange). */
export interface CellRect {
  readonly sheet: SheetState;
  readonly startRow: number;
  readonly endRow: number;
  readonly startColumn: number;
  readonly endColumn: number;
}

interface CellRef {
  readonly column?: number;
  readonly row?: number;
}

/**
 * Resolves an A1 range (`'My tab'!A1:C10`, `Tab!A:A`, `Tab!2:5`, `Tab`, `A1:B2`) against the
 * spreadsheet. Open-ended parts extend to the grid's edge, as in Google Sheets.
 */
export function resolveA1Range(state: SpreadsheetState, range: string): CellRect {
  const { sheetTitle, cells } = splitSheet(range);
  const sheet = sheetTitle === undefined ? state.sheets[0] : findSheetByTitle(state, sheetTitle);
  if (!sheet) throw ApiError.invalid(`Unable to parse range: ${range}`);
  const { rowCount, columnCount } = sheet.properties;
  if (cells === '') return { sheet, startRow: 0, endRow: rowCount, startColumn: 0, endColumn: columnCount };
  const [first, second, extra] = cells.split(':');
  if (first === undefined || extra !== undefined) throw ApiError.invalid(`Unable to parse range: ${range}`);
  const start = parseCellRef(first, range);
  const end = second === undefined ? start : parseCellRef(second, range);
  const rect = {
    sheet,
    startRow: start.row ?? 0,
    endRow: end.row === undefined ? rowCount : end.row + 1,
    startColumn: start.column ?? 0,
    endColumn: end.column === undefined ? columnCount : end.column + 1,
  };
  if (rect.endRow <= rect.startRow || rect.endColumn <= rect.startColumn) {
    throw ApiError.invalid(`Unable to parse range: ${range}`);
  }
  return rect;
}

/** The canonical A1 text Google echoes back, e.g. `'My tab'!A1:C10`. */
export function formatA1Range(rect: CellRect): string {
  const title = rect.sheet.properties.title;
  const quoted = /^[A-Za-z0-9_]+$/.test(title) ? title : `'${title.replaceAll("'", "''")}'`;
  const from = `${columnLetters(rect.startColumn)}${rect.startRow + 1}`;
  const to = `${columnLetters(rect.endColumn - 1)}${rect.endRow}`;
  return `${quoted}!${from}:${to}`;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function splitSheet(range: string): { sheetTitle?: string; cells: string } {
  const quoted = /^'((?:[^']|'')+)'(?:!(.*))?$/.exec(range);
  if (quoted) return { sheetTitle: (quoted[1] ?? '').replaceAll("''", "'"), cells: quoted[2] ?? '' };
  const bang = range.lastIndexOf('!');
  if (bang >= 0) return { sheetTitle: range.slice(0, bang), cells: range.slice(bang + 1) };
  // Without "!", the text is either cells on the first tab or a tab name.
  if (/^(?:[A-Za-z]{1,3}\d*|\d+)(?::(?:[A-Za-z]{1,3}\d*|\d+))?$/.test(range)) return { cells: range };
  return { sheetTitle: range, cells: '' };
}

function parseCellRef(text: string, range: string): CellRef {
  const match = /^([A-Za-z]{1,3})?(\d+)?$/.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    throw ApiError.invalid(`Unable to parse range: ${range}`);
  }
  const row = match[2] === undefined ? undefined : Number(match[2]) - 1;
  if (row !== undefined && row < 0) throw ApiError.invalid(`Unable to parse range: ${range}`);
  return {
    ...(match[1] !== undefined && { column: columnIndex(match[1]) }),
    ...(row !== undefined && { row }),
  };
}

function columnIndex(letters: string): number {
  let index = 0;
  for (const char of letters.toUpperCase()) index = index * 26 + (char.charCodeAt(0) - 64);
  return index - 1;
}
