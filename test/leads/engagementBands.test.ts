import { describe, expect, it } from 'vitest';
import { bandCutoffs, engagementBand } from '../../functions/leads/engagementBands.ts';

describe('threshold bands', () => {
  const cutoffs = bandCutoffs({ method: 'thresholds', thresholds: [35, 15, 3] }, []);

  it('puts a score at a threshold in the higher band', () => {
    expect([35, 34.9, 15, 14.9, 3, 2.9].map((s) => engagementBand(s, cutoffs))).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('keeps no and negative engagement in band 4', () => {
    expect(engagementBand(0, cutoffs)).toBe(4);
    expect(engagementBand(-10, cutoffs)).toBe(4);
  });
});

describe('percentile bands', () => {
  it('cuts by the share of open leads scoring strictly higher', () => {
    // 10 distinct scores 1..10; top 10% = {10}, top 30% = {8,9,10}, top 60% = {5..10}.
    const scores = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const cutoffs = bandCutoffs({ method: 'percentiles', topShares: [0.1, 0.3, 0.6] }, scores);
    expect(cutoffs.minScores).toEqual([10, 8, 5]);
    expect(scores.map((s) => engagementBand(s, cutoffs))).toEqual([4, 4, 4, 4, 3, 3, 3, 2, 2, 1]);
  });

  it('gives tied scores the same band, even across a cut', () => {
    // Four leads tie at the top: none has anyone above it, so all four are band 1 (40%, not 10%).
    const scores = [9, 9, 9, 9, 5, 4, 3, 2, 1, 1];
    const cutoffs = bandCutoffs({ method: 'percentiles', topShares: [0.1, 0.5, 0.8] }, scores);
    const bands = scores.map((s) => engagementBand(s, cutoffs));
    expect(bands).toEqual([1, 1, 1, 1, 2, 3, 3, 3, 4, 4]);
    // The two 1s have 8 of 10 above them (80%, not < 80%): band 4 together.
  });

  it('does not lift zero-engagement leads into a band because most leads have none', () => {
    const scores = [0, 0, 0, 0, 0, 0, 0, 0, 12, 20];
    const cutoffs = bandCutoffs({ method: 'percentiles', topShares: [0.1, 0.3, 0.6] }, scores);
    expect(scores.map((s) => engagementBand(s, cutoffs))).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 2, 1]);
  });
});
