/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) with a backtracking line
 * search. Minimises
 *
 *   Σ_i [log(1 + e^{η_i}) − y_i η_i] + (l2 / 2) Σ_{j≥1} β_j²,   η = Xβ,
 *
 * leaving the intercept β_0 unpenalised. Newton converges in a handful of iterations. Each takes
 * the exact gradient over all rows, and the Hessian from the rows' non-zero entries; above
 * {@link HESSIAN_ROWS} rows the Hessian comes from an evenly spaced subset of rows, scaled up
 * (subsampled Newton). The direction is then slightly approximate, but the line search keeps every
 * step a descent step and the stopping rule reads the exact gradient, so the solution is the same;
 * half a million leads take seconds.
 */
import { choleskySolve } from './choleskySolve.ts';
import { categoricalOffsets, coefficientCount, linearPredictor, type DesignMatrix } from './designMatrix.ts';

/** Most rows the Hessian is accumulated over. */
export const HESSIAN_ROWS = 100_000;

export interface LogisticFitOptions {
  /** Ridge strength on every coefficient but the intercept; 0 for plain maximum likelihood. */
  readonly l2: number;
  readonly maxIterations: number;
  /** Stop when half the Newton decrement falls below `tolerance × max(1, objective)`. */
  readonly tolerance?: number;
  /** Starting coefficients (warm start); default: zeros with the intercept at the log-odds of y. */
  readonly initial?: Float64Array;
  /** Most rows the Hessian is accumulated over; default {@link HESSIAN_ROWS}. */
  readonly hessianRows?: number;
}

export interface LogisticFit {
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Penalised negative log-likelihood at the solution. */
  readonly objective: number;
}

/**
 * Fits the model. `y[i]` is 1 for a positive row, 0 otherwise.
 *
 * @example
 * ```ts
 * // One binary feature: the maximum-likelihood fit reproduces the log-odds of each group.
 * const design = { rows: 7, denseWidth: 1, dense: Float64Array.of(0, 0, 0, 1, 1, 1, 1), categorical: [] };
 * const fit = fitLogisticRegression(design, Uint8Array.of(0, 1, 1, 0, 1, 1, 1), { l2: 0, maxIterations: 50 });
 * fit.coefficients; // ≈ [log 2, log 3 − log 2]
 * ```
 */
export function fitLogisticRegression(design: DesignMatrix, y: Uint8Array, options: LogisticFitOptions): LogisticFit {
  const p = coefficientCount(design);
  const tolerance = options.tolerance ?? 1e-10;
  let beta = options.initial ? Float64Array.from(options.initial) : startingPoint(p, y);
  const eta = new Float64Array(design.rows);
  let objective = penalisedObjective(design, y, beta, options.l2, eta);
  let iterations = 0;
  let converged = false;

  while (iterations < options.maxIterations) {
    iterations++;
    const { gradient, hessian } = gradientAndHessian(design, y, beta, options.l2, eta, options.hessianRows ?? HESSIAN_ROWS);
    const step = solveRegularised(hessian, gradient, p);
    if (step === null) break;
    const decrement = dot(gradient, step);
    if (decrement / 2 <= tolerance * Math.max(1, objective)) {
      // Inside the region of quadratic convergence: the full step is safe and squares the error.
      beta = beta.map((b, j) => b - (step[j] as number));
      objective = penalisedObjective(design, y, beta, options.l2, eta);
      converged = true;
      break;
    }
    const next = lineSearch(design, y, beta, step, decrement, objective, options.l2, eta);
    if (next === null) {
      // No decrease possible along the Newton direction: at the optimum to machine precision.
      converged = true;
      linearPredictor(design, beta, eta);
      break;
    }
    beta = next.beta;
    objective = next.objective;
  }
  return { coefficients: beta, iterations, converged, objective };
}

/**
 * Probability σ(Xβ) of every row.
 *
 * @example
 * ```ts
 * predictProbabilities({ rows: 1, denseWidth: 0, dense: new Float64Array(0), categorical: [] }, Float64Array.of(0)); // [0.5]
 * ```
 */
export function predictProbabilities(design: DesignMatrix, beta: Float64Array): Float64Array {
  const eta = linearPredictor(design, beta);
  for (let i = 0; i < eta.length; i++) eta[i] = sigmoid(eta[i] as number);
  return eta;
}

/**
 * The logistic function, computed without overflow.
 *
 * @example
 * ```ts
 * sigmoid(0); // 0.5
 * ```
 */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** log(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function startingPoint(p: number, y: Uint8Array): Float64Array {
  const beta = new Float64Array(p);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] as number;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, y.length)));
  beta[0] = Math.log(rate / (1 - rate));
  return beta;
}

/** Objective at `beta`; leaves η = Xβ in `eta`. */
function penalisedObjective(design: DesignMatrix, y: Uint8Array, beta: Float64Array, l2: number, eta: Float64Array): number {
  linearPredictor(design, beta, eta);
  let sum = 0;
  for (let i = 0; i < design.rows; i++) {
    const e = eta[i] as number;
    sum += softplus(e) - (y[i] as number) * e;
  }
  let penalty = 0;
  for (let j = 1; j < beta.length; j++) penalty += (beta[j] as number) ** 2;
  return sum + (l2 / 2) * penalty;
}

/**
 * Gradient (all rows) and Hessian (upper triangle, row-major p × p; at most `hessianRows` evenly
 * spaced rows, scaled to all) of the objective, given η for `beta`.
 */
function gradientAndHessian(
  design: DesignMatrix,
  y: Uint8Array,
  beta: Float64Array,
  l2: number,
  eta: Float64Array,
  hessianRows: number,
): { gradient: Float64Array; hessian: Float64Array } {
  const p = beta.length;
  const gradient = new Float64Array(p);
  const hessian = new Float64Array(p * p);
  accumulateGradient(design, y, eta, gradient);
  const sampled = Math.min(design.rows, hessianRows);
  accumulateHessian(design, eta, hessian, sampled);
  const scale = sampled === 0 ? 0 : design.rows / sampled;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) hessian[a * p + b] = (hessian[a * p + b] as number) * scale;
  }
  for (let j = 1; j < p; j++) {
    gradient[j] = (gradient[j] as number) + l2 * (beta[j] as number);
    hessian[j * p + j] = (hessian[j * p + j] as number) + l2;
  }
  return { gradient, hessian };
}

function accumulateGradient(design: DesignMatrix, y: Uint8Array, eta: Float64Array, gradient: Float64Array): void {
  const { rows, denseWidth: d, dense, categorical } = design;
  const offsets = categoricalOffsets(design);
  for (let i = 0; i < rows; i++) {
    const residual = sigmoid(eta[i] as number) - (y[i] as number);
    gradient[0] = (gradient[0] as number) + residual;
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = dense[base + j] as number;
      if (v !== 0) gradient[1 + j] = (gradient[1 + j] as number) + residual * v;
    }
    for (let f = 0; f < categorical.length; f++) {
      const cell = (offsets[f] as number) + ((categorical[f] as { codes: Int32Array }).codes[i] as number);
      gradient[cell] = (gradient[cell] as number) + residual;
    }
  }
}

/**
 * Σ w_i x_i x_iᵀ over `sampled` evenly spaced rows, through each row's non-zero entries (the
 * intercept, the dense features that are not 0, one level per categorical feature). Their indices
 * increase, so the pairs (a ≤ b) fill the upper triangle; sparse rows (most leads have done few
 * activity types) make this cheap.
 */
function accumulateHessian(design: DesignMatrix, eta: Float64Array, hessian: Float64Array, sampled: number): void {
  const { rows, denseWidth: d, dense, categorical } = design;
  const p = Math.sqrt(hessian.length);
  const offsets = categoricalOffsets(design);
  const index = new Int32Array(1 + d + categorical.length);
  const value = new Float64Array(1 + d + categorical.length);
  const stride = sampled === 0 ? 1 : rows / sampled;
  for (let s = 0; s < sampled; s++) {
    const i = Math.floor(s * stride);
    let k = 0;
    index[k] = 0;
    value[k++] = 1;
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = dense[base + j] as number;
      if (v !== 0) {
        index[k] = 1 + j;
        value[k++] = v;
      }
    }
    for (let f = 0; f < categorical.length; f++) {
      index[k] = (offsets[f] as number) + ((categorical[f] as { codes: Int32Array }).codes[i] as number);
      value[k++] = 1;
    }
    const prob = sigmoid(eta[i] as number);
    const weight = prob * (1 - prob);
    for (let a = 0; a < k; a++) {
      const wa = weight * (value[a] as number);
      const row = (index[a] as number) * p;
      for (let b = a; b < k; b++) {
        const cell = row + (index[b] as number);
        hessian[cell] = (hessian[cell] as number) + wa * (value[b] as number);
      }
    }
  }
}

/**
 * Newton step H⁻¹g; when H is singular (no ridge and a redundant or empty column), adds the
 * smallest diagonal jitter that makes it positive definite.
 */
function solveRegularised(hessian: Float64Array, gradient: Float64Array, p: number): Float64Array | null {
  let jitter = 0;
  let meanDiagonal = 0;
  for (let j = 0; j < p; j++) meanDiagonal += Math.abs(hessian[j * p + j] as number) / p;
  for (let attempt = 0; attempt < 12; attempt++) {
    const a = jitter === 0 ? hessian : withJitter(hessian, p, jitter);
    const step = choleskySolve(a, gradient, p);
    if (step !== null && step.every(Number.isFinite)) return step;
    jitter = jitter === 0 ? Math.max(1e-12, meanDiagonal * 1e-10) : jitter * 100;
  }
  return null;
}

function withJitter(hessian: Float64Array, p: number, jitter: number): Float64Array {
  const copy = Float64Array.from(hessian);
  for (let j = 0; j < p; j++) copy[j * p + j] = (copy[j * p + j] as number) + jitter;
  return copy;
}

/** Backtracking (Armijo) along −step; null when no step length decreases the objective. */
function lineSearch(
  design: DesignMatrix,
  y: Uint8Array,
  beta: Float64Array,
  step: Float64Array,
  decrement: number,
  objective: number,
  l2: number,
  eta: Float64Array,
): { beta: Float64Array; objective: number } | null {
  const candidate = new Float64Array(beta.length);
  for (let t = 1, tries = 0; tries < 40; t /= 2, tries++) {
    for (let j = 0; j < beta.length; j++) candidate[j] = (beta[j] as number) - t * (step[j] as number);
    const value = penalisedObjective(design, y, candidate, l2, eta);
    if (value <= objective - 1e-4 * t * decrement) return { beta: candidate, objective: value };
  }
  return null;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
