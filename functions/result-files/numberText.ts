/** Decimals of a number {@link numberText} formats itself: result files round to at most four. */
const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;
/**
 * Above this magnitude a double's spacing approaches 10⁻⁴, so a shorter decimal could name the same
 * double; such numbers (and all others with more decimals) go to `String`.
 */
const MAX_MAGNITUDE = 1e11;
/** The text after the point for each multiple of 10⁻⁴ below 1, trailing zeros dropped: 1200 → '12'. */
const FRACTIONS: readonly string[] = Array.from({ length: SCALE }, (_, i) => String(i).padStart(DECIMALS, '0').replace(/0+$/, ''));

/**
 * The same text as `String(value)`, faster for the numbers result files hold: integers, and
 * amounts and shares rounded to at most four decimals. Turning a double into its shortest decimal
 * is most of the cost of writing a CSV line (customers.csv has ~20 numbers a row); a double that
 * is the nearest one to `k / 10⁴` prints as that decimal, which is built here from the integer `k`.
 * Anything else (more decimals, very large or small magnitudes, NaN, infinities) is left to
 * `String`.
 *
 * @example
 * ```ts
 * numberText(1234.5); // '1234.5'
 * numberText(-0.0705); // '-0.0705'
 * numberText(0.1 + 0.2); // '0.30000000000000004' (by String)
 * ```
 */
export function numberText(value: number): string {
  if (Number.isInteger(value) || !(Math.abs(value) < MAX_MAGNITUDE)) return String(value);
  const scaled = Math.round(value * SCALE);
  if (scaled / SCALE !== value) return String(value);
  const magnitude = Math.abs(scaled);
  const whole = Math.floor(magnitude / SCALE);
  // Not an integer, so the fraction is never empty and a negative value is never -0.
  return `${value < 0 ? '-' : ''}${whole}.${FRACTIONS[magnitude - whole * SCALE] as string}`;
}
