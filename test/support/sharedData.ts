import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `../shared/data` beside the repository; tests that need it skip when it is absent. */
export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');

export function sharedDataPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

export function hasSharedData(...parts: string[]): boolean {
  return existsSync(sharedDataPath(...parts));
}

/**
 * Reads a small, simple reference CSV (no quoted commas except double-quoted fields) as
 * objects. Test-only: the product's CSV parsing is DuckDB's.
 */
export function readReferenceCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const names = splitLine(header ?? '');
  return lines.map((line) => Object.fromEntries(splitLine(line).map((v, i) => [names[i] ?? `c${i}`, v])));
}

function splitLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
