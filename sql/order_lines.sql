-- Usable order lines, each classified once (so orders and per-category revenue agree): kind
-- cancelled (revenue 0), return (is_return, a returned status or a negative amount: minus the
-- amount) or purchase, with revenue and discount in the reporting currency. A discount the
-- export does not give stays NULL (unknown), not 0 (no discount).
-- Input: orders_checked. Rows without an order id are orders of their own (a fresh key each).
SELECT
  customer_id,
  order_key,
  order_date,
  email,
  channel,
  product_category,
  country,
  line_kind,
  CASE line_kind
    WHEN 'cancelled' THEN CAST(0 AS DOUBLE)
    WHEN 'return' THEN -abs(amount)
    ELSE amount
  END AS revenue,
  discount
FROM (
  SELECT
    customer_id,
    coalesce(order_id, 'row-' || CAST(uuid() AS VARCHAR)) AS order_key,
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
    discount * fx_rate AS discount
  FROM orders_checked
  WHERE reject_reason IS NULL
) AS classified
