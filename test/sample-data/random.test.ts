import { describe, expect, it } from 'vitest';
import { cumulativeWeights, Random } from '../../functions/sample-data/random.ts';

const N = 200_000;

/** Sample mean and variance of n draws. */
function moments(draw: () => number, n = N): { mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: (sumSquares - n * mean * mean) / (n - 1) };
}

/** Mean within 5 standard errors; variance within a relative tolerance. */
function expectMoments(draw: () => number, mean: number, variance: number, varianceTolerance = 0.03): void {
  const m = moments(draw);
  expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / N));
  expect(Math.abs(m.variance / variance - 1)).toBeLessThan(varianceTolerance);
}

describe('Random', () => {
  it('repeats its sequence for the same seed and stream, and differs otherwise', () => {
    const draws = (seed: number, stream: number) => {
      const rng = new Random(seed, stream);
      return Array.from({ length: 5 }, () => rng.uint32());
    };
    expect(draws(42, 0)).toEqual(draws(42, 0));
    expect(draws(42, 0)).not.toEqual(draws(43, 0));
    expect(draws(42, 0)).not.toEqual(draws(42, 1));
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Random(1);
    let min = 1;
    let max = 0;
    expectMoments(() => {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    }, 0.5, 1 / 12);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('draws integers uniformly below n', () => {
    const rng = new Random(2);
    const counts = new Int32Array(6);
    for (let i = 0; i < 60_000; i++) {
      const k = rng.int(6);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('draws normals with the given mean and standard deviation', () => {
    const rng = new Random(3);
    expectMoments(() => rng.normal(10, 2), 10, 4);
  });

  it('draws exponentials with mean 1/rate and variance 1/rate²', () => {
    const rng = new Random(4);
    expectMoments(() => rng.exponential(0.5), 2, 4);
  });

  it('draws gammas with mean kθ and variance kθ², below and above shape 1', () => {
    const small = new Random(5);
    expectMoments(() => small.gamma(0.5, 0.25), 0.125, 0.03125, 0.04);
    const large = new Random(6);
    expectMoments(() => large.gamma(6, 10), 60, 600);
  });

  it('draws betas with mean a/(a+b) and variance ab/((a+b)²(a+b+1))', () => {
    const rng = new Random(7);
    const a = 0.8;
    const b = 2.5;
    expectMoments(() => rng.beta(a, b), a / (a + b), (a * b) / ((a + b) ** 2 * (a + b + 1)));
  });

  it('draws Poisson counts with mean = variance, for small and large means', () => {
    const small = new Random(8);
    expectMoments(() => small.poisson(3.5), 3.5, 3.5);
    const large = new Random(9);
    expectMoments(() => large.poisson(80), 80, 80);
    expect(new Random(10).poisson(0)).toBe(0);
  });

  it('picks indexes in proportion to their weights', () => {
    const rng = new Random(11);
    const table = cumulativeWeights([7, 2, 1]);
    const counts = new Int32Array(3);
    for (let i = 0; i < 100_000; i++) {
      const k = rng.pick(table);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect([...counts].map((c) => c / 100_000)).toEqual([
      expect.closeTo(0.7, 2),
      expect.closeTo(0.2, 2),
      expect.closeTo(0.1, 2),
    ]);
  });
});
