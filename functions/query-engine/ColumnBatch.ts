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
  return {
    rowCount,
    has: (name) => columns.has(name),
    column(name) {
      const values = columns.get(name);
      if (values === undefined) throw new Error(`the result has no column '${name}' (columns: ${[...columns.keys()].join(', ')})`);
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
