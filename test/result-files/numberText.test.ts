import { describe, expect, it } from 'vitest';
import { numberText } from '../../functions/result-files/numberText.ts';

/** A seeded generator, so a failure names values that can be found again. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

describe('numberText writes what String writes', () => {
  it.each([
    0, -0, 1, -1, 7.5, -7.5, 0.5, 0.05, 0.0005, 0.0001, -0.0001, 0.00005, 1e-7, 123.4, 1234.5678, -1234.5678,
    0.1 + 0.2, 1 / 3, 2 / 3, 99999999999.9999, 1e11 - 0.5, 1e11 + 0.5, 123456789.1234, 1e21, 1.5e21, -1e21,
    Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, NaN, Infinity, -Infinity,
  ])('%s', (value) => {
    expect(numberText(value)).toBe(String(value));
  });

  it('for amounts and shares rounded as result files round them, and for unrounded doubles', () => {
    const next = random(20261123);
    const mismatches: number[] = [];
    for (let i = 0; i < 400_000; i++) {
      const magnitude = 10 ** Math.floor(next() * 14 - 3); // 0.001 … 1e10
      const raw = (next() - 0.3) * magnitude;
      for (const value of [raw, Math.round(raw * 100) / 100, Math.round(raw * 10_000) / 10_000, Math.round(raw * 10) / 10, Math.round(raw)]) {
        if (numberText(value) !== String(value)) mismatches.push(value);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('for every multiple of 0.0001 between -3 and 3', () => {
    const mismatches: number[] = [];
    for (let k = -30_000; k <= 30_000; k++) {
      const value = k / 10_000;
      if (numberText(value) !== String(value)) mismatches.push(value);
    }
    expect(mismatches).toEqual([]);
  });
});
