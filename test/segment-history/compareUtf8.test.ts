import { describe, expect, it } from 'vitest';
import { compareUtf8 } from '../../functions/segment-history/compareUtf8.ts';

/** The reference: the order of the UTF-8 bytes, as DuckDB and Trino sort VARCHAR. */
function byBytes(a: string, b: string): number {
  return Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

describe('UTF-8 byte order of customer ids', () => {
  it.each([
    ['a', 'b'],
    ['a', 'a'],
    ['a', 'ab'],
    ['B', 'a'],
    ['a10', 'a9'],
    ['é', 'z'],
    ['\uFFFD', '😀'],
    ['\uE000', '😀'],
    ['😀', '😁'],
    ['x😀', 'x\uFFFF'],
    ['', 'a'],
  ])('orders %j and %j as their bytes do', (a, b) => {
    expect(Math.sign(compareUtf8(a, b))).toBe(byBytes(a, b));
    expect(Math.sign(compareUtf8(b, a))).toBe(byBytes(b, a));
  });

  it('agrees with the bytes where JavaScript string comparison does not', () => {
    // JavaScript compares UTF-16 units: U+1F600 is D83D DE00, below U+FFFD.
    expect('😀' < '\uFFFD').toBe(true);
    expect(compareUtf8('😀', '\uFFFD')).toBeGreaterThan(0);
  });

  it('sorts random strings of mixed planes exactly as their UTF-8 bytes', () => {
    const alphabet = ['a', 'Z', '0', 'é', 'ß', '\u4E2D', '\uE000', '\uFFFD', '😀', '𝄞', ',', '"'];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const strings = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(next() * 5) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    const ours = [...strings].sort(compareUtf8);
    const reference = [...strings].sort(byBytes);
    expect(ours).toEqual(reference);
  });
});
