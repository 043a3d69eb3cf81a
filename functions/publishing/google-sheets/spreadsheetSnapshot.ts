import type { sheets_v4 } from '@googleapis/sheets';
import { decodeManagedTabRecord, METADATA_KEYS, STAGING_TITLE_PREFIX, type ManagedTabRecord } from './managedTabRecord.ts';
import type { SheetsGateway } from './SheetsGateway.ts';

/** Everything a publish needs from one `spreadsheets.get` (never grid data). */
export const SNAPSHOT_FIELDS =
  'spreadsheetId,properties/title,developerMetadata,' +
  'sheets(properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount,frozenRowCount)),' +
  'developerMetadata,charts/chartId,conditionalFormats)';

/** A conditional-format rule as far as the sink cares: where it applies and its custom formula. */
export interface RuleSnapshot {
  readonly sheetIds: readonly number[];
  readonly formula: string | undefined;
}

export interface SheetSnapshot {
  readonly sheetId: number;
  readonly title: string;
  readonly index: number;
  readonly hidden: boolean;
  readonly rowCount: number;
  readonly columnCount: number;
  /** Set when this tab carries our managed-tab metadata. */
  readonly managed?: { readonly metadataId: number; readonly record: ManagedTabRecord | undefined };
  /** Set for a staging tab left by a run (ours or an earlier, dead one). */
  readonly stagingRunId?: string;
  readonly chartIds: readonly number[];
  readonly conditionalRules: readonly RuleSnapshot[];
}

export interface SpreadsheetSnapshot {
  readonly spreadsheetId: string;
  readonly title: string;
  readonly sheets: readonly SheetSnapshot[];
  /** Id of the write-receipt metadata, if a previous run created it. */
  readonly receiptMetadataId: number | undefined;
  /** Every sheet, chart and metadata id in use (new ids must avoid them). */
  readonly usedIds: ReadonlySet<number>;
  /** Every chart in the spreadsheet, wherever users moved it. */
  readonly chartIds: ReadonlySet<number>;
}

/** Reads the spreadsheet's structure and our bookkeeping in one read request. */
export async function readSpreadsheetSnapshot(gateway: SheetsGateway): Promise<SpreadsheetSnapshot> {
  return toSnapshot(await gateway.getSpreadsheet(SNAPSHOT_FIELDS), gateway.spreadsheetId);
}

export function toSnapshot(spreadsheet: sheets_v4.Schema$Spreadsheet, spreadsheetId: string): SpreadsheetSnapshot {
  const usedIds = new Set<number>();
  const sheets = (spreadsheet.sheets ?? []).map((sheet) => sheetSnapshot(sheet, usedIds));
  const receipt = (spreadsheet.developerMetadata ?? []).find((metadata) => metadata.metadataKey === METADATA_KEYS.writeReceipt);
  for (const metadata of spreadsheet.developerMetadata ?? []) addId(usedIds, metadata.metadataId);
  return {
    spreadsheetId,
    title: spreadsheet.properties?.title ?? '',
    sheets,
    receiptMetadataId: receipt?.metadataId ?? undefined,
    usedIds,
    chartIds: new Set(sheets.flatMap((sheet) => sheet.chartIds)),
  };
}

/** Cells allocated by a sheet (empty ones count towards Google's limit too). */
export function sheetCells(sheet: Pick<SheetSnapshot, 'rowCount' | 'columnCount'>): number {
  return sheet.rowCount * sheet.columnCount;
}

function sheetSnapshot(sheet: sheets_v4.Schema$Sheet, usedIds: Set<number>): SheetSnapshot {
  const properties = sheet.properties ?? {};
  const sheetId = properties.sheetId ?? 0;
  const title = properties.title ?? '';
  const hidden = properties.hidden ?? false;
  addId(usedIds, sheetId);
  const metadata = sheet.developerMetadata ?? [];
  metadata.forEach((item) => addId(usedIds, item.metadataId));
  (sheet.charts ?? []).forEach((chart) => addId(usedIds, chart.chartId));
  const managed = metadata.find((item) => item.metadataKey === METADATA_KEYS.managedTab);
  const staging = metadata.find((item) => item.metadataKey === METADATA_KEYS.stagingTab);
  const stagingRunId = staging ? (staging.metadataValue ?? '') : hidden && title.startsWith(STAGING_TITLE_PREFIX) ? '' : undefined;
  return {
    sheetId,
    title,
    index: properties.index ?? 0,
    hidden,
    rowCount: properties.gridProperties?.rowCount ?? 0,
    columnCount: properties.gridProperties?.columnCount ?? 0,
    ...(managed?.metadataId != null && {
      managed: { metadataId: managed.metadataId, record: decodeManagedTabRecord(managed.metadataValue) },
    }),
    ...(stagingRunId !== undefined && { stagingRunId }),
    chartIds: (sheet.charts ?? []).flatMap((chart) => (chart.chartId == null ? [] : [chart.chartId])),
    conditionalRules: (sheet.conditionalFormats ?? []).map(ruleSnapshot),
  };
}

function ruleSnapshot(rule: sheets_v4.Schema$ConditionalFormatRule): RuleSnapshot {
  const condition = rule.booleanRule?.condition;
  const formula = condition?.type === 'CUSTOM_FORMULA' ? (condition.values?.[0]?.userEnteredValue ?? undefined) : undefined;
  return {
    sheetIds: (rule.ranges ?? []).map((range) => range.sheetId ?? 0),
    formula,
  };
}

function addId(ids: Set<number>, id: number | null | undefined): void {
  if (id != null) ids.add(id);
}
