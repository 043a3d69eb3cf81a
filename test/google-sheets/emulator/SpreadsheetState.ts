import { Grid } from './Grid.ts';
import type { JsonObject } from './json.ts';

export type Access = 'reader' | 'writer';

export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  hidden: boolean;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  frozenColumnCount: number;
}

export interface EmbeddedChart {
  readonly chartId: number;
  spec: JsonObject;
  readonly position: JsonObject;
}

export type MetadataLocation = { readonly spreadsheet: true } | { readonly sheetId: number };

export interface DeveloperMetadata {
  readonly metadataId: number;
  metadataKey: string;
  metadataValue?: string;
  visibility: 'DOCUMENT' | 'PROJECT';
  readonly location: MetadataLocation;
}

export interface SheetState {
  properties: SheetProperties;
  grid: Grid;
  /** Pixel widths set with updateDimensionProperties, by column index. */
  columnWidths: Map<number, number>;
  conditionalFormats: JsonObject[];
  charts: EmbeddedChart[];
}

/** The whole emulated spreadsheet: what a reader of the real one would see, plus its metadata. */
export interface SpreadsheetState {
  readonly spreadsheetId: string;
  title: string;
  readonly locale: string;
  readonly timeZone: string;
  /** Ordered by `properties.index`. */
  sheets: SheetState[];
  developerMetadata: DeveloperMetadata[];
  /** Principal (service-account email or token name) → access level. */
  readonly sharedWith: Map<string, Access>;
}

/** Google's grid for a new tab when the request does not size it. */
export const DEFAULT_ROW_COUNT = 1000;
export const DEFAULT_COLUMN_COUNT = 26;

export function newSheet(properties: SheetProperties): SheetState {
  return { properties, grid: new Grid(), columnWidths: new Map(), conditionalFormats: [], charts: [] };
}

/** A copy that a batchUpdate can change and then either keep (success) or drop (any error). */
export function cloneSpreadsheet(state: SpreadsheetState, spreadsheetId = state.spreadsheetId): SpreadsheetState {
  return {
    ...state,
    spreadsheetId,
    sheets: state.sheets.map((sheet) => ({
      properties: { ...sheet.properties },
      grid: sheet.grid.clone(),
      columnWidths: new Map(sheet.columnWidths),
      conditionalFormats: [...sheet.conditionalFormats],
      charts: sheet.charts.map((chart) => ({ ...chart })),
    })),
    developerMetadata: state.developerMetadata.map((metadata) => ({ ...metadata })),
    sharedWith: new Map(state.sharedWith),
  };
}

export function totalCells(state: SpreadsheetState): number {
  return state.sheets.reduce((sum, sheet) => sum + sheet.properties.rowCount * sheet.properties.columnCount, 0);
}

export function findSheet(state: SpreadsheetState, sheetId: number): SheetState | undefined {
  return state.sheets.find((sheet) => sheet.properties.sheetId === sheetId);
}

export function findSheetByTitle(state: SpreadsheetState, title: string): SheetState | undefined {
  const wanted = title.toLowerCase();
  return state.sheets.find((sheet) => sheet.properties.title.toLowerCase() === wanted);
}

/** Renumbers `index` after tabs were added, removed or moved. */
export function reindexSheets(state: SpreadsheetState): void {
  state.sheets.forEach((sheet, index) => {
    sheet.properties.index = index;
  });
}
