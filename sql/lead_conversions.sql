-- Conversion label per lead: converted when its status says so, or when a buyer with the same
-- e-mail (case-insensitive) made a first purchase within window_days after the lead was
-- created. Not converted once the window has passed; unknown (NULL) while it is still open.
-- Input: leads, orders. Parameters: as_of, window_days.
WITH buyers AS (
  SELECT lower(email) AS email, min(order_date) AS first_order
  FROM orders
  WHERE kind = 'purchase' AND email IS NOT NULL
  GROUP BY lower(email)
),
matched AS (
  SELECT
    l.lead_id,
    l.status,
    l.created_at,
    CASE
      WHEN date_diff('day', l.created_at, b.first_order) BETWEEN 0 AND {{window_days}} THEN b.first_order
    END AS bought_at
  FROM leads AS l
  LEFT JOIN buyers AS b ON b.email = l.email
)
SELECT
  lead_id,
  CASE
    WHEN bought_at IS NOT NULL OR status = 'converted' THEN true
    WHEN date_diff('day', created_at, {{as_of}}) > {{window_days}} THEN false
  END AS converted,
  bought_at AS converted_at
FROM matched
