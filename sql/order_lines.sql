-- Usable order lines (sql/orders_checked.sql classifies them), each with its order's key.
-- Input: orders_checked. Rows without an order id are orders of their own (a fresh key each).
SELECT
  customer_id,
  coalesce(order_id, 'row-' || CAST(uuid() AS VARCHAR)) AS order_key,
  order_date,
  email,
  channel,
  product_category,
  country,
  line_kind,
  revenue,
  discount
FROM orders_checked
WHERE reject_reason IS NULL
