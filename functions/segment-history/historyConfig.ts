// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';
import { DEFAULT_VALUABLE_SEGMENTS } from './defaultValuableSegments.ts';

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
