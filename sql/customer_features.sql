-- Per customer with at least one purchase: RFM inputs (recency in days before as_of, number of
-- distinct purchase orders, net revenue), the customer's main country, channel and category
-- (most orders; ties to the latest, then alphabetical, so the result is deterministic), and the
-- behavioural features the benefit segments are built on:
--   discount_revenue_share   revenue of purchase orders with a discount (discount > 0) / revenue
--                            of all purchase orders, each order counted at max(revenue, 0). Over
--                            purchases, not net revenue: a return is not bought on or off
--                            discount, and dividing by net revenue would exceed 1 after returns.
--                            NULL when no purchase order has a known discount (none mapped) or
--                            the purchase revenue is 0.
--   favourite_category       category with the most net revenue, from the order lines
--                            (customer_categories); only categories with revenue > 0; ties to the
--                            latest purchase, then alphabetical. NULL without such a category.
--   favourite_category_share its revenue / the revenue of all categories with revenue > 0.
--   category_count           distinct categories with at least one purchase line.
--   avg_basket               net revenue / purchase orders (monetary / frequency).
--   mean_days_between_orders days from first to last purchase / (purchase orders - 1): the mean
--                            gap between consecutive purchase orders; NULL for one purchase.
-- discounted_revenue and purchase_revenue (the share's parts) are kept so totals per segment
-- can be weighted by revenue. The main channel is `channel`.
-- Input: orders, customer_categories. Parameters: as_of.
WITH per_customer AS (
  SELECT
    customer_id,
    date_diff('day', max(CASE WHEN kind = 'purchase' THEN order_date END), {{as_of}}) AS recency_days,
    count_if(kind = 'purchase') AS frequency,
    sum(revenue) AS monetary,
    min(CASE WHEN kind = 'purchase' THEN order_date END) AS first_order_date,
    max(CASE WHEN kind = 'purchase' THEN order_date END) AS last_order_date,
    count_if(kind = 'return') AS returns,
    max(email) AS email,
    coalesce(sum(CASE WHEN kind = 'purchase' AND revenue > 0 THEN revenue END), CAST(0 AS DOUBLE)) AS purchase_revenue,
    coalesce(sum(CASE WHEN kind = 'purchase' AND revenue > 0 AND discount > 0 THEN revenue END), CAST(0 AS DOUBLE)) AS discounted_revenue,
    count_if(kind = 'purchase' AND discount IS NOT NULL) AS orders_with_known_discount
  FROM orders
  GROUP BY customer_id
  HAVING count_if(kind = 'purchase') > 0
),
counted AS (
  SELECT customer_id, 'country' AS dimension, country AS value, CAST(count(*) AS DOUBLE) AS n, max(order_date) AS latest
  FROM orders WHERE kind = 'purchase' AND country IS NOT NULL GROUP BY customer_id, country
  UNION ALL
  SELECT customer_id, 'channel', channel, CAST(count(*) AS DOUBLE), max(order_date)
  FROM orders WHERE kind = 'purchase' AND channel IS NOT NULL GROUP BY customer_id, channel
  UNION ALL
  SELECT customer_id, 'product_category', product_category, CAST(count(*) AS DOUBLE), max(order_date)
  FROM orders WHERE kind = 'purchase' AND product_category IS NOT NULL GROUP BY customer_id, product_category
  UNION ALL
  SELECT customer_id, 'favourite_category', product_category, revenue, last_purchase_date
  FROM customer_categories WHERE revenue > 0
),
ranked AS (
  SELECT
    customer_id, dimension, value, n,
    row_number() OVER (PARTITION BY customer_id, dimension ORDER BY n DESC, latest DESC, value) AS rank_in_customer
  FROM counted
),
main_values AS (
  SELECT
    customer_id,
    max(CASE WHEN dimension = 'country' THEN value END) AS country,
    max(CASE WHEN dimension = 'channel' THEN value END) AS channel,
    max(CASE WHEN dimension = 'product_category' THEN value END) AS product_category,
    max(CASE WHEN dimension = 'favourite_category' THEN value END) AS favourite_category,
    max(CASE WHEN dimension = 'favourite_category' THEN n END) AS favourite_category_revenue
  FROM ranked
  WHERE rank_in_customer = 1
  GROUP BY customer_id
),
category_totals AS (
  SELECT
    customer_id,
    count_if(purchase_lines > 0) AS category_count,
    sum(CASE WHEN revenue > 0 THEN revenue END) AS category_revenue
  FROM customer_categories
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
  mv.product_category,
  CASE
    WHEN p.orders_with_known_discount = 0 OR p.purchase_revenue <= 0 THEN CAST(NULL AS DOUBLE)
    ELSE p.discounted_revenue / p.purchase_revenue
  END AS discount_revenue_share,
  mv.favourite_category,
  mv.favourite_category_revenue / ct.category_revenue AS favourite_category_share,
  coalesce(ct.category_count, 0) AS category_count,
  p.monetary / p.frequency AS avg_basket,
  CASE
    WHEN p.frequency > 1 THEN CAST(date_diff('day', p.first_order_date, p.last_order_date) AS DOUBLE) / (p.frequency - 1)
  END AS mean_days_between_orders,
  CASE WHEN p.orders_with_known_discount = 0 THEN CAST(NULL AS DOUBLE) ELSE p.discounted_revenue END AS discounted_revenue,
  p.purchase_revenue
FROM per_customer AS p
LEFT JOIN main_values AS mv ON mv.customer_id = p.customer_id
LEFT JOIN category_totals AS ct ON ct.customer_id = p.customer_id
