import { describe, expect, it } from 'vitest';
import { integrateDiscountedRate } from '../../functions/clv/discounting.ts';
import { scaledExpIntegralE } from '../../functions/clv/exponentialIntegral.ts';
import { gaussLegendre, integrateGaussLegendre } from '../../functions/clv/gaussLegendre.ts';
import { hyp2f1, logHyp2f1APlusOne } from '../../functions/clv/hypergeometric.ts';
import { logIntegrateExp } from '../../functions/clv/logIntegrateExp.ts';
import { logAddExp, logistic, logSubExp } from '../../functions/clv/logSpace.ts';

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
/** Absolute error for values near 0 (log 2F1 -> 0 as z -> 0), relative otherwise. */
const mixed = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('logHyp2f1APlusOne: log 2F1(a, b; a+1; z), the Pareto/NBD case', () => {
  it('matches closed forms: 2F1(1,1;2;z) = -log(1-z)/z and 2F1(2,1;3;z) = 2(-log(1-z) - z)/z^2', () => {
    for (const z of [1e-8, 0.3, 0.9, 0.99, 0.995, 0.9999]) {
      expect(mixed(logHyp2f1APlusOne(1, 1, z), Math.log(-Math.log1p(-z) / z))).toBeLessThan(1e-14);
      // the second form cancels for tiny z; keep it to z >= 0.3
      if (z >= 0.3) expect(relative(logHyp2f1APlusOne(2, 1, z), Math.log((2 * (-Math.log1p(-z) - z)) / (z * z)))).toBeLessThan(1e-12);
    }
  });

  it('stays finite where 2F1 itself overflows: 2F1(a, a+1; a+1; z) = (1-z)^-a at a = 1000, z = 0.9', () => {
    expect(logHyp2f1APlusOne(1000, 1001, 0.9)).toBeCloseTo(1000 * Math.log(10), 9);
    expect(Number.isFinite(logHyp2f1APlusOne(1000, 1001, 0.9))).toBe(true);
  });

  it('matches high-precision values at Pareto/NBD arguments, large x and z near 1', () => {
    // Reference: mpmath 1.3.0 at 40 digits, log(hyp2f1(a, b, a + 1, z)).
    const cases: [number, number, number, number][] = [
      [1.1595, 0.5533, 0.0937, 0.028889856841399608782],
      [27.1595, 26.5533, 0.025628967787444158, 0.66490731892241691087],
      [133.16, 132.55, 0.050299953853253344, 6.789779184550246836],
      [5001.16, 5000.55, 0.3, 1783.2143125376281085],
      [2.1, 1.4, 0.999, 4.3097214872442732415],
      [0.3, 0.2, 0.9999, 0.093571848363586326094],
      [50.5, 1.6, 0.95, 4.3961394011336842336],
    ];
    for (const [a, b, z, expected] of cases) expect(relative(logHyp2f1APlusOne(a, b, z), expected)).toBeLessThan(1e-13);
  });

  it('rejects arguments outside its domain with NaN', () => {
    expect(logHyp2f1APlusOne(1, 1, 1)).toBeNaN();
    expect(logHyp2f1APlusOne(1, 3, 0.5)).toBeNaN();
  });
});

describe('hyp2f1 (@stdlib) at the Euler-transformed BG/NBD arguments', () => {
  it('satisfies 2F1(a, b; b; z) = (1 - z)^-a', () => {
    expect(relative(hyp2f1(0.7, 2.5, 2.5, 0.999), Math.pow(0.001, -0.7))).toBeLessThan(1e-12);
  });

  it('matches high-precision values with z near 1 and with large c', () => {
    // Reference: mpmath 1.3.0 at 40 digits. Arguments are (a+b-1-r, a-1; a+b+x-1; z) and
    // (a, a+b-r-1; a+b+x; z) for r = 0.2426, a = 0.7929, b = 2.4258.
    const cases: [number, number, number, number, number][] = [
      [1.9761000000000002, -0.20709999999999995, 2.2187, 0.999, 0.49522694747908219292],
      [0.7929, 1.9761000000000002, 3.2187, 0.9999, 4.1198084073450258002],
      [1.9761000000000002, -0.20709999999999995, 202.2187, 0.99, 0.99798478632138264913],
    ];
    for (const [a, b, c, z, expected] of cases) expect(relative(hyp2f1(a, b, c, z), expected)).toBeLessThan(1e-12);
  });
});

describe('scaledExpIntegralE: e^z E_s(z) (Pareto/NBD DERT)', () => {
  it('matches tabulated E_1 (Abramowitz & Stegun table 5.1)', () => {
    const table: [number, number][] = [
      [0.01, 4.0379295765381138],
      [0.1, 1.8229239584193906],
      [0.5, 0.55977359477616081],
      [1, 0.21938393439552027],
      [2, 0.048900510708061120],
    ];
    for (const [z, e1] of table) expect(relative(scaledExpIntegralE(1, z), Math.exp(z) * e1)).toBeLessThan(1e-14);
  });

  it('matches E_0(z) = e^-z / z and E_1/2(1) = sqrt(pi) erfc(1)', () => {
    for (const z of [1e-6, 0.2, 3, 40]) expect(relative(scaledExpIntegralE(0, z), 1 / z)).toBeLessThan(1e-14);
    const erfc1 = 0.15729920705028513066;
    expect(relative(scaledExpIntegralE(0.5, 1), Math.E * Math.sqrt(Math.PI) * erfc1)).toBeLessThan(1e-14);
  });

  it('satisfies the recurrence s E_{s+1}(z) = e^-z - z E_s(z) across series and continued-fraction ranges', () => {
    for (const s of [0.05, 0.4081, 0.6061, 0.999999, 1, 1.5, 1.96, 2.03, 4.7]) {
      for (const z of [1e-5, 0.0027 * 50, 0.5, 0.99, 1, 1.7, 30]) {
        const lhs = s * scaledExpIntegralE(s + 1, z);
        const rhs = 1 - z * scaledExpIntegralE(s, z);
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-13 * Math.max(1, Math.abs(rhs)) + 1e-15);
      }
    }
  });

  it('is continuous through integer s, where the series has a cancelling pole', () => {
    for (const n of [1, 2, 3]) {
      for (const z of [0.001, 0.3, 0.9]) {
        const at = scaledExpIntegralE(n, z);
        for (const e of [1e-12, 1e-9, 1e-6]) {
          expect(relative(scaledExpIntegralE(n + e, z), at)).toBeLessThan(10 * e + 1e-14);
          expect(relative(scaledExpIntegralE(n - e, z), at)).toBeLessThan(10 * e + 1e-14);
        }
      }
    }
  });

  it('matches high-precision values at DERT arguments', () => {
    // Reference: mpmath 1.3.0 at 40 digits, e^z * expint(s, z).
    const cases: [number, number, number][] = [
      [0.6061, 0.13639374, 2.858922125265037838],
      [0.4081095, 0.23861197296, 2.5032082586837446893],
      [2.999999, 0.37, 0.38986244720699316291],
      [7.25, 1e-5, 0.15999969523881232272],
      [0.05, 250, 0.0039992033327787964301],
    ];
    for (const [s, z, expected] of cases) expect(relative(scaledExpIntegralE(s, z), expected)).toBeLessThan(1e-14);
  });
});

describe('Gauss-Legendre quadrature', () => {
  it('has the textbook two-point rule', () => {
    const { nodes, weights } = gaussLegendre(2);
    expect(nodes[1]).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(weights[0]).toBeCloseTo(1, 15);
  });

  it('integrates polynomials of degree 2n - 1 exactly and e^t to machine precision', () => {
    expect(integrateGaussLegendre((t) => t ** 31 + 3 * t ** 30, 0, 1, 16)).toBeCloseTo(1 / 32 + 3 / 31, 14);
    expect(relative(integrateGaussLegendre(Math.exp, 0, 1, 16), Math.E - 1)).toBeLessThan(1e-15);
  });
});

describe('integrateDiscountedRate', () => {
  it('discounts a constant rate over a lifetime to 1/delta and over a horizon to (1 - e^-dH)/d', () => {
    expect(relative(integrateDiscountedRate(() => 1, 40, { discountPerUnit: 0.0027 }), 1 / 0.0027)).toBeLessThan(1e-12);
    const horizon = (1 - Math.exp(-0.0027 * 52)) / 0.0027;
    expect(relative(integrateDiscountedRate(() => 1, 40, { discountPerUnit: 0.0027, horizon: 52 }), horizon)).toBeLessThan(1e-12);
  });

  it('integrates a polynomially decaying rate: (1 + t/A)^-2 undiscounted over [0, H] is A H / (A + H)', () => {
    const A = 30;
    const H = 500;
    expect(relative(integrateDiscountedRate((t) => (1 + t / A) ** -2, A, { discountPerUnit: 0, horizon: H }), (A * H) / (A + H))).toBeLessThan(1e-12);
  });

  it('refuses a lifetime without discounting', () => {
    expect(() => integrateDiscountedRate(() => 1, 1, { discountPerUnit: 0 })).toThrow(/positive discount/);
  });
});

describe('logIntegrateExp', () => {
  it('integrates beyond double range: log of integral_0^1 e^(1000 v) dv = 1000 - log 1000', () => {
    expect(logIntegrateExp((v) => 1000 * v, 0, 1)).toBeCloseTo(1000 - Math.log(1000), 12);
  });

  it('finds a narrow interior peak: integral of e^(-(v - 0.3)^2 / 2e-6) = sqrt(2 pi 1e-6)', () => {
    expect(logIntegrateExp((v) => -((v - 0.3) ** 2) / 2e-6, 0, 1)).toBeCloseTo(0.5 * Math.log(2 * Math.PI * 1e-6), 10);
  });

  it('matches a Beta function: integral_0^1 u^(a-1) (1-u)^(b-1) du in v = log u', () => {
    // log B(2.5, 3) = lgamma(2.5) + lgamma(3) - lgamma(5.5); the tail below v = -60 is < e^-150.
    const logBeta = Math.log(1.329340388179137) + Math.log(2) - Math.log(52.34277778455352);
    expect(logIntegrateExp((v) => 2.5 * v + 2 * Math.log1p(-Math.exp(v)), -60, -1e-12)).toBeCloseTo(logBeta, 9);
  });
});

describe('log-space helpers', () => {
  it('add and subtract without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSubExp(Math.log(3), Math.log(1))).toBeCloseTo(Math.log(2), 15);
    expect(logSubExp(-800, -800.5)).toBeCloseTo(-800 + Math.log(1 - Math.exp(-0.5)), 12);
    expect(logSubExp(2, 2)).toBe(Number.NEGATIVE_INFINITY);
    expect(logistic(-700) / Math.exp(-700)).toBeCloseTo(1, 12);
    expect(logistic(800)).toBe(1);
  });
});
