/**
 * Weighted histories as columns, with each row's index into the list of distinct x values:
 * likelihood terms that depend on x alone (log-gamma, digamma) are computed once per distinct x
 * per evaluation rather than once per row.
 */
import { historyProblem, type WeightedHistory } from './CustomerHistory.ts';

export interface PreparedHistories {
  readonly size: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** Index of each row's x in `distinctX`. */
  readonly xIndex: Int32Array;
  readonly distinctX: Float64Array;
  /** Total weight of the rows with each distinct x. */
  readonly weightByX: Float64Array;
  readonly totalWeight: number;
  readonly repeatWeight: number;
}

/**
 * Validates and lays out histories, dividing times by `timeScale` (fits work in units of the
 * longest T so that alpha and beta start near 1).
 *
 * @example
 * ```ts
 * const prepared = prepareHistories([{ x: 1, tx: 2, T: 4, weight: 3 }], 4);
 * prepared.T[0]; // 1
 * ```
 */
export function prepareHistories(histories: readonly WeightedHistory[], timeScale = 1): PreparedHistories {
  const size = histories.length;
  const x = new Float64Array(size);
  const tx = new Float64Array(size);
  const T = new Float64Array(size);
  const weight = new Float64Array(size);
  const xIndex = new Int32Array(size);
  const positionOfX = new Map<number, number>();
  const distinct: number[] = [];
  const weightOfX: number[] = [];
  let totalWeight = 0;
  let repeatWeight = 0;
  for (let i = 0; i < size; i++) {
    const h = histories[i]!;
    x[i] = h.x;
    tx[i] = h.tx / timeScale;
    T[i] = h.T / timeScale;
    weight[i] = h.weight;
    let position = positionOfX.get(h.x);
    if (position === undefined) {
      position = distinct.length;
      positionOfX.set(h.x, position);
      distinct.push(h.x);
      weightOfX.push(0);
    }
    xIndex[i] = position;
    weightOfX[position]! += h.weight;
    totalWeight += h.weight;
    if (h.x > 0) repeatWeight += h.weight;
  }
  return {
    size,
    x,
    tx,
    T,
    weight,
    xIndex,
    distinctX: Float64Array.from(distinct),
    weightByX: Float64Array.from(weightOfX),
    totalWeight,
    repeatWeight,
  };
}

/**
 * The first invalid history, described with its position, or undefined when all are valid.
 *
 * @example
 * ```ts
 * firstInvalidHistory([{ x: -1, tx: 0, T: 1, weight: 1 }]); // 'history 0: x (-1) is not a non-negative integer'
 * ```
 */
export function firstInvalidHistory(histories: readonly WeightedHistory[]): string | undefined {
  for (let i = 0; i < histories.length; i++) {
    const problem = historyProblem(histories[i]!);
    if (problem !== undefined) return `history ${i}: ${problem}`;
  }
  return undefined;
}
