-- One row per lead id: when an id repeats, the row with the latest activity wins, then the
-- later row in the file (exports append updates).
-- Input: leads_checked.
WITH ranked AS (
  SELECT
    *,
    row_number() OVER (
      PARTITION BY lead_id
      ORDER BY last_activity_at DESC NULLS LAST, _source_row DESC
    ) AS rank_in_lead
  FROM leads_checked
  WHERE reject_reason IS NULL
)
SELECT
  _source_row, lead_id, email, email_valid, email_domain, free_mail, created_at, company, domain,
  industry, company_size, annual_revenue, budget, country, region, title, source, owner, status,
  last_activity_at
FROM ranked
WHERE rank_in_lead = 1
