import type { SqlRow, SqlValue } from './QueryEngine.ts';

/**
 * Result rows held column by column: one array of values per column. A reader that takes
 * numbers and codes from wide results (a hundred columns or more) avoids building an object per
 * row and looking each value up by name.
 *
 * @example
 * ```ts
 * for await (const batch of engine.streamColumns('SELECT lead_id, score FROM leads')) {
 *   const ids = batch.column('lead_id');
 *   const scores = batch.column('score');
 *   for (let r = 0; r < batch.rowCount; r++) use(ids[r], scores[r]);
 * }
 * ```
 */
export interface ColumnBatch {
  readonly rowCount: number;
  /** Whether the result has column `name` (for columns a query selects only in some configurations). */
  has(name: string): boolean;
  /** The values of column `name`, one per row; throws when the result has no such column. */
  column(name: string): readonly SqlValue[];
}

/**
 * A {@link ColumnBatch} over arrays already split by column.
 *
 * @example
 * ```ts
 * columnBatch(2, new Map([['id', ['a', 'b']]])).column('id'); // ['a', 'b']
 * ```
 */
export function columnBatch(rowCount: number, columns: ReadonlyMap<string, readonly SqlValue[]>): ColumnBatch {
  const names = [...columns.keys()];
  return lazyColumnBatch(rowCount, names, (index) => columns.get(names[index] as string) as readonly SqlValue[]);
}

/**
 * A {@link ColumnBatch} whose columns are converted when first asked for: a query may return
 * columns a reader does not use (a relation's `*`, or text it reads as codes instead), and turning
 * engine values into JavaScript ones (above all text, which is decoded per value) is most of the
 * cost of reading a result.
 *
 * @param read the values of the column at `index` of `names`
 *
 * @example
 * ```ts
 * const batch = lazyColumnBatch(2, ['id', 'note'], (i) => (i === 0 ? ['a', 'b'] : [null, null]));
 * batch.column('id'); // ['a', 'b'], converted now; 'note' never is
 * ```
 */
export function lazyColumnBatch(rowCount: number, names: readonly string[], read: (index: number) => readonly SqlValue[]): ColumnBatch {
  const converted = new Map<string, readonly SqlValue[]>();
  return {
    rowCount,
    has: (name) => names.includes(name),
    column(name) {
      let values = converted.get(name);
      if (values === undefined) {
        const index = names.indexOf(name);
        if (index < 0) throw new Error(`the result has no column '${name}' (columns: ${names.join(', ')})`);
        values = read(index);
        converted.set(name, values);
      }
      return values;
    },
  };
}

/**
 * Rows turned into a {@link ColumnBatch}, for engines whose results arrive row by row (Athena).
 *
 * @example
 * ```ts
 * columnsOfRows([{ id: 'a' }, { id: 'b' }], ['id']).column('id'); // ['a', 'b']
 * ```
 */
export function columnsOfRows(rows: readonly SqlRow[], names: readonly string[]): ColumnBatch {
  return columnBatch(rows.length, new Map(names.map((name) => [name, rows.map((row) => row[name] ?? null)])));
}

/**
 * Column `name` of a batch as text, by row index (NULL as null).
 *
 * @example
 * ```ts
 * const emailOf = textColumn(batch, 'email');
 * emailOf(0); // 'ana@example.com'
 * ```
 */
export function textColumn(batch: ColumnBatch, name: string): (row: number) => string | null {
  const values = batch.column(name);
  return (row) => {
    const value = values[row];
    return value === null || value === undefined ? null : String(value);
  };
}
