import type { RfmConfig } from '../config/configSchema.ts';
import type { QueryEngine } from '../query-engine/QueryEngine.ts';
import { loadSql } from '../query-engine/sqlCatalog.ts';
import { renderSql, valuesRelation } from '../query-engine/sqlTemplate.ts';
import { binSpecFor, cutsFromQuantiles, quantileProbabilities, RFM_DIMENSIONS, type RfmDimension } from './rfmBins.ts';

/** Cut points per dimension (increasing); `n` cuts make `n + 1` scores. */
export type RfmCuts = Readonly<Record<RfmDimension, readonly number[]>>;

/** Feature column holding each dimension's value. */
export const RFM_COLUMNS: Readonly<Record<RfmDimension, string>> = {
  recency: 'recency_days',
  frequency: 'frequency',
  monetary: 'monetary',
};

/**
 * Cut points for each dimension: explicit ones from the config, or exact type-7 quantiles
 * computed by the engine (`sql/quantile_thresholds.sql`) and shifted as the R package does.
 *
 * @example
 * ```ts
 * const cuts = await computeRfmCuts(engine, 'customer_features', config.rfm);
 * ```
 */
export async function computeRfmCuts(engine: QueryEngine, relation: string, config: RfmConfig): Promise<RfmCuts> {
  const cuts: Partial<Record<RfmDimension, readonly number[]>> = {};
  // One at a time: an engine connection runs one query at once.
  for (const dimension of RFM_DIMENSIONS) {
    const spec = binSpecFor(config, dimension);
    if (typeof spec !== 'number') {
      cuts[dimension] = [...spec];
      continue;
    }
    const probs = quantileProbabilities(spec);
    const rows = await engine.query(
      renderSql(loadSql('quantile_thresholds'), {
        relation: { sql: relation },
        metric: { sql: RFM_COLUMNS[dimension] },
        probs: { sql: valuesRelation(['k', 'p'], ['BIGINT', 'DOUBLE'], probs.map((p, i) => [i + 1, p])) },
      }),
    );
    cuts[dimension] = cutsFromQuantiles(rows.map((row) => Number(row['quantile'])));
  }
  return cuts as RfmCuts;
}
