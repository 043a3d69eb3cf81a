/**
 * The sheet model: what the published workbook or Google Sheet contains, independent of where
 * it is rendered. Built once per run by the jobs and handed to a {@link SheetSink}.
 *
 * A tab is a list of table blocks stacked vertically (the Summary tab has run facts, KPIs and the
 * segment table; a segment tab has one block). Cells carry plain values; the column type says how
 * the sink formats them, so a sink never guesses from the value.
 *
 * @example
 * ```ts
 * const tab: SheetTab = {
 *   name: 'Champions',
 *   role: 'segment',
 *   notes: ['35 customers, best first.'],
 *   blocks: [{
 *     columns: [{ key: 'customer_id', header: 'Customer', type: 'text' }],
 *     rows: [['C-1'], ['C-2']],
 *   }],
 * };
 * ```
 */

/** How a column's values are typed and formatted. */
export type ColumnType =
  | 'text'
  | 'integer'
  | 'number'
  | 'currency'
  | 'percent'
  | 'date';

/**
 * A cell value. Dates are ISO `YYYY-MM-DD` strings in a `date` column; `null` is an empty cell.
 * Text is always written as text (never interpreted as a formula), whatever it starts with.
 */
export type CellValue = string | number | boolean | null;

export interface SheetColumn {
  /** Stable machine name, e.g. `customer_id`; also the column name in result files. */
  readonly key: string;
  /** Header shown to people. */
  readonly header: string;
  readonly type: ColumnType;
  /** Width in characters; sinks pick a sensible default from the type when absent. */
  readonly width?: number;
  /** Explanation shown as a note on the header cell. */
  readonly note?: string;
}

export interface TableBlock {
  /** Optional title row above the table (e.g. "Segments"). */
  readonly title?: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /**
   * Column key whose values colour the rows (segment name or lead tier). Sinks map each distinct
   * value to a colour; optional.
   */
  readonly colourBy?: string;
}

/** What a tab is for; sinks use it for presentation (charts, banding) and bookkeeping. */
export type TabRole =
  | 'summary'
  | 'segment'
  | 'profiles'
  | 'clv'
  | 'lead-priority'
  | 'lead-segments'
  | 'movements'
  | 'run-log';

/** A chart the sink draws from a block of the same tab. */
export interface ChartSpec {
  readonly title: string;
  readonly kind: 'column' | 'bar' | 'line';
  /** Index into the tab's blocks. */
  readonly block: number;
  /** Column key for the categories (x axis). */
  readonly categoryKey: string;
  /** Column keys for the series. */
  readonly seriesKeys: readonly string[];
}

/** Set when a tab holds fewer rows than exist; the sink shows it in the tab. */
export interface RowCap {
  readonly totalRows: number;
  readonly shownRows: number;
  /** Where the complete list is, e.g. `customers.csv`. */
  readonly fullListIn: string;
}

export interface SheetTab {
  /** Tab name, unique in the model, at most 100 characters, no `[]*?/\\:` characters. */
  readonly name: string;
  readonly role: TabRole;
  /** Lines of text shown above the first block (what the tab is, caps, caveats). */
  readonly notes: readonly string[];
  readonly blocks: readonly TableBlock[];
  readonly charts?: readonly ChartSpec[];
  readonly cap?: RowCap;
  /**
   * For `run-log`: the sink appends this tab's rows to the existing log (keeping at most
   * `keepRows`) instead of replacing it.
   */
  readonly append?: { readonly keepRows: number };
}

export interface SheetModel {
  /** Workbook / spreadsheet title. */
  readonly title: string;
  /** ISO code of the reporting currency, for `currency` columns. Default `USD`. */
  readonly currency?: string;
  readonly tabs: readonly SheetTab[];
}
