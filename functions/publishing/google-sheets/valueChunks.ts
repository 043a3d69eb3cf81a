import type { sheets_v4 } from '@googleapis/sheets';
import { a1Range } from './a1Notation.ts';
import type { RawCell } from './cellEncoding.ts';

/** Rows destined for one (staging) tab, from A1. */
export interface TabValues {
  readonly title: string;
  readonly width: number;
  readonly rows: readonly (readonly RawCell[])[];
}

/** Room left in each request for the JSON envelope around the ranges. */
const ENVELOPE_BYTES = 1_024;
const RANGE_OVERHEAD_BYTES = 160;

/**
 * Packs the rows of all tabs into as few `values.batchUpdate` bodies as possible, each under
 * `maxPayloadBytes` of JSON (a tab may span several requests; one request may carry several tabs).
 * A single row larger than the budget still goes, alone.
 *
 * @example
 * ```ts
 * const requests = chunkValueWrites([{ title: 'T', width: 2, rows: [['a', 1]] }], 1_500_000);
 * requests[0]; // [{ range: "'T'!A1:B1", values: [['a', 1]] }]
 * ```
 */
export function chunkValueWrites(tabs: readonly TabValues[], maxPayloadBytes: number): sheets_v4.Schema$ValueRange[][] {
  const requests: sheets_v4.Schema$ValueRange[][] = [];
  let current: sheets_v4.Schema$ValueRange[] = [];
  let used = ENVELOPE_BYTES;
  const flush = (): void => {
    if (current.length > 0) requests.push(current);
    current = [];
    used = ENVELOPE_BYTES;
  };
  for (const tab of tabs) {
    let start = 0;
    let rows: RawCell[][] = [];
    const closeRange = (): void => {
      if (rows.length > 0) current.push({ range: a1Range(tab.title, start, 0, rows.length, tab.width), values: rows });
      start += rows.length;
      rows = [];
    };
    for (const row of tab.rows) {
      const bytes = Buffer.byteLength(JSON.stringify(row)) + 1;
      const rangeCost = rows.length === 0 ? RANGE_OVERHEAD_BYTES : 0;
      if (used + rangeCost + bytes > maxPayloadBytes && (rows.length > 0 || current.length > 0)) {
        closeRange();
        flush();
      }
      used += (rows.length === 0 ? RANGE_OVERHEAD_BYTES : 0) + bytes;
      rows.push([...row]);
    }
    closeRange();
  }
  flush();
  return requests;
}
