/**
 * Comparing two runs' numbers despite floating-point noise. SQL engines add up doubles in no
 * fixed order (parallel scans and aggregations), so sums differ in their last bits from run to
 * run: two local runs of the same data already differ in the 16th digit of a segment's mean
 * P(alive), and the CLV fit carries such differences to about 1e-14. Where the job then rounds a
 * value (to cents, to 4 decimals), a value sitting on a rounding boundary rounds either way.
 *
 * So integers must match exactly, and other numbers agree when they are equal to 12 significant
 * digits or, both shown with at most 4 decimals, within one unit of the last decimal.
 */

const ROUNDED_DECIMALS = 4;

/**
 * Whether two numbers agree under the rules above.
 *
 * @example
 * ```ts
 * agreeDespiteFloatNoise(118.9, 118.91); // true: cents either side of a rounding boundary
 * agreeDespiteFloatNoise(324, 325);      // false: integers match exactly
 * ```
 */
export function agreeDespiteFloatNoise(expected: number, actual: number): boolean {
  if (Number.isInteger(expected) && Number.isInteger(actual)) return expected === actual;
  const difference = Math.abs(expected - actual);
  if (difference <= 1e-12 * Math.max(Math.abs(expected), Math.abs(actual))) return true;
  const decimals = Math.max(decimalsShown(expected), decimalsShown(actual));
  return decimals <= ROUNDED_DECIMALS && difference <= 10 ** -decimals * (1 + 1e-9);
}

/** An asymmetric matcher (as `expect.closeTo` is one) for {@link agreeDespiteFloatNoise}. */
class AgreesDespiteFloatNoise {
  readonly $$typeof = Symbol.for('jest.asymmetricMatcher');
  private readonly expected: number;

  constructor(expected: number) {
    this.expected = expected;
  }

  asymmetricMatch(actual: unknown): boolean {
    return typeof actual === 'number' && agreeDespiteFloatNoise(this.expected, actual);
  }

  toString(): string {
    return 'AgreesDespiteFloatNoise';
  }

  toAsymmetricMatcher(): string {
    return `~${this.expected}`;
  }
}

/**
 * The expected value for `toEqual` with every number replaced by a matcher that tolerates
 * floating-point noise as described above; text, booleans and structure must match exactly.
 *
 * @example
 * ```ts
 * expect(lambdaTabs).toEqual(toleratingFloatNoise(localTabs));
 * ```
 */
export function toleratingFloatNoise(value: unknown): unknown {
  if (typeof value === 'number') return new AgreesDespiteFloatNoise(value);
  if (Array.isArray(value)) return value.map((item: unknown) => toleratingFloatNoise(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toleratingFloatNoise(item)]));
  }
  return value;
}

function decimalsShown(value: number): number {
  const text = String(value);
  if (text.includes('e')) return Number.POSITIVE_INFINITY;
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}
