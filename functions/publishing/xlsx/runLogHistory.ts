import { readFile } from 'node:fs/promises';
import type { CellValue } from '../SheetModel.ts';

/** File beside the workbook holding every Run Log row, one JSON array per line. */
export const RUN_LOG_FILE = 'run-log.jsonl';

/**
 * The previous run log rows from `run-log.jsonl`; none when the file is missing or unreadable
 * (a damaged history must not stop a new run). Keeping the history in its own small file spares
 * reading back the whole previous workbook just for its last tab.
 */
export async function readRunLogHistory(file: string): Promise<CellValue[][]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const rows: CellValue[][] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (Array.isArray(parsed)) rows.push(parsed.map((v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null)));
    } catch {
      // skip a damaged line, keep the rest
    }
  }
  return rows;
}

export function runLogHistoryText(rows: readonly (readonly CellValue[])[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
