-- Exact quantiles of one metric, R's type 7 (linear interpolation between order statistics), as
-- the R package `rfm` uses for its bins. Trino has only approx_percentile, so the quantile is
-- computed from row numbers; it is exact and identical on both engines.
-- Parameters: relation, metric (a column of relation), probs (k, p).
WITH ordered AS (
  SELECT
    CAST({{metric}} AS DOUBLE) AS x,
    row_number() OVER (ORDER BY {{metric}}) - 1 AS i
  FROM {{relation}}
  WHERE {{metric}} IS NOT NULL
),
positions AS (
  SELECT pr.k, pr.p, (CAST(c.n AS DOUBLE) - 1) * pr.p AS h
  FROM {{probs}} AS pr
  CROSS JOIN (SELECT count(*) AS n FROM ordered) AS c
),
neighbours AS (
  SELECT
    ps.k,
    ps.p,
    ps.h,
    min(CASE WHEN o.i = floor(ps.h) THEN o.x END) AS below,
    min(CASE WHEN o.i = floor(ps.h) + 1 THEN o.x END) AS above
  FROM positions AS ps
  JOIN ordered AS o ON o.i = floor(ps.h) OR o.i = floor(ps.h) + 1
  GROUP BY ps.k, ps.p, ps.h
)
SELECT
  k,
  p,
  below + (h - floor(h)) * (coalesce(above, below) - below) AS quantile
FROM neighbours
ORDER BY k
