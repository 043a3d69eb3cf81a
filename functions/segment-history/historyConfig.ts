// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';

/**
 * The segments whose customers are worth a win-back call when they slide out of them, when the
 * config names none: the built-in table's three valuable active segments. A Champion who lapses
 * into Can't Lose Them or At Risk is listed; one who is now a Loyal Customer is not (still
 * valuable: the Migration tab counts that move). With a custom segment table, the ones of these
 * names it has are used.
 */
export const DEFAULT_VALUABLE_SEGMENTS: readonly string[] = ['Champions', 'Loyal Customers', 'Potential Loyalists'];

/**
 * The `history` section: segment snapshots kept per run and compared with the previous one.
 *
 * @example
 * ```ts
 * historyConfigSchema.parse({ valuableSegments: ['Champions'] }).enabled; // true
 * ```
 */
export const historyConfigSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('Keep a snapshot of every customer\'s segment per as-of date and compare with the previous one (Movements and Migration tabs). Default true.'),
    valuableSegments: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(`Segments whose customers are listed in the Movements tab when they move down out of them into a segment not listed here. Default: ${DEFAULT_VALUABLE_SEGMENTS.join(', ')} (those the segment table has).`),
    segmentOrder: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Segments best first, defining "down"; segments not listed rank after the listed ones. Default: the order of the segment table.'),
  })
  .strict();

export type HistoryConfig = z.output<typeof historyConfigSchema>;
