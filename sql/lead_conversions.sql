-- Conversion label per lead: converted when its status says so, or when a buyer with the same
-- e-mail (case-insensitive) — or, with match_by_domain = 1, a buyer from the lead's company
-- domain (never a free-mail one) — made a first purchase within window_days after the lead was
-- created. Not converted once the window has passed; unknown (NULL) while it is still open.
-- Input: leads, orders. Parameters: as_of, window_days, match_by_domain (1 or 0).
WITH buyers AS (
  SELECT lower(email) AS email, min(order_date) AS first_order
  FROM orders
  WHERE kind = 'purchase' AND email IS NOT NULL
  GROUP BY lower(email)
),
buyer_domains AS (
  SELECT split_part(email, '@', 2) AS domain, min(first_order) AS first_order
  FROM buyers
  WHERE strpos(email, '@') > 0
  GROUP BY split_part(email, '@', 2)
),
matched AS (
  SELECT
    l.lead_id,
    l.status,
    l.created_at,
    CASE
      WHEN date_diff('day', l.created_at, b.first_order) BETWEEN 0 AND {{window_days}} THEN b.first_order
      WHEN {{match_by_domain}} = 1 AND NOT l.free_mail
        AND date_diff('day', l.created_at, d.first_order) BETWEEN 0 AND {{window_days}} THEN d.first_order
    END AS bought_at
  FROM leads AS l
  LEFT JOIN buyers AS b ON b.email = l.email
  LEFT JOIN buyer_domains AS d ON d.domain = coalesce(l.domain, l.email_domain)
)
SELECT
  lead_id,
  CASE
    WHEN bought_at IS NOT NULL OR status = 'converted' THEN true
    WHEN date_diff('day', created_at, {{as_of}}) > {{window_days}} THEN false
  END AS converted,
  bought_at AS converted_at
FROM matched
