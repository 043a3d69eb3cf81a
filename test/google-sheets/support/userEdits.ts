import type { StoredValue } from '../emulator/Grid.ts';
import type { SpreadsheetState } from '../emulator/SpreadsheetState.ts';
import { requireTab } from '../emulator/readerView.ts';

/**
 * What a person does in the Sheets UI, applied straight to the emulator's state (test setup,
 * not via the API the sink uses).
 */

/** Adds a column right of the last one, with values from row 1 down. */
export function addColumnAtRight(state: SpreadsheetState, title: string, values: readonly StoredValue[]): number {
  const sheet = requireTab(state, title);
  const column = sheet.properties.columnCount;
  sheet.properties.columnCount += 1;
  sheet.properties.rowCount = Math.max(sheet.properties.rowCount, values.length);
  values.forEach((value, row) => sheet.grid.setValue(row, column, value));
  return column;
}

export function renameTab(state: SpreadsheetState, from: string, to: string): void {
  requireTab(state, from).properties.title = to;
}

export function columnValues(state: SpreadsheetState, title: string, column: number): (StoredValue | undefined)[] {
  const sheet = requireTab(state, title);
  return Array.from({ length: sheet.properties.rowCount }, (_, row) => sheet.grid.get(row, column).value);
}
