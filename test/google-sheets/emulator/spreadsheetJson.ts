import type { Json, JsonObject } from './json.ts';
import type { DeveloperMetadata, SheetProperties, SheetState, SpreadsheetState } from './SpreadsheetState.ts';

/**
 * The spreadsheet as `spreadsheets.get` returns it (without grid data). Like Google, fields at their
 * default (`hidden: false`, zero frozen rows, empty lists) are omitted, so clients must cope.
 */
export function spreadsheetJson(state: SpreadsheetState): JsonObject {
  const spreadsheetMetadata = state.developerMetadata.filter((metadata) => 'spreadsheet' in metadata.location);
  return {
    spreadsheetId: state.spreadsheetId,
    properties: { title: state.title, locale: state.locale, timeZone: state.timeZone },
    sheets: state.sheets.map((sheet) => sheetJson(sheet, state.developerMetadata)),
    ...(spreadsheetMetadata.length > 0 && { developerMetadata: spreadsheetMetadata.map(developerMetadataJson) }),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${state.spreadsheetId}/edit`,
  };
}

function sheetJson(sheet: SheetState, allMetadata: readonly DeveloperMetadata[]): JsonObject {
  const metadata = allMetadata.filter(
    (item) => 'sheetId' in item.location && item.location.sheetId === sheet.properties.sheetId,
  );
  return {
    properties: sheetPropertiesJson(sheet.properties),
    ...(metadata.length > 0 && { developerMetadata: metadata.map(developerMetadataJson) }),
    ...(sheet.charts.length > 0 && {
      charts: sheet.charts.map((chart) => ({ chartId: chart.chartId, spec: chart.spec, position: chart.position })),
    }),
    ...(sheet.conditionalFormats.length > 0 && { conditionalFormats: sheet.conditionalFormats }),
  };
}

export function sheetPropertiesJson(properties: SheetProperties): JsonObject {
  const gridProperties: Record<string, Json> = {
    rowCount: properties.rowCount,
    columnCount: properties.columnCount,
  };
  if (properties.frozenRowCount > 0) gridProperties['frozenRowCount'] = properties.frozenRowCount;
  if (properties.frozenColumnCount > 0) gridProperties['frozenColumnCount'] = properties.frozenColumnCount;
  return {
    sheetId: properties.sheetId,
    title: properties.title,
    index: properties.index,
    sheetType: 'GRID',
    gridProperties,
    ...(properties.hidden && { hidden: true }),
  };
}

export function developerMetadataJson(metadata: DeveloperMetadata): JsonObject {
  const location: JsonObject =
    'spreadsheet' in metadata.location
      ? { locationType: 'SPREADSHEET', spreadsheet: true }
      : { locationType: 'SHEET', sheetId: metadata.location.sheetId };
  return {
    metadataId: metadata.metadataId,
    metadataKey: metadata.metadataKey,
    ...(metadata.metadataValue !== undefined && { metadataValue: metadata.metadataValue }),
    location,
    visibility: metadata.visibility,
  };
}
