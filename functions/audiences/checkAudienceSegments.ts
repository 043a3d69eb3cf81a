import type * as z from 'zod';
import type { Config } from '../config/configSchema.ts';
import { DEFAULT_SEGMENT_TABLE } from '../rfm/defaultSegmentTable.ts';

/**
 * Config check: every segment named in `audiences.segments` is a segment of the table in force
 * (the configured `rfm.segments` or the built-in one) or the unmatched segment, so a typo stops
 * the run before any work, with the field named.
 *
 * @example
 * ```ts
 * configSchema.superRefine(checkAudienceSegments);
 * // audiences.segments.0: 'Champion' is not a segment (segments: Champions, Loyal Customers, …)
 * ```
 */
export function checkAudienceSegments(config: Config, ctx: z.RefinementCtx): void {
  const known = [...(config.rfm.segments ?? DEFAULT_SEGMENT_TABLE).map((r) => r.name), config.rfm.unmatchedSegment];
  config.audiences.segments.forEach((segment, i) => {
    if (known.includes(segment)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['audiences', 'segments', i],
      message: `'${segment}' is not a segment (segments: ${known.join(', ')})`,
    });
  });
}
