/**
 * Export columns arrive as text on both engines (Athena's CSV SerDe, DuckDB's all_varchar), so a
 * mapping such as `"Quantity * UnitPrice"` would be text times text, an error on Trino and
 * DuckDB alike. This rewrite casts every export column that is an operand of `+ - * / %` to
 * DOUBLE with TRY_CAST, so arithmetic reads naturally and a non-numeric cell becomes NULL (and
 * is quarantined as "amount not a number") instead of failing the run.
 *
 * Parquet exports are typed, so the opposite happens too: `InvoiceNo LIKE 'C%'` on a BIGINT
 * column is an error on both engines. A column that is the operand of `LIKE` / `NOT LIKE` is
 * therefore read as text (`CAST(col AS VARCHAR)`, a no-op on CSV's text columns), so a mapping
 * works on either format as written.
 *
 * @example
 * ```ts
 * castNumericOperands('Quantity * UnitPrice', ['Quantity', 'UnitPrice']);
 * // 'TRY_CAST(NULLIF(trim(CAST("Quantity" AS VARCHAR)), \'\') AS DOUBLE) * TRY_CAST(...)'
 * ```
 */
export function castNumericOperands(expression: string, exportColumns: readonly string[]): string {
  const byLowerName = new Map(exportColumns.map((c) => [c.toLowerCase(), c]));
  const tokens = tokenize(expression);
  const significant = tokens.map((t, i) => i).filter((i) => tokens[i]?.kind !== 'space');
  const out = tokens.map((t) => t.text);
  significant.forEach((tokenIndex, k) => {
    const token = tokens[tokenIndex];
    if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) return;
    const name = token.kind === 'quoted' ? token.text.slice(1, -1).replace(/""/g, '"') : token.text;
    const column = token.kind === 'quoted' ? (exportColumns.includes(name) ? name : undefined) : byLowerName.get(name.toLowerCase());
    if (column === undefined) return;
    const previous = tokens[significant[k - 1] ?? -1];
    const next = tokens[significant[k + 1] ?? -1];
    if (next?.text === '(') return; // a function call, not a column
    const isArithmetic = (t: Token | undefined): boolean => t?.kind === 'operator' && ARITHMETIC.has(t.text);
    const isWord = (t: Token | undefined, word: string): boolean => t?.kind === 'word' && t.text.toUpperCase() === word;
    const afterNext = tokens[significant[k + 2] ?? -1];
    if (isArithmetic(previous) || isArithmetic(next)) out[tokenIndex] = numericColumn(column);
    else if (isWord(next, 'LIKE') || (isWord(next, 'NOT') && isWord(afterNext, 'LIKE'))) out[tokenIndex] = textColumn(column);
  });
  return out.join('');
}

/** The portable expression that reads an export column as a number (NULL when it is not one). */
export function numericColumn(column: string): string {
  return `TRY_CAST(NULLIF(trim(CAST(${quoteIdentifier(column)} AS VARCHAR)), '') AS DOUBLE)`;
}

/** The portable expression that reads an export column as text, whatever its type. */
export function textColumn(column: string): string {
  return `CAST(${quoteIdentifier(column)} AS VARCHAR)`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

interface Token {
  readonly kind: 'space' | 'string' | 'quoted' | 'word' | 'number' | 'operator';
  readonly text: string;
}

const TOKEN_PATTERNS: readonly [Token['kind'], RegExp][] = [
  ['space', /^\s+/],
  ['string', /^'(?:[^']|'')*'/],
  ['quoted', /^"(?:[^"]|"")*"/],
  ['number', /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/],
  ['word', /^[A-Za-z_][A-Za-z0-9_]*/],
  ['operator', /^(?:<>|<=|>=|\|\||!=|[^\sA-Za-z0-9_'"])/],
];

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let rest = expression;
  while (rest.length > 0) {
    const match = TOKEN_PATTERNS.map(([kind, re]) => ({ kind, m: re.exec(rest) })).find((x) => x.m);
    // An unterminated quote: keep the rest verbatim and let the engine report the syntax error.
    const text = match?.m?.[0] ?? rest;
    tokens.push({ kind: match?.kind ?? 'operator', text });
    rest = rest.slice(text.length);
  }
  return tokens;
}
