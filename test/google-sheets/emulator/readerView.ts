import type { CellState, StoredValue } from './Grid.ts';
import { findSheetByTitle, type SheetState, type SpreadsheetState } from './SpreadsheetState.ts';

/** One tab as a person opening the Sheet sees it: title, id and values (trailing blanks trimmed). */
export interface TabView {
  readonly title: string;
  readonly sheetId: number;
  readonly values: readonly (readonly (StoredValue | null)[])[];
}

/** The visible tabs in order: what readers see. Hidden tabs (staging) are not part of it. */
export function readerView(state: SpreadsheetState): TabView[] {
  return state.sheets.filter((sheet) => !sheet.properties.hidden).map(tabView);
}

export function tabView(sheet: SheetState): TabView {
  return { title: sheet.properties.title, sheetId: sheet.properties.sheetId, values: sheetValues(sheet) };
}

/** The values of a tab, found by title (case-insensitive); throws when absent. */
export function tabValues(state: SpreadsheetState, title: string): (StoredValue | null)[][] {
  return sheetValues(requireTab(state, title));
}

export function requireTab(state: SpreadsheetState, title: string): SheetState {
  const sheet = findSheetByTitle(state, title);
  if (!sheet) throw new Error(`No tab "${title}" (tabs: ${state.sheets.map((tab) => tab.properties.title).join(', ')})`);
  return sheet;
}

/** A cell of a tab by zero-based row and column. */
export function cellAt(state: SpreadsheetState, title: string, row: number, column: number): CellState {
  return requireTab(state, title).grid.get(row, column);
}

function sheetValues(sheet: SheetState): (StoredValue | null)[][] {
  const rows: (StoredValue | null)[][] = [];
  // Only rows up to the last one holding anything: a huge empty grid costs nothing to read.
  const lastRow = Math.min(sheet.properties.rowCount, (sheet.grid.populatedRowIndexes().at(-1) ?? -1) + 1);
  for (let row = 0; row < lastRow; row += 1) {
    const cells: (StoredValue | null)[] = [];
    for (let column = 0; column < sheet.properties.columnCount; column += 1) {
      cells.push(sheet.grid.get(row, column).value ?? null);
    }
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    rows.push(cells);
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}
