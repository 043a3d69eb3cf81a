-- One row per mapped leads-export row: typed canonical columns and, for a row that cannot be
-- used, the reason it is quarantined. E-mails are trimmed and lower-cased; their validity and
-- free-mail provider are recognised here so every engine agrees.
-- Dates as in orders_checked.sql (offsets converted to time_zone).
-- Input: leads_mapped. Parameters: as_of, time_zone, free_mail_domains (domain), status_map (status, canonical).
WITH typed AS (
  SELECT
    m._source_row,
    NULLIF(trim(CAST(m.lead_id AS VARCHAR)), '') AS lead_id,
    lower(NULLIF(trim(CAST(m.email AS VARCHAR)), '')) AS email,
    NULLIF(trim(CAST(m.created_at AS VARCHAR)), '') AS created_at_text,
    CASE WHEN regexp_like(trim(CAST(m.created_at AS VARCHAR)), '(Z|[+-][0-9][0-9]:?[0-9][0-9]|:[0-9][0-9](\.[0-9]*)?[+-][0-9][0-9])$')
      THEN CAST(at_timezone(try(from_iso8601_timestamp(trim(CAST(m.created_at AS VARCHAR)))), {{time_zone}}) AS DATE)
      ELSE CAST(TRY_CAST(NULLIF(trim(CAST(m.created_at AS VARCHAR)), '') AS TIMESTAMP) AS DATE)
    END AS created_at,
    NULLIF(trim(CAST(m.company AS VARCHAR)), '') AS company,
    lower(NULLIF(trim(CAST(m.domain AS VARCHAR)), '')) AS domain,
    NULLIF(trim(CAST(m.industry AS VARCHAR)), '') AS industry,
    TRY_CAST(NULLIF(trim(CAST(m.company_size AS VARCHAR)), '') AS DOUBLE) AS company_size,
    TRY_CAST(NULLIF(trim(CAST(m.annual_revenue AS VARCHAR)), '') AS DOUBLE) AS annual_revenue,
    TRY_CAST(NULLIF(trim(CAST(m.budget AS VARCHAR)), '') AS DOUBLE) AS budget,
    NULLIF(trim(CAST(m.country AS VARCHAR)), '') AS country,
    NULLIF(trim(CAST(m.region AS VARCHAR)), '') AS region,
    NULLIF(trim(CAST(m.title AS VARCHAR)), '') AS title,
    NULLIF(trim(CAST(m.source AS VARCHAR)), '') AS source,
    NULLIF(trim(CAST(m.owner AS VARCHAR)), '') AS owner,
    lower(NULLIF(trim(CAST(m.status AS VARCHAR)), '')) AS status_text,
    CASE WHEN regexp_like(trim(CAST(m.last_activity_at AS VARCHAR)), '(Z|[+-][0-9][0-9]:?[0-9][0-9]|:[0-9][0-9](\.[0-9]*)?[+-][0-9][0-9])$')
      THEN CAST(at_timezone(try(from_iso8601_timestamp(trim(CAST(m.last_activity_at AS VARCHAR)))), {{time_zone}}) AS DATE)
      ELSE CAST(TRY_CAST(NULLIF(trim(CAST(m.last_activity_at AS VARCHAR)), '') AS TIMESTAMP) AS DATE)
    END AS last_activity_at
  FROM leads_mapped AS m
)
SELECT
  t._source_row,
  t.lead_id,
  t.email,
  t.email IS NOT NULL AND regexp_like(t.email, '^[^@ ]+@[^@ ]+[.][^@ ]+$') AS email_valid,
  CASE WHEN strpos(coalesce(t.email, ''), '@') > 0 THEN split_part(t.email, '@', 2) END AS email_domain,
  fm.domain IS NOT NULL AS free_mail,
  t.created_at,
  t.company,
  t.domain,
  t.industry,
  t.company_size,
  t.annual_revenue,
  t.budget,
  t.country,
  t.region,
  t.title,
  t.source,
  t.owner,
  coalesce(sm.canonical, 'open') AS status,
  t.last_activity_at,
  CASE
    WHEN t.lead_id IS NULL THEN 'missing lead_id'
    WHEN t.created_at_text IS NULL THEN 'missing created_at'
    WHEN t.created_at IS NULL THEN 'unparseable created_at'
    WHEN t.created_at > {{as_of}} THEN 'created_at after as_of'
  END AS reject_reason
FROM typed AS t
LEFT JOIN {{free_mail_domains}} AS fm
  ON fm.domain = CASE WHEN strpos(coalesce(t.email, ''), '@') > 0 THEN split_part(t.email, '@', 2) END
LEFT JOIN {{status_map}} AS sm ON sm.status = t.status_text
