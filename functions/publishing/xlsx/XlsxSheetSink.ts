import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { CellValue, ColumnType, SheetModel, SheetTab, TableBlock } from '../SheetModel.ts';
import type { PublishReport, SheetSink } from '../SheetSink.ts';

export interface XlsxSheetSinkOptions {
  /** Where to write the new workbook (a staged path; the result store renames it into place). */
  readonly stagingPath: () => Promise<string>;
  /** The currently published workbook, read for the Run Log history; may not exist. */
  readonly previousPath: string;
  readonly now?: () => number;
}

const PALETTE = ['FFDCEAF7', 'FFE2F0D9', 'FFFCE4D6', 'FFFFF2CC', 'FFE4DFEC', 'FFDDEBF7', 'FFF8CBAD', 'FFD9E1F2', 'FFC6E0B4', 'FFFFE699', 'FFF4B084', 'FFBDD7EE'];
const DEFAULT_WIDTH: Record<ColumnType, number> = { text: 18, integer: 10, number: 12, currency: 14, percent: 10, date: 12 };

/**
 * Renders the sheet model as an `.xlsx` workbook: one worksheet per tab, notes above the
 * tables, bold frozen headers, number/currency/percent/date formats, widths, header notes and
 * row colours by segment or tier. Text is always stored as text, so a value starting with `=`
 * never becomes a formula. (Charts are left to the Google Sheets sink: the workbook library
 * cannot draw them; the data they would show is in the tables.)
 *
 * @example
 * ```ts
 * const sink = new XlsxSheetSink({ stagingPath: () => store.stagingPath('segments.xlsx'), previousPath: 'out/segments.xlsx' });
 * await sink.publish(model);
 * ```
 */
export class XlsxSheetSink implements SheetSink {
  readonly name = 'xlsx';
  private readonly options: XlsxSheetSinkOptions;

  constructor(options: XlsxSheetSinkOptions) {
    this.options = options;
  }

  async publish(model: SheetModel): Promise<PublishReport> {
    const now = this.options.now ?? Date.now;
    const started = now();
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'segment-sheets';
    workbook.title = model.title;
    let cells = 0;
    for (const tab of model.tabs) {
      const prepared = tab.append ? await this.withPreviousRunLog(tab) : tab;
      cells += writeTab(workbook.addWorksheet(prepared.name), prepared, model.currency ?? 'USD');
    }
    const target = await this.options.stagingPath();
    await workbook.xlsx.writeFile(target);
    return { sink: this.name, location: target, tabs: model.tabs.length, cells, writeRequests: 0, durationMs: now() - started };
  }

  /** Prepends the rows of the published workbook's tab of the same name, keeping the newest. */
  private async withPreviousRunLog(tab: SheetTab): Promise<SheetTab> {
    const block = tab.blocks[0];
    if (!block || !tab.append || !existsSync(this.options.previousPath)) return tab;
    const previous = new ExcelJS.Workbook();
    try {
      await previous.xlsx.readFile(this.options.previousPath);
    } catch {
      return tab; // an unreadable old workbook must not stop a new run
    }
    const sheet = previous.getWorksheet(tab.name);
    if (!sheet) return tab;
    const headerRow = tab.notes.length + 1;
    const oldRows: CellValue[][] = [];
    sheet.eachRow((row, index) => {
      if (index <= headerRow) return;
      const values = block.columns.map((_, i) => plainValue(row.getCell(i + 1).value));
      if (values.some((v) => v !== null)) oldRows.push(values);
    });
    const rows = [...oldRows, ...block.rows].slice(-tab.append.keepRows);
    return { ...tab, blocks: [{ ...block, rows }] };
  }
}

/** Writes one tab; returns the number of cells written. */
function writeTab(sheet: ExcelJS.Worksheet, tab: SheetTab, currency: string): number {
  let rowIndex = 1;
  for (const note of tab.notes) {
    sheet.getCell(rowIndex, 1).value = note;
    sheet.getCell(rowIndex, 1).font = { italic: true, color: { argb: 'FF555555' } };
    rowIndex++;
  }
  let cells = tab.notes.length;
  const widths: number[] = [];
  tab.blocks.forEach((block, blockIndex) => {
    if (blockIndex > 0 || block.title) {
      if (blockIndex > 0) rowIndex++;
      if (block.title) {
        sheet.getCell(rowIndex, 1).value = block.title;
        sheet.getCell(rowIndex, 1).font = { bold: true, size: 12 };
        rowIndex++;
      }
    }
    if (blockIndex === 0) sheet.views = [{ state: 'frozen', ySplit: rowIndex, xSplit: 0 }];
    cells += writeBlock(sheet, block, rowIndex, currency);
    block.columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.width ?? DEFAULT_WIDTH[c.type]);
    });
    rowIndex += block.rows.length + 1;
  });
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  return cells;
}

function writeBlock(sheet: ExcelJS.Worksheet, block: TableBlock, headerRow: number, currency: string): number {
  block.columns.forEach((column, i) => {
    const cell = sheet.getCell(headerRow, i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    if (column.note) cell.note = column.note;
  });
  const formats = block.columns.map((c) => numberFormat(c.type, currency));
  const colourColumn = block.colourBy ? block.columns.findIndex((c) => c.key === block.colourBy) : -1;
  const colours = new Map<string, string>();
  block.rows.forEach((values, r) => {
    const row = sheet.getRow(headerRow + 1 + r);
    const colourKey = colourColumn >= 0 ? String(values[colourColumn] ?? '') : undefined;
    let fill: string | undefined;
    if (colourKey !== undefined) {
      fill = colours.get(colourKey);
      if (!fill) {
        fill = PALETTE[colours.size % PALETTE.length] as string;
        colours.set(colourKey, fill);
      }
    }
    values.forEach((value, c) => {
      const column = block.columns[c];
      if (!column) return;
      const cell = row.getCell(c + 1);
      cell.value = cellValue(value, column.type);
      const format = formats[c];
      if (format) cell.numFmt = format;
      if (fill && c === colourColumn) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    });
  });
  return block.columns.length * (block.rows.length + 1);
}

function cellValue(value: CellValue, type: ColumnType): ExcelJS.CellValue {
  if (value === null) return null;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  // Strings stay strings: exceljs only writes a formula for { formula } objects, so "=1+1" is text.
  return value;
}

function numberFormat(type: ColumnType, currency: string): string | undefined {
  switch (type) {
    case 'integer':
      return '#,##0';
    case 'number':
      return '#,##0.0#';
    case 'currency':
      return `#,##0.00 "${currency}"`;
    case 'percent':
      return '0.0%';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  if (typeof value === 'object' && 'result' in value) return plainValue(value.result as ExcelJS.CellValue);
  return String(value);
}
