-- Per customer with at least one purchase: RFM inputs (recency in days before as_of, number of
-- distinct purchase orders, net revenue) and the customer's main country, channel and category
-- (most orders; ties to the latest, then alphabetical, so the result is deterministic).
-- Input: orders. Parameters: as_of.
WITH per_customer AS (
  SELECT
    customer_id,
    date_diff('day', max(CASE WHEN kind = 'purchase' THEN order_date END), {{as_of}}) AS recency_days,
    count_if(kind = 'purchase') AS frequency,
    sum(revenue) AS monetary,
    min(CASE WHEN kind = 'purchase' THEN order_date END) AS first_order_date,
    max(CASE WHEN kind = 'purchase' THEN order_date END) AS last_order_date,
    count_if(kind = 'return') AS returns,
    max(email) AS email
  FROM orders
  GROUP BY customer_id
  HAVING count_if(kind = 'purchase') > 0
),
counted AS (
  SELECT customer_id, 'country' AS dimension, country AS value, count(*) AS n, max(order_date) AS latest
  FROM orders WHERE kind = 'purchase' AND country IS NOT NULL GROUP BY customer_id, country
  UNION ALL
  SELECT customer_id, 'channel', channel, count(*), max(order_date)
  FROM orders WHERE kind = 'purchase' AND channel IS NOT NULL GROUP BY customer_id, channel
  UNION ALL
  SELECT customer_id, 'product_category', product_category, count(*), max(order_date)
  FROM orders WHERE kind = 'purchase' AND product_category IS NOT NULL GROUP BY customer_id, product_category
),
ranked AS (
  SELECT
    customer_id, dimension, value,
    row_number() OVER (PARTITION BY customer_id, dimension ORDER BY n DESC, latest DESC, value) AS rank_in_customer
  FROM counted
),
main_values AS (
  SELECT
    customer_id,
    max(CASE WHEN dimension = 'country' THEN value END) AS country,
    max(CASE WHEN dimension = 'channel' THEN value END) AS channel,
    max(CASE WHEN dimension = 'product_category' THEN value END) AS product_category
  FROM ranked
  WHERE rank_in_customer = 1
  GROUP BY customer_id
)
SELECT
  p.customer_id,
  p.recency_days,
  p.frequency,
  p.monetary,
  p.first_order_date,
  p.last_order_date,
  p.returns,
  p.email,
  mv.country,
  mv.channel,
  mv.product_category
FROM per_customer AS p
LEFT JOIN main_values AS mv ON mv.customer_id = p.customer_id
