import type { Json } from '../emulator/json.ts';
import type { SheetState, SpreadsheetState } from '../emulator/SpreadsheetState.ts';
import { tabView, type TabView } from '../emulator/readerView.ts';

/** Everything a person sees in one tab: values, formats, notes, widths, frozen rows, colours and charts. */
export interface VisibleTab extends TabView {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly frozenRowCount: number;
  readonly formats: readonly string[];
  readonly notes: readonly string[];
  readonly columnWidths: readonly (readonly [number, number])[];
  readonly conditionalFormats: readonly Json[];
  readonly charts: readonly Json[];
}

/** The visible tabs with their presentation; hidden (staging) tabs and developer metadata are left out. */
export function visibleTabs(state: SpreadsheetState): VisibleTab[] {
  return state.sheets.filter((sheet) => !sheet.properties.hidden).map(visibleTab);
}

export function visibleTab(sheet: SheetState): VisibleTab {
  const formats: string[] = [];
  const notes: string[] = [];
  for (const row of sheet.grid.populatedRowIndexes()) {
    for (let column = 0; column < sheet.properties.columnCount; column += 1) {
      const cell = sheet.grid.get(row, column);
      if (cell.format) formats.push(`${row},${column}:${JSON.stringify(cell.format)}`);
      if (cell.note !== undefined) notes.push(`${row},${column}:${cell.note}`);
    }
  }
  return {
    ...tabView(sheet),
    rowCount: sheet.properties.rowCount,
    columnCount: sheet.properties.columnCount,
    frozenRowCount: sheet.properties.frozenRowCount,
    formats,
    notes,
    columnWidths: [...sheet.columnWidths.entries()].sort(([a], [b]) => a - b),
    conditionalFormats: sheet.conditionalFormats,
    charts: sheet.charts.map((chart) => ({ chartId: chart.chartId, spec: chart.spec })),
  };
}

/**
 * The visible tabs with ids replaced by tab titles (`sheetId`) and placeholders (`chartId`), so a
 * publish into a copy can be compared with a publish elsewhere even where new tabs got random ids.
 */
export function comparableTabs(state: SpreadsheetState): Json[] {
  const titles = new Map(state.sheets.map((sheet) => [sheet.properties.sheetId, sheet.properties.title]));
  return visibleTabs(state).map((tab) => replaceIds(JSON.parse(JSON.stringify(tab)) as Json, titles));
}

function replaceIds(value: Json, titles: ReadonlyMap<number, string>): Json {
  if (Array.isArray(value)) return value.map((item: Json) => replaceIds(item, titles));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === 'sheetId' && typeof item === 'number') return [key, titles.get(item) ?? `missing sheet ${item}`];
      if (key === 'chartId') return [key, 'chart'];
      return [key, replaceIds(item, titles)];
    }),
  );
}
