-- Net revenue per customer and product category, from the order lines: one order can hold lines
-- of several categories, which sql/orders.sql merges into one order row. Revenue is net as in
-- orders (returns negative, cancellations zero); purchase_lines counts the lines bought, and
-- last_purchase_date breaks ties between categories. Lines without a category are left out.
-- Input: order_lines (sql/order_lines.sql).
SELECT
  customer_id,
  product_category,
  sum(revenue) AS revenue,
  count_if(line_kind = 'purchase') AS purchase_lines,
  max(CASE WHEN line_kind = 'purchase' THEN order_date END) AS last_purchase_date
FROM order_lines
WHERE product_category IS NOT NULL
GROUP BY customer_id, product_category
