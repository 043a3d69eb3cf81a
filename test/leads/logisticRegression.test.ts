import { describe, expect, it } from 'vitest';
import { choleskySolve } from '../../functions/leads/choleskySolve.ts';
import { linearPredictor, permuteRowsInPlace, type DesignMatrix } from '../../functions/leads/designMatrix.ts';
import { HESSIAN_ROWS, fitLogisticRegression, predictProbabilities, sigmoid } from '../../functions/leads/logisticRegression.ts';
import { seededRandom } from './simulateLeads.ts';

function denseDesign(rows: number[][]): DesignMatrix {
  return { rows: rows.length, denseWidth: rows[0]?.length ?? 0, dense: Float64Array.from(rows.flat()), categorical: [] };
}

/** Penalised gradient: Σ (p − y) x_j + l2 β_j (β_0 unpenalised). Zero at the optimum. */
function gradient(design: DesignMatrix, y: Uint8Array, beta: Float64Array, l2: number): number[] {
  const eta = linearPredictor(design, beta);
  const g = new Array<number>(beta.length).fill(0);
  const offset = 1 + design.denseWidth;
  for (let i = 0; i < design.rows; i++) {
    const r = sigmoid(eta[i] as number) - (y[i] as number);
    g[0] = (g[0] as number) + r;
    for (let j = 0; j < design.denseWidth; j++) g[1 + j] = (g[1 + j] as number) + r * (design.dense[i * design.denseWidth + j] as number);
    let levelOffset = offset;
    for (const column of design.categorical) {
      const cell = levelOffset + (column.codes[i] as number);
      g[cell] = (g[cell] as number) + r;
      levelOffset += column.levels;
    }
  }
  return g.map((v, j) => (j === 0 ? v : v + l2 * (beta[j] as number)));
}

describe('Cholesky solve', () => {
  it('solves a small symmetric positive-definite system', () => {
    // [4 2; 2 3] x = [2; 1] → x = [0.5, 0].
    expect(Array.from(choleskySolve(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2) ?? [])).toEqual([0.5, 0]);
    expect(choleskySolve(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1), 2)).toBeNull(); // indefinite
  });
});

describe('logistic regression', () => {
  it('reproduces the exact maximum-likelihood answer for one binary feature', () => {
    // x = 0: 1 of 3 converted (log-odds log ½); x = 1: 3 of 4 converted (log-odds log 3).
    const design = denseDesign([[0], [0], [0], [1], [1], [1], [1]]);
    const y = Uint8Array.of(0, 1, 0, 1, 1, 0, 1);
    const fit = fitLogisticRegression(design, y, { l2: 0, maxIterations: 50 });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(1 / 2), 10);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(3) - Math.log(1 / 2), 10);
  });

  it('reproduces each level’s observed rate for a one-hot feature with an intercept (redundant columns)', () => {
    // Levels 0, 1, 2 convert 1/4, 2/4 and 3/4: the fitted probabilities must equal those rates.
    const codes = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
    const y = Uint8Array.of(1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0);
    const design: DesignMatrix = { rows: 12, denseWidth: 0, dense: new Float64Array(0), categorical: [{ levels: 3, codes }] };
    const fit = fitLogisticRegression(design, y, { l2: 0, maxIterations: 100 });
    const p = predictProbabilities(design, fit.coefficients);
    expect(p[0]).toBeCloseTo(0.25, 6);
    expect(p[4]).toBeCloseTo(0.5, 6);
    expect(p[8]).toBeCloseTo(0.75, 6);
  });

  it('meets the ridge optimality condition: gradient of the penalised objective is zero', () => {
    const random = seededRandom(5);
    const rows = Array.from({ length: 400 }, () => [random() * 2 - 1, random() < 0.3 ? 1 : 0]);
    const y = Uint8Array.from(rows, ([a, b]) => (random() < sigmoid(-0.5 + 2 * (a as number) + (b as number)) ? 1 : 0));
    const design = denseDesign(rows);
    const l2 = 5;
    const fit = fitLogisticRegression(design, y, { l2, maxIterations: 50 });
    for (const g of gradient(design, y, fit.coefficients, l2)) expect(Math.abs(g)).toBeLessThan(1e-6);
    // The ridge shrinks: the unpenalised fit has larger slopes.
    const free = fitLogisticRegression(design, y, { l2: 0, maxIterations: 50 });
    expect(Math.abs(fit.coefficients[1] as number)).toBeLessThan(Math.abs(free.coefficients[1] as number));
  });

  it('recovers known coefficients from simulated data (dense and categorical)', () => {
    const truth = { intercept: -1, dense: [0.8, -0.5, 1.2], levels: [0, 0.7, -0.6] };
    const random = seededRandom(6);
    const n = 60_000;
    const dense = new Float64Array(n * 3);
    const codes = new Int32Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const x = [random() * 2 - 1, random() < 0.4 ? 1 : 0, Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())];
      dense.set(x, i * 3);
      codes[i] = Math.floor(random() * 3);
      let eta = truth.intercept + (truth.levels[codes[i] as number] as number);
      x.forEach((v, j) => (eta += (truth.dense[j] as number) * v));
      y[i] = random() < sigmoid(eta) ? 1 : 0;
    }
    // Level 0 is the reference (left out), so the levels are identified without a penalty.
    const design: DesignMatrix = { rows: n, denseWidth: 3, dense, categorical: [{ levels: 3, codes }] };
    const fit = fitLogisticRegression(design, y, { l2: 0, maxIterations: 50 });
    const beta = Array.from(fit.coefficients);
    // One-hot with an intercept is redundant; compare identified contrasts: intercept + level 0, level k − level 0.
    const baseline = (beta[0] as number) + (beta[4] as number);
    expect(Math.abs(baseline - truth.intercept)).toBeLessThan(0.06);
    truth.dense.forEach((b, j) => expect(Math.abs((beta[1 + j] as number) - b), `dense ${j}`).toBeLessThan(0.06));
    expect(Math.abs((beta[5] as number) - (beta[4] as number) - 0.7)).toBeLessThan(0.08);
    expect(Math.abs((beta[6] as number) - (beta[4] as number) + 0.6)).toBeLessThan(0.08);
  });

  it(`converges to the exact optimum when the Hessian is subsampled (more than ${HESSIAN_ROWS} rows)`, () => {
    const random = seededRandom(7);
    const n = HESSIAN_ROWS + 30_001;
    const dense = new Float32Array(n * 2);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = random() * 2 - 1;
      const b = random() < 0.1 ? 1 : 0; // sparse column
      dense[i * 2] = a;
      dense[i * 2 + 1] = b;
      y[i] = random() < sigmoid(-2 + 1.5 * a + 1 * b) ? 1 : 0;
    }
    const design: DesignMatrix = { rows: n, denseWidth: 2, dense, categorical: [] };
    const subsampled = fitLogisticRegression(design, y, { l2: 1, maxIterations: 50 });
    const exact = fitLogisticRegression(design, y, { l2: 1, maxIterations: 50, hessianRows: n });
    expect(subsampled.converged).toBe(true);
    subsampled.coefficients.forEach((b, j) => expect(Math.abs(b - (exact.coefficients[j] as number)), `β${j}`).toBeLessThan(1e-6));
    // The gradient of the summed objective is ~0 relative to its 130k terms.
    for (const g of gradient(design, y, subsampled.coefficients, 1)) expect(Math.abs(g)).toBeLessThan(1e-2);
    expect(Math.abs((subsampled.coefficients[1] as number) - 1.5)).toBeLessThan(0.06);
    expect(Math.abs((subsampled.coefficients[2] as number) - 1)).toBeLessThan(0.08);
  });
});

describe('design rows', () => {
  it('are permuted in place by following cycles', () => {
    // Rows hold their own index; order (3 0 4 1 2) has cycles 0←3←1←0 and 2←4←2.
    const order = [3, 0, 4, 1, 2];
    const design: DesignMatrix = {
      rows: 5,
      denseWidth: 2,
      dense: Float32Array.from([0, 0, 1, 10, 2, 20, 3, 30, 4, 40]),
      categorical: [{ levels: 5, codes: Int32Array.of(0, 1, 2, 3, 4) }],
    };
    permuteRowsInPlace(design, order);
    expect(Array.from(design.dense)).toEqual([3, 30, 0, 0, 4, 40, 1, 10, 2, 20]);
    expect(Array.from(design.categorical[0]?.codes ?? [])).toEqual(order);
  });
});
