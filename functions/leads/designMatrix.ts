/**
 * The model's input in a compact layout: dense features row-major in one typed array, and each
 * categorical feature as one integer code per row (a one-hot column set that is never
 * materialised). At half a million leads this is tens of megabytes, not gigabytes of objects.
 *
 * Coefficients are laid out as [intercept, dense 0..d-1, levels of categorical 0, levels of
 * categorical 1, …].
 */

/** One categorical feature: `codes[row]` in `[0, levels)`. */
export interface CategoricalColumn {
  readonly levels: number;
  readonly codes: Int32Array;
}

export interface DesignMatrix {
  readonly rows: number;
  /** Dense features per row. */
  readonly denseWidth: number;
  /** Row-major, `rows × denseWidth`. */
  readonly dense: Float32Array | Float64Array;
  readonly categorical: readonly CategoricalColumn[];
}

/**
 * Number of coefficients, intercept included.
 *
 * @example
 * ```ts
 * coefficientCount({ rows: 2, denseWidth: 1, dense: new Float64Array(2), categorical: [{ levels: 3, codes: new Int32Array(2) }] }); // 5
 * ```
 */
export function coefficientCount(design: DesignMatrix): number {
  return 1 + design.denseWidth + design.categorical.reduce((sum, c) => sum + c.levels, 0);
}

/**
 * Index of the first coefficient of each categorical feature.
 *
 * @example
 * ```ts
 * categoricalOffsets({ rows: 0, denseWidth: 2, dense: new Float64Array(0), categorical: [{ levels: 3, codes: new Int32Array(0) }, { levels: 2, codes: new Int32Array(0) }] }); // [3, 6]
 * ```
 */
export function categoricalOffsets(design: DesignMatrix): number[] {
  const offsets: number[] = [];
  let next = 1 + design.denseWidth;
  for (const column of design.categorical) {
    offsets.push(next);
    next += column.levels;
  }
  return offsets;
}

/**
 * η = Xβ for every row.
 *
 * @example
 * ```ts
 * const design = { rows: 1, denseWidth: 1, dense: Float64Array.of(2), categorical: [] };
 * linearPredictor(design, Float64Array.of(0.5, 3)); // Float64Array [6.5]
 * ```
 */
export function linearPredictor(
  design: DesignMatrix,
  beta: Float64Array,
  out: Float64Array = new Float64Array(design.rows),
): Float64Array {
  const { rows, denseWidth: d, dense, categorical } = design;
  const offsets = categoricalOffsets(design);
  const intercept = beta[0] as number;
  for (let i = 0; i < rows; i++) {
    let eta = intercept;
    const base = i * d;
    for (let j = 0; j < d; j++) eta += (beta[1 + j] as number) * (dense[base + j] as number);
    out[i] = eta;
  }
  categorical.forEach((column, f) => {
    const offset = offsets[f] as number;
    const codes = column.codes;
    for (let i = 0; i < rows; i++) out[i] = (out[i] as number) + (beta[offset + (codes[i] as number)] as number);
  });
  return out;
}

/**
 * Rows `start` (inclusive) to `end` (exclusive) as a design matrix sharing the same memory.
 *
 * @example
 * ```ts
 * const older = designRows(design, 0, 750); // the training slice
 * const newer = designRows(design, 750, 1000); // the validation slice
 * ```
 */
export function designRows(design: DesignMatrix, start: number, end: number): DesignMatrix {
  const d = design.denseWidth;
  return {
    rows: end - start,
    denseWidth: d,
    dense: design.dense.subarray(start * d, end * d),
    categorical: design.categorical.map((column) => ({ levels: column.levels, codes: column.codes.subarray(start, end) })),
  };
}

/**
 * Puts the rows in the given order (`order[k]` is the current row that becomes row k), in place:
 * the design can be hundreds of megabytes, and a second copy would cost memory and a full garbage
 * collection. Follows the permutation's cycles, moving each row once.
 *
 * @example
 * ```ts
 * permuteRowsInPlace(design, Uint32Array.of(2, 0, 1)); // row 0 ← old row 2, row 1 ← old row 0, row 2 ← old row 1
 * ```
 */
export function permuteRowsInPlace(design: DesignMatrix, order: ArrayLike<number>): void {
  const d = design.denseWidth;
  const dense = design.dense;
  const saved = dense instanceof Float32Array ? new Float32Array(d) : new Float64Array(d);
  const savedCodes = new Int32Array(design.categorical.length);
  const placed = new Uint8Array(design.rows);
  for (let start = 0; start < design.rows; start++) {
    if (placed[start] === 1) continue;
    saved.set(dense.subarray(start * d, start * d + d));
    design.categorical.forEach((column, f) => (savedCodes[f] = column.codes[start] as number));
    let target = start;
    for (;;) {
      placed[target] = 1;
      const source = order[target] as number;
      if (source === start) break;
      dense.copyWithin(target * d, source * d, source * d + d);
      for (const column of design.categorical) column.codes[target] = column.codes[source] as number;
      target = source;
    }
    dense.set(saved, target * d);
    design.categorical.forEach((column, f) => (column.codes[target] = savedCodes[f] as number));
  }
}
