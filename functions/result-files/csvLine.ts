import type { SqlValue } from '../query-engine/QueryEngine.ts';
import { numberText } from './numberText.ts';

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
    line += typeof value === 'string' ? csvField(value) : typeof value === 'number' ? numberText(value) : String(value);
  }
  return `${line}\n`;
}

/**
 * One CSV field: quoted (quotes doubled) when it holds a comma, quote or line break or starts or
 * ends with a space; as it is otherwise. For writers that know which of their values are text.
 *
 * @example
 * ```ts
 * csvField('a,b'); // '"a,b"'
 * ```
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
