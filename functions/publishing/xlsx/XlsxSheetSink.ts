import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue, ColumnType, SheetModel, SheetTab, TableBlock } from '../SheetModel.ts';
import type { PublishReport, SheetSink } from '../SheetSink.ts';
import { readRunLogHistory, RUN_LOG_FILE, runLogHistoryText } from './runLogHistory.ts';

export interface XlsxSheetSinkOptions {
  /** A staged path for a file of this name; the result store renames it into place on commit. */
  readonly stagingPath: (name: string) => Promise<string>;
  /** The folder holding the currently published results (for the Run Log history). */
  readonly publishedDir: string;
  /** File name of the workbook. Default `segments.xlsx`. */
  readonly fileName?: string;
  readonly now?: () => number;
}

const PALETTE = ['FFDCEAF7', 'FFE2F0D9', 'FFFCE4D6', 'FFFFF2CC', 'FFE4DFEC', 'FFDDEBF7', 'FFF8CBAD', 'FFD9E1F2', 'FFC6E0B4', 'FFFFE699', 'FFF4B084', 'FFBDD7EE'];
const DEFAULT_WIDTH: Record<ColumnType, number> = { text: 18, integer: 10, number: 12, currency: 14, percent: 10, date: 12 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

/**
 * Renders the sheet model as an `.xlsx` workbook, streamed row by row: one worksheet per tab,
 * notes above the tables, bold frozen headers, number/currency/percent/date formats, widths,
 * header notes and row colours by segment or tier. Text is always stored as text, so a value
 * starting with `=` never becomes a formula. The Run Log keeps its history in `run-log.jsonl`
 * beside the workbook. (Charts are left to the Google Sheets sink: the workbook library cannot
 * draw them; the data they would show is in the tables.)
 *
 * @example
 * ```ts
 * const sink = new XlsxSheetSink({ stagingPath: (n) => store.stagingPath(n), publishedDir: 'out' });
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
    const target = await this.options.stagingPath(this.options.fileName ?? 'segments.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target, useStyles: true, useSharedStrings: false });
    workbook.creator = 'segment-sheets';
    workbook.title = model.title;
    let cells = 0;
    for (const tab of model.tabs) {
      const prepared = tab.append ? await this.withRunLogHistory(tab) : tab;
      cells += writeTab(workbook, prepared, model.currency ?? 'USD');
    }
    await workbook.commit();
    return { sink: this.name, location: target, tabs: model.tabs.length, cells, writeRequests: 0, durationMs: now() - started };
  }

  /** Puts the published history before this run's rows, keeps the newest, stages the history. */
  private async withRunLogHistory(tab: SheetTab): Promise<SheetTab> {
    const block = tab.blocks[0];
    if (!block || !tab.append) return tab;
    const history = await readRunLogHistory(path.join(this.options.publishedDir, RUN_LOG_FILE));
    const rows = [...history, ...block.rows.map((r) => [...r])].slice(-tab.append.keepRows);
    await writeFile(await this.options.stagingPath(RUN_LOG_FILE), runLogHistoryText(rows));
    return { ...tab, blocks: [{ ...block, rows }] };
  }
}

/** Writes one tab; returns the number of cells written. */
function writeTab(workbook: ExcelJS.stream.xlsx.WorkbookWriter, tab: SheetTab, currency: string): number {
  const firstHeaderRow = tab.notes.length + (tab.blocks[0]?.title ? 1 : 0) + 1;
  const sheet = workbook.addWorksheet(tab.name, { views: [{ state: 'frozen', ySplit: firstHeaderRow, xSplit: 0 }] });
  const widths: number[] = [];
  for (const block of tab.blocks) {
    block.columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.width ?? DEFAULT_WIDTH[c.type]);
    });
  }
  // The streaming writer needs column widths before the first row is committed.
  sheet.columns = widths.map((width) => ({ width }));
  let rowIndex = 1;
  for (const note of tab.notes) {
    const row = sheet.getRow(rowIndex++);
    row.getCell(1).value = note;
    row.getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
    row.commit();
  }
  let cells = tab.notes.length;
  tab.blocks.forEach((block, blockIndex) => {
    if (blockIndex > 0) rowIndex++;
    if (block.title) {
      const row = sheet.getRow(rowIndex++);
      row.getCell(1).value = block.title;
      row.getCell(1).font = { bold: true, size: 12 };
      row.commit();
    }
    rowIndex = writeBlock(sheet, block, rowIndex, currency);
    cells += block.columns.length * (block.rows.length + 1);
  });
  sheet.commit();
  return cells;
}

/** Writes a header row and the rows of a block from `headerRow`; returns the next free row. */
function writeBlock(sheet: ExcelJS.Worksheet, block: TableBlock, headerRow: number, currency: string): number {
  const header = sheet.getRow(headerRow);
  block.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    if (column.note) cell.note = column.note;
  });
  header.commit();
  // One style object per column (and per colour of the colour column), shared by its cells:
  // exceljs registers a style once per object, and a fresh object per cell made rendering a
  // capped workbook take seconds. Columns without a number format get an empty one too, else each
  // cell keeps the fresh object exceljs made for it. Cells' style setters mutate the object, so
  // they are not used here.
  const styles = block.columns.map((c): Partial<ExcelJS.Style> => {
    const numFmt = numberFormat(c.type, currency);
    return numFmt ? { numFmt } : {};
  });
  const colourColumn = block.colourBy ? block.columns.findIndex((c) => c.key === block.colourBy) : -1;
  const colourStyles = new Map<string, Partial<ExcelJS.Style>>();
  let rowIndex = headerRow + 1;
  for (const values of block.rows) {
    const row = sheet.getRow(rowIndex++);
    for (let c = 0; c < block.columns.length; c++) {
      const value = values[c] ?? null;
      if (value === null) continue;
      const cell = row.getCell(c + 1);
      cell.value = cellValue(value, block.columns[c]!.type);
      cell.style = styles[c] as Partial<ExcelJS.Style>;
    }
    if (colourColumn >= 0) {
      const key = String(values[colourColumn] ?? '');
      let style = colourStyles.get(key);
      if (!style) {
        const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PALETTE[colourStyles.size % PALETTE.length] as string } };
        style = { ...styles[colourColumn], fill };
        colourStyles.set(key, style);
      }
      row.getCell(colourColumn + 1).style = style;
    }
    row.commit();
  }
  return rowIndex;
}

function cellValue(value: CellValue, type: ColumnType): ExcelJS.CellValue {
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  // Strings stay strings: exceljs writes a formula only for { formula } objects, so "=1+1" is text.
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
