import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../functions/leads/auc.ts';
import { topShareLift } from '../../functions/leads/topShareLift.ts';
import { seededRandom } from './simulateLeads.ts';

/** AUC by definition: over all positive/negative pairs, 1 when the positive scores higher, ½ when tied. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let sum = 0;
  let pairs = 0;
  scores.forEach((sp, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((sn, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      sum += sp > sn ? 1 : sp === sn ? 0.5 : 0;
    });
  });
  return sum / pairs;
}

describe('AUC (Mann–Whitney)', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(rocAuc([0.1, 0.3, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
  });

  it('is exactly 0.5 when every score ties', () => {
    expect(rocAuc([0.4, 0.4, 0.4, 0.4, 0.4], [1, 0, 1, 0, 0])).toBe(0.5);
  });

  it('counts ties between a positive and a negative as one half', () => {
    // Pairs (positive, negative): (0.8,0.5)=1 (0.8,0.5)=1 (0.8,0.2)=1 (0.5,0.5)=½ (0.5,0.5)=½ (0.5,0.2)=1 → 5/6.
    expect(rocAuc([0.8, 0.5, 0.5, 0.5, 0.2], [1, 1, 0, 0, 0])).toBeCloseTo(5 / 6, 12);
  });

  it('matches the pairwise definition on random scores with many ties', () => {
    const random = seededRandom(3);
    const scores = Array.from({ length: 300 }, () => Math.floor(random() * 8));
    const labels = scores.map((s) => (random() < 0.2 + s * 0.05 ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it('is near 0.5 for scores unrelated to the labels', () => {
    const random = seededRandom(4);
    const scores = Array.from({ length: 20_000 }, () => random());
    const labels = scores.map(() => (random() < 0.3 ? 1 : 0));
    expect(Math.abs(rocAuc(scores, labels) - 0.5)).toBeLessThan(0.015);
  });

  it('is undefined (NaN) with one class only', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('top-decile lift', () => {
  it('divides the top tenth’s conversion rate by the overall rate', () => {
    // 20 rows, 4 positives (20%); the top 2 rows hold 2 positives (100%): lift 5.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i);
    const labels = scores.map((_, i) => (i < 2 || i === 10 || i === 15 ? 1 : 0));
    expect(topShareLift(scores, labels, 0.1)).toBeCloseTo(5, 12);
  });

  it('is 1 for a constant score, counting the tie at the cut proportionally', () => {
    const labels = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    expect(topShareLift(new Array(50).fill(0.3), labels, 0.1)).toBeCloseTo(1, 12);
  });

  it('shares the slots left at the cut among tied rows', () => {
    // 10 rows, 1 slot. Top score 0.9 is shared by a positive and a negative: half a positive caught.
    // Overall rate 2/10, so lift = 0.5 / 0.2 = 2.5.
    const scores = [0.9, 0.9, 0.5, 0.5, 0.4, 0.3, 0.2, 0.2, 0.1, 0.1];
    const labels = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    expect(topShareLift(scores, labels, 0.1)).toBeCloseTo(2.5, 12);
  });
});
