import { readFileSync } from 'node:fs';

/**
 * A deliberately tiny CSV reader for the tests, independent of the generator: splits lines on
 * `\n` (fields never contain line breaks) and fields on commas outside double quotes, undoing
 * RFC 4180 quote doubling. Returns the header and the rows as records.
 *
 * @example
 * ```ts
 * const { header, rows } = readCsv('out/orders.csv');
 * rows[0]?.order_id;
 * ```
 */
export function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = splitCsvLine(lines[0] ?? '');
  const rows = lines.slice(1).map((line) => {
    const fields = splitCsvLine(line);
    if (fields.length !== header.length) {
      throw new Error(`${path}: ${fields.length} fields instead of ${header.length} in: ${line}`);
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      row[name] = fields[i] ?? '';
    });
    return row;
  });
  return { header, rows };
}

/**
 * The fields of one CSV line.
 * @example splitCsvLine('a,"b, c",""""'); // ['a', 'b, c', '"']
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
