import type { sheets_v4 } from '@googleapis/sheets';
import type { ColumnType, SheetColumn } from '../SheetModel.ts';

/** Number format per column type. Currency has no pattern so the spreadsheet's locale picks the symbol. */
const NUMBER_FORMATS: Readonly<Record<ColumnType, sheets_v4.Schema$NumberFormat>> = {
  text: { type: 'TEXT' },
  integer: { type: 'NUMBER', pattern: '#,##0' },
  number: { type: 'NUMBER', pattern: '#,##0.00' },
  currency: { type: 'CURRENCY' },
  percent: { type: 'PERCENT', pattern: '0.0%' },
  date: { type: 'DATE', pattern: 'yyyy-mm-dd' },
};

const DEFAULT_WIDTH_CHARACTERS: Readonly<Record<ColumnType, number>> = {
  text: 16,
  integer: 10,
  number: 12,
  currency: 14,
  percent: 10,
  date: 12,
};

export function numberFormatFor(type: ColumnType): sheets_v4.Schema$NumberFormat {
  return NUMBER_FORMATS[type];
}

/** Column width in characters: the model's, else one that fits the type and the header. */
export function widthInCharacters(column: SheetColumn): number {
  if (column.width !== undefined) return column.width;
  return Math.min(40, Math.max(DEFAULT_WIDTH_CHARACTERS[column.type], column.header.length + 2));
}

/** Pixels for a width in characters (about 7 px per character at the default font, plus padding). */
export function charactersToPixels(characters: number): number {
  return Math.round(characters * 7 + 12);
}
