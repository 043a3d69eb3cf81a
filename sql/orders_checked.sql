-- One row per mapped export row: the order line typed and classified (so orders and
-- per-category revenue agree) and, for a row that cannot be used, the reason it is quarantined
-- (first failing check wins, so every row has one reason). line_kind is cancelled (revenue 0),
-- return (is_return, a returned status or a negative amount: minus the amount) or purchase;
-- revenue and discount are in the reporting currency. A discount the export does not give
-- stays NULL (unknown), not 0 (no discount).
-- Input: orders_mapped (_row_key and all canonical columns, values as text or as the mapping's
-- type; no row numbers, so the engine checks the rows in parallel).
-- Dates: a timestamp with an offset (Z, +02:00, +0200, or +00 right after the seconds, as a
-- Parquet TIMESTAMP WITH TIME ZONE reads as text) is converted to the source's time_zone; one
-- without is already that zone's wall-clock time.
-- Parameters: time_zone, as_of, reporting_currency, fx_rate (the rate of column currency, NULL
-- when none is configured) and status_effect (of column status, lower case: cancelled, returned
-- or NULL); both CASE lookups, not joins, so a line costs no hash probe.
WITH typed AS (
  SELECT
    m._row_key,
    NULLIF(trim(CAST(m.customer_id AS VARCHAR)), '') AS customer_id,
    NULLIF(trim(CAST(m.order_id AS VARCHAR)), '') AS order_id,
    lower(NULLIF(trim(CAST(m.email AS VARCHAR)), '')) AS email,
    NULLIF(trim(CAST(m.order_date AS VARCHAR)), '') AS order_date_text,
    CASE WHEN regexp_like(trim(CAST(m.order_date AS VARCHAR)), '(Z|[+-][0-9][0-9]:?[0-9][0-9]|:[0-9][0-9](\.[0-9]*)?[+-][0-9][0-9])$')
      THEN CAST(at_timezone(try(from_iso8601_timestamp(trim(CAST(m.order_date AS VARCHAR)))), {{time_zone}}) AS DATE)
      ELSE CAST(TRY_CAST(NULLIF(trim(CAST(m.order_date AS VARCHAR)), '') AS TIMESTAMP) AS DATE)
    END AS order_date,
    TRY_CAST(NULLIF(trim(CAST(m.amount AS VARCHAR)), '') AS DOUBLE) AS amount,
    TRY_CAST(NULLIF(trim(CAST(m.quantity AS VARCHAR)), '') AS DOUBLE) AS quantity,
    TRY_CAST(NULLIF(trim(CAST(m.discount AS VARCHAR)), '') AS DOUBLE) AS discount,
    upper(NULLIF(trim(CAST(m.currency AS VARCHAR)), '')) AS currency,
    lower(NULLIF(trim(CAST(m.status AS VARCHAR)), '')) AS status,
    coalesce(lower(trim(CAST(m.is_return AS VARCHAR))) IN ('true', 't', '1', 'yes', 'y'), false) AS is_return,
    NULLIF(trim(CAST(m.channel AS VARCHAR)), '') AS channel,
    NULLIF(trim(CAST(m.product_category AS VARCHAR)), '') AS product_category,
    NULLIF(trim(CAST(m.country AS VARCHAR)), '') AS country
  FROM orders_mapped AS m
), looked_up AS (
  SELECT
    t.*,
    {{fx_rate}} AS listed_rate,
    {{status_effect}} AS status_effect
  FROM typed AS t
), checked AS (
  SELECT
    t.*,
    CASE WHEN t.currency IS NULL OR t.currency = {{reporting_currency}} THEN CAST(1 AS DOUBLE) ELSE t.listed_rate END AS fx_rate,
    CASE
      WHEN t.status_effect = 'cancelled' THEN 'cancelled'
      WHEN t.is_return OR t.status_effect = 'returned' OR t.amount < 0 THEN 'return'
      ELSE 'purchase'
    END AS line_kind,
    CASE
      WHEN t.customer_id IS NULL THEN 'missing customer_id'
      WHEN t.order_date_text IS NULL THEN 'missing order_date'
      WHEN t.order_date IS NULL THEN 'unparseable order_date'
      WHEN t.amount IS NULL OR NOT is_finite(t.amount) THEN 'amount not a number'
      WHEN t.order_date > {{as_of}} THEN 'order_date after as_of'
      WHEN t.currency IS NOT NULL AND t.currency <> {{reporting_currency}} AND t.listed_rate IS NULL
        THEN 'currency ' || t.currency || ' not reporting currency'
    END AS reject_reason
  FROM looked_up AS t
)
-- Only what later steps read is kept: this relation holds every row of the export.
SELECT
  _row_key,
  reject_reason,
  customer_id,
  order_id,
  order_date,
  email,
  channel,
  product_category,
  country,
  line_kind,
  CASE line_kind
    WHEN 'cancelled' THEN CAST(0 AS DOUBLE)
    WHEN 'return' THEN -abs(amount * fx_rate)
    ELSE amount * fx_rate
  END AS revenue,
  discount * fx_rate AS discount
FROM checked
