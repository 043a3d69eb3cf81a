-- Canonical orders: one row per (customer, order id), lines of one order merged, amounts in the
-- reporting currency. Returns count as negative revenue and cancellations as zero, so revenue is
-- net; an order's kind is purchase when any line is a purchase. discount sums the purchase
-- lines' discounts, NULL when the export gives none for them.
-- Input: order_lines (sql/order_lines.sql).
SELECT
  customer_id,
  order_key,
  min(order_date) AS order_date,
  sum(revenue) AS revenue,
  sum(CASE WHEN line_kind = 'purchase' THEN discount END) AS discount,
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
FROM order_lines
GROUP BY customer_id, order_key
