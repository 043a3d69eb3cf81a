/**
 * Memoisation on (x, T): every BTYD prediction is P(alive | x, tx, T) times a factor of (x, T)
 * alone, and customers share far fewer (x, T) pairs than (x, tx, T) histories, so batch
 * predictions compute each factor once per pair.
 */

/**
 * Wraps f(x, T) with a cache keyed on both numbers (nested maps, no string keys).
 *
 * @example
 * ```ts
 * const slow = (x: number, T: number) => x + T;
 * const fast = memoizeByXT(slow);
 * fast(1, 2); // 3, computed; fast(1, 2) again is a lookup
 * ```
 */
export function memoizeByXT<V>(f: (x: number, T: number) => V): (x: number, T: number) => V {
  const byX = new Map<number, Map<number, V>>();
  return (x, T) => {
    let byT = byX.get(x);
    if (byT === undefined) {
      byT = new Map();
      byX.set(x, byT);
    }
    let value = byT.get(T);
    if (value === undefined) {
      value = f(x, T);
      byT.set(T, value);
    }
    return value;
  };
}
