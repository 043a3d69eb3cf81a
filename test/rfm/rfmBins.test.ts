import { describe, expect, it } from 'vitest';
import { cutsFromQuantiles, quantileProbabilities, scoreFromCuts } from '../../functions/rfm/rfmBins.ts';

describe('scoreFromCuts', () => {
  const cuts = [115, 181, 297.4, 482];
  it.each([
    // value, reversed, expected score: bins are [-inf,115) [115,181) [181,297.4) [297.4,482) [482,inf)
    [1, false, 1],
    [114.99, false, 1],
    [115, false, 2], // a value on a cut belongs to the upper bin (half-open bins)
    [297, false, 3],
    [297.4, false, 4],
    [10_000, false, 5],
    [1, true, 5], // recency: fewest days score highest
    [115, true, 4],
    [976, true, 1],
  ])('value %d (reversed %s) scores %d', (value, reversed, expected) => {
    expect(scoreFromCuts(value, cuts, reversed)).toBe(expected);
  });

  it('gives equal values equal scores and leaves the bin between equal cuts empty', () => {
    const repeated = [2, 2, 3, 5];
    const scores = [1, 2, 2, 2, 3, 4, 5, 6].map((v) => scoreFromCuts(v, repeated, false));
    expect(scores).toEqual([1, 3, 3, 3, 4, 4, 5, 5]);
    expect(scores).not.toContain(2);
  });
});

describe('quantile bins', () => {
  it('asks for the interior quantiles', () => {
    expect(quantileProbabilities(5)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(quantileProbabilities(2)).toEqual([0.5]);
  });
  it('shifts quantiles by one as the R package does', () => {
    expect(cutsFromQuantiles([114, 296.4])).toEqual([115, 297.4]);
  });
});
