import type { CellValue, ColumnType } from '../SheetModel.ts';

/** A value as sent with `valueInputOption: RAW`; `''` is an empty cell. */
export type RawCell = string | number | boolean;

/** Google rejects cells longer than this. */
export const MAX_CELL_CHARACTERS = 50_000;
const TRUNCATION_MARK = ' …[truncated]';

/** Days from Sheets' epoch (1899-12-30) to the Unix epoch. */
const UNIX_EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

/**
 * Encodes a model value for a RAW write. Text stays text whatever it starts with (`=`, `+`, `-`,
 * `@`), numbers go as numbers, ISO dates as date serial numbers (the column's number format shows
 * them as dates). Nothing is guessed from the value: the column type decides.
 *
 * @example
 * ```ts
 * encodeCell('=HYPERLINK("x")', 'text'); // '=HYPERLINK("x")' (text, never a formula)
 * encodeCell('2024-03-01', 'date');      // 45352
 * ```
 */
export function encodeCell(value: CellValue, type: ColumnType): RawCell {
  if (value === null) return '';
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (type === 'date') return isoDateToSerial(value) ?? truncate(value);
  return truncate(value);
}

/** `YYYY-MM-DD` (optionally with `THH:MM[:SS]`, read as UTC) → Sheets serial number; `undefined` if not a date. */
export function isoDateToSerial(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?Z?)?$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0'] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds));
  const check = new Date(ms);
  if (Number.isNaN(ms) || check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return undefined;
  return ms / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

function truncate(text: string): string {
  if (text.length <= MAX_CELL_CHARACTERS) return text;
  return text.slice(0, MAX_CELL_CHARACTERS - TRUNCATION_MARK.length) + TRUNCATION_MARK;
}
