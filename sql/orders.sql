-- Canonical orders: one row per (customer, order id), lines of one order merged, amounts in the
-- reporting currency. Returns count as negative revenue and cancellations as zero, so revenue is
-- net; an order's kind is purchase when any line is a purchase.
-- Input: orders_checked. Rows without an order id are orders of their own.
WITH lines AS (
  SELECT
    customer_id,
    coalesce(order_id, 'row-' || CAST(_source_row AS VARCHAR)) AS order_key,
    order_date,
    email,
    channel,
    product_category,
    country,
    CASE
      WHEN status_effect = 'cancelled' THEN 'cancelled'
      WHEN is_return OR status_effect = 'returned' OR amount < 0 THEN 'return'
      ELSE 'purchase'
    END AS line_kind,
    amount * fx_rate AS amount,
    coalesce(discount, CAST(0 AS DOUBLE)) * fx_rate AS discount
  FROM orders_checked
  WHERE reject_reason IS NULL
)
SELECT
  customer_id,
  order_key,
  min(order_date) AS order_date,
  sum(
    CASE line_kind
      WHEN 'cancelled' THEN CAST(0 AS DOUBLE)
      WHEN 'return' THEN -abs(amount)
      ELSE amount
    END
  ) AS revenue,
  sum(CASE WHEN line_kind = 'purchase' THEN discount ELSE CAST(0 AS DOUBLE) END) AS discount,
  CASE
    WHEN count_if(line_kind = 'purchase') > 0 THEN 'purchase'
    WHEN count_if(line_kind = 'return') > 0 THEN 'return'
    ELSE 'cancelled'
  END AS kind,
  max(email) AS email,
  max(channel) AS channel,
  max(product_category) AS product_category,
  max(country) AS country,
  count(*) AS lines
FROM lines
GROUP BY customer_id, order_key
