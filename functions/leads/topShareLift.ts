/**
 * Lift of the top-scored share (top decile by default): the conversion rate among the leads the
 * model ranks highest, divided by the overall rate. 1 means no better than random; 3 means the top
 * tenth converts three times as often as the average lead.
 */

/**
 * Lift of the top `share` of rows by score. Rows tied at the cut count in proportion to the slots
 * left, as if ties were broken at random, so the result does not depend on input order.
 *
 * @example
 * ```ts
 * topShareLift([0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.05], [1, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0.1); // 5
 * ```
 */
export function topShareLift(scores: ArrayLike<number>, labels: ArrayLike<number>, share = 0.1): number {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] as number;
  if (n === 0 || positives === 0) return Number.NaN;
  const slots = Math.max(1, Math.round(share * n));
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let taken = 0;
  let caught = 0;
  let i = 0;
  while (i < n && taken < slots) {
    let j = i;
    const value = scores[order[i] as number] as number;
    let groupPositives = 0;
    while (j < n && scores[order[j] as number] === value) {
      groupPositives += labels[order[j] as number] as number;
      j++;
    }
    const groupSize = j - i;
    const used = Math.min(groupSize, slots - taken);
    caught += (groupPositives * used) / groupSize;
    taken += used;
    i = j;
  }
  return caught / slots / (positives / n);
}
