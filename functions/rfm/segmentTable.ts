import type { RfmConfig, SegmentRule } from '../config/configSchema.ts';
import { UserError } from '../runtime/UserError.ts';
import { DEFAULT_SEGMENT_TABLE } from './defaultSegmentTable.ts';
import { binCount, binSpecFor, RFM_DIMENSIONS } from './rfmBins.ts';

/**
 * The segment table in force: the configured one, or the built-in table, which is written for
 * 1–5 scores and so needs five bins on every dimension.
 */
export function segmentTableFor(config: RfmConfig): readonly SegmentRule[] {
  if (config.segments) return config.segments;
  const notFive = RFM_DIMENSIONS.filter((d) => binCount(binSpecFor(config, d)) !== 5);
  if (notFive.length > 0) {
    throw new UserError(
      `rfm.segments: the built-in segment table is for 5 scores per dimension, but ${notFive.join(', ')} ` +
        `has another bin count; give your own rfm.segments table`,
    );
  }
  return DEFAULT_SEGMENT_TABLE;
}
