// Its own module, without the config schema beside it: the job code that needs this list runs
// in the Lambda bundles, which carry no zod configuration schemas.

/**
 * The segments whose customers are worth a win-back call when they slide out of them, when the
 * config names none: the built-in table's three valuable active segments. A Champion who lapses
 * into Can't Lose Them or At Risk is listed; one who is now a Loyal Customer is not (still
 * valuable: the Migration tab counts that move). With a custom segment table, the ones of these
 * names it has are used.
 */
export const DEFAULT_VALUABLE_SEGMENTS: readonly string[] = ['Champions', 'Loyal Customers', 'Potential Loyalists'];
