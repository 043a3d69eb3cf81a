/**
 * Orders two strings by their UTF-8 bytes, the order DuckDB and Athena (Trino) give `VARCHAR`
 * in `ORDER BY` without a collation. JavaScript's `<` compares UTF-16 code units instead, which
 * disagrees for characters above U+FFFF against U+E000–U+FFFF (`'😀' < '\uFFFD'` in JavaScript,
 * the other way round in UTF-8); the merge of two customer streams sorted by the engine needs the
 * engine's order. Code point order equals UTF-8 byte order, so comparing code points suffices.
 *
 * @example
 * ```ts
 * compareUtf8('a', 'b');       // negative
 * compareUtf8('\uFFFD', '😀'); // negative: U+FFFD sorts before U+1F600 in UTF-8
 * ```
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Earlier units are equal, so both are at the same position of a code point: a high
    // surrogate stands for a code point above U+FFFF, which outranks any single unit.
    const surrogateX = x >= 0xd800 && x <= 0xdbff;
    const surrogateY = y >= 0xd800 && y <= 0xdbff;
    if (surrogateX !== surrogateY) return surrogateX ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
