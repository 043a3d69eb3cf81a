import type { SqlValue } from '../query-engine/QueryEngine.ts';

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
    line += csvField(typeof value === 'string' ? value : String(value));
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
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
