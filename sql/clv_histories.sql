-- Per customer, the purchase history the BTYD models fit on (lifetimes/BTYD definitions,
-- research clv.md §3): purchases on the same day are merged into one purchase day;
--   x        = purchase days - 1 (repeat purchases)
--   t_x      = time from the first to the last purchase day
--   T        = time from the first purchase day to the end of the period
--   monetary = mean value of the repeat purchase days (the first day excluded; 0 when x = 0)
-- in units of {{unit_days}} days. Only purchases on or before {{end_date}} count.
-- Input: orders. Parameters: end_date, unit_days.
WITH purchase_days AS (
  SELECT customer_id, order_date AS day, sum(revenue) AS value
  FROM orders
  WHERE kind = 'purchase' AND order_date <= {{end_date}}
  GROUP BY customer_id, order_date
),
first_days AS (
  SELECT customer_id, min(day) AS first_day
  FROM purchase_days
  GROUP BY customer_id
)
SELECT
  d.customer_id,
  count(*) - 1 AS x,
  CAST(date_diff('day', f.first_day, max(d.day)) AS DOUBLE) / {{unit_days}} AS t_x,
  CAST(date_diff('day', f.first_day, {{end_date}}) AS DOUBLE) / {{unit_days}} AS t_cal,
  coalesce(avg(CASE WHEN d.day > f.first_day THEN d.value END), CAST(0 AS DOUBLE)) AS monetary
FROM purchase_days AS d
JOIN first_days AS f ON f.customer_id = d.customer_id
GROUP BY d.customer_id, f.first_day
