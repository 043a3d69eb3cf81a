/**
 * Per-customer purchase history in the form every buy-till-you-die model consumes, and its
 * weighted, de-duplicated form used for fitting.
 *
 * All times are in one time unit chosen by the caller (days or weeks); model parameters that
 * carry a time scale (alpha, beta) come out in that unit.
 */

/** One customer's calibration-period summary. */
export interface CustomerHistory {
  /** Repeat purchase periods: distinct purchase periods minus one (the first purchase). */
  readonly x: number;
  /** Recency: time from the first to the last purchase (0 when x = 0). */
  readonly tx: number;
  /** Age: time from the first purchase to the end of the calibration period. */
  readonly T: number;
  /** Mean spend of the repeat periods (first period excluded); only meaningful when x > 0. */
  readonly monetary?: number;
}

/** A unique (x, tx, T) history and how many customers share it. */
export interface WeightedHistory {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly weight: number;
}

/**
 * Collapses customers into unique (x, tx, T) histories with weights, so a likelihood is
 * evaluated once per distinct history (CDNOW: 2,357 customers, about 1,000 histories).
 * Order of first appearance is kept. Runs in O(n) with nested maps keyed on the numbers,
 * which avoids building a string key per customer.
 *
 * @example
 * ```ts
 * collapseHistories([{ x: 0, tx: 0, T: 5 }, { x: 0, tx: 0, T: 5 }]);
 * // [{ x: 0, tx: 0, T: 5, weight: 2 }]
 * ```
 */
export function collapseHistories(customers: Iterable<CustomerHistory>): WeightedHistory[] {
  // x -> T -> tx: one-time buyers (tx = 0) share few inner maps, and (x, T) pairs are fewer than rows.
  const index = new Map<number, Map<number, Map<number, number>>>();
  const xs: number[] = [];
  const txs: number[] = [];
  const ts: number[] = [];
  const weights: number[] = [];
  for (const c of customers) {
    let byT = index.get(c.x);
    if (byT === undefined) {
      byT = new Map();
      index.set(c.x, byT);
    }
    let byTx = byT.get(c.T);
    if (byTx === undefined) {
      byTx = new Map();
      byT.set(c.T, byTx);
    }
    const at = byTx.get(c.tx);
    if (at === undefined) {
      byTx.set(c.tx, weights.length);
      xs.push(c.x);
      txs.push(c.tx);
      ts.push(c.T);
      weights.push(1);
    } else {
      weights[at]! += 1;
    }
  }
  return weights.map((weight, i) => ({ x: xs[i]!, tx: txs[i]!, T: ts[i]!, weight }));
}

/**
 * Customers as parallel numeric columns: the form the batch predictor loops over.
 * Plain arrays and typed arrays both work.
 */
export interface CustomerColumns {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  /** Mean repeat spend per customer; entries for x = 0 customers are ignored. */
  readonly monetary?: ArrayLike<number>;
}

/**
 * Converts customer objects to columns (Float64Array each).
 *
 * @example
 * ```ts
 * const cols = toCustomerColumns([{ x: 2, tx: 30.43, T: 38.86, monetary: 22.35 }]);
 * cols.x[0]; // 2
 * ```
 */
export function toCustomerColumns(customers: readonly CustomerHistory[]): CustomerColumns {
  const n = customers.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = customers[i]!;
    x[i] = c.x;
    tx[i] = c.tx;
    T[i] = c.T;
    monetary[i] = c.monetary ?? Number.NaN;
  }
  return { x, tx, T, monetary };
}

/**
 * Describes why a history cannot be fitted, or returns undefined when it is valid:
 * finite, x a non-negative integer, 0 <= tx <= T, tx = 0 when x = 0, positive weight.
 *
 * @example
 * ```ts
 * historyProblem({ x: 1, tx: 5, T: 3, weight: 1 }); // 'tx (5) is greater than T (3)'
 * ```
 */
export function historyProblem(h: WeightedHistory): string | undefined {
  if (![h.x, h.tx, h.T, h.weight].every(Number.isFinite)) return 'a value is not a finite number';
  if (h.x < 0 || !Number.isInteger(h.x)) return `x (${h.x}) is not a non-negative integer`;
  if (h.tx < 0) return `tx (${h.tx}) is negative`;
  if (h.tx > h.T) return `tx (${h.tx}) is greater than T (${h.T})`;
  if (h.x === 0 && h.tx !== 0) return `tx (${h.tx}) is not 0 although x is 0`;
  if (!(h.weight > 0)) return `weight (${h.weight}) is not positive`;
  return undefined;
}
