import type { SqlValue } from '../query-engine/QueryEngine.ts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One RFC 4180 CSV line (with `\n`). Fields with a comma, quote, line break or surrounding
 * spaces are quoted; NULL is an empty field.
 *
 * @example
 * ```ts
 * csvLine(['a,b', 1.5, null, 'say "hi"']); // '"a,b",1.5,,"say ""hi"""\n'
 * ```
 */
export function csvLine(values: readonly SqlValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    const value = values[i];
    if (value === null || value === undefined) continue;
    // Numbers and booleans never need quotes; only text is checked.
    if (typeof value !== 'string') line += String(value);
    else line += NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }
  return `${line}\n`;
}
