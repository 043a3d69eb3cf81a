import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitCsvLine } from '../sample-data/readCsv.ts';

/** `../shared/data` beside the repository; tests that need it skip when it is absent. */
export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');

export function sharedDataPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

export function hasSharedData(...parts: string[]): boolean {
  return existsSync(sharedDataPath(...parts));
}

/**
 * Reads a small, simple reference CSV (quoted fields allowed, no line breaks inside them) as
 * objects. Test-only: the product's CSV parsing is DuckDB's.
 */
export function readReferenceCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const names = splitCsvLine(header ?? '');
  return lines.map((line) => Object.fromEntries(splitCsvLine(line).map((v, i) => [names[i] ?? `c${i}`, v])));
}
