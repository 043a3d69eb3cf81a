import type { JsonObject } from './json.ts';

/** A cell's stored user-entered value; a formula only arises from USER_ENTERED input starting with `=`. */
export type StoredValue = number | string | boolean | { readonly formula: string };

/** Everything the emulator keeps for one cell. */
export interface CellState {
  readonly value?: StoredValue;
  /** The cell's `userEnteredFormat`, shared between cells (treated as immutable). */
  readonly format?: JsonObject;
  readonly note?: string;
}

interface GridRow {
  values: (StoredValue | undefined)[];
  formats: (JsonObject | undefined)[];
  notes: (string | undefined)[];
}

/**
 * A sheet's cells: sparse by row, dense within a row, so a 100,000-row tab stays cheap to clone
 * (each batchUpdate works on a copy to be atomic).
 */
export class Grid {
  private rows: (GridRow | undefined)[] = [];

  get(row: number, column: number): CellState {
    const stored = this.rows[row];
    if (!stored) return {};
    const value = stored.values[column];
    const format = stored.formats[column];
    const note = stored.notes[column];
    return {
      ...(value !== undefined && { value }),
      ...(format !== undefined && { format }),
      ...(note !== undefined && { note }),
    };
  }

  setValue(row: number, column: number, value: StoredValue | undefined): void {
    this.rowFor(row).values[column] = value;
  }

  setFormat(row: number, column: number, format: JsonObject | undefined): void {
    this.rowFor(row).formats[column] = format;
  }

  setNote(row: number, column: number, note: string | undefined): void {
    this.rowFor(row).notes[column] = note;
  }

  /** Rows that hold anything (for iteration without visiting empty rows). */
  populatedRowIndexes(): number[] {
    const indexes: number[] = [];
    this.rows.forEach((row, index) => {
      if (row) indexes.push(index);
    });
    return indexes;
  }

  insertRows(at: number, count: number): void {
    if (at < this.rows.length) this.rows = insertHoles(this.rows, at, count);
  }

  deleteRows(start: number, end: number): void {
    this.rows.splice(start, end - start);
  }

  insertColumns(at: number, count: number): void {
    for (const row of this.rows) {
      if (!row) continue;
      row.values = insertHoles(row.values, at, count);
      row.formats = insertHoles(row.formats, at, count);
      row.notes = insertHoles(row.notes, at, count);
    }
  }

  deleteColumns(start: number, end: number): void {
    for (const row of this.rows) {
      if (!row) continue;
      row.values.splice(start, end - start);
      row.formats.splice(start, end - start);
      row.notes.splice(start, end - start);
    }
  }

  /** Drops everything outside `rowCount × columnCount` (shrinking a grid deletes those cells). */
  truncate(rowCount: number, columnCount: number): void {
    this.rows.length = Math.min(this.rows.length, rowCount);
    for (const row of this.rows) {
      if (!row) continue;
      row.values.length = Math.min(row.values.length, columnCount);
      row.formats.length = Math.min(row.formats.length, columnCount);
      row.notes.length = Math.min(row.notes.length, columnCount);
    }
  }

  clone(): Grid {
    const copy = new Grid();
    copy.rows = this.rows.map((row) =>
      row ? { values: row.values.slice(), formats: row.formats.slice(), notes: row.notes.slice() } : undefined,
    );
    return copy;
  }

  private rowFor(index: number): GridRow {
    let row = this.rows[index];
    if (!row) {
      row = { values: [], formats: [], notes: [] };
      this.rows[index] = row;
    }
    return row;
  }
}

/** Inserts `count` empty slots at `at` (without spreading into a call, which overflows for big counts). */
function insertHoles<T>(items: (T | undefined)[], at: number, count: number): (T | undefined)[] {
  if (at >= items.length) return items;
  return [...items.slice(0, at), ...new Array<T | undefined>(count), ...items.slice(at)];
}
