/**
 * A1 notation for the ranges the sink sends. Tab titles are always quoted, so names with spaces,
 * apostrophes or digits (`'Top 10'`) are unambiguous.
 */

/** Column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

export function quoteTitle(title: string): string {
  return `'${title.replaceAll("'", "''")}'`;
}

/**
 * The A1 range of `rows × columns` cells starting at zero-based `(startRow, startColumn)`.
 *
 * @example
 * ```ts
 * a1Range("Bob's tab", 0, 0, 10, 3); // "'Bob''s tab'!A1:C10"
 * ```
 */
export function a1Range(title: string, startRow: number, startColumn: number, rows: number, columns: number): string {
  const from = `${columnLetters(startColumn)}${startRow + 1}`;
  const to = `${columnLetters(startColumn + columns - 1)}${startRow + rows}`;
  return `${quoteTitle(title)}!${from}:${to}`;
}
