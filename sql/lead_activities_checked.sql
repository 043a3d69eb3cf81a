-- One row per mapped activity row, typed, with the reason when it cannot be used.
-- Input: lead_activities_mapped (_row_key, no row numbers), leads. Parameters: as_of, time_zone (offsets converted to it).
WITH typed AS (
  SELECT
    m._row_key,
    NULLIF(trim(CAST(m.lead_id AS VARCHAR)), '') AS lead_id,
    lower(replace(trim(CAST(m.activity_type AS VARCHAR)), ' ', '_')) AS activity_type,
    NULLIF(trim(CAST(m.occurred_at AS VARCHAR)), '') AS occurred_at_text,
    CASE WHEN regexp_like(trim(CAST(m.occurred_at AS VARCHAR)), '(Z|[+-][0-9][0-9]:?[0-9][0-9]|:[0-9][0-9](\.[0-9]*)?[+-][0-9][0-9])$')
      THEN CAST(at_timezone(try(from_iso8601_timestamp(trim(CAST(m.occurred_at AS VARCHAR)))), {{time_zone}}) AS DATE)
      ELSE CAST(TRY_CAST(NULLIF(trim(CAST(m.occurred_at AS VARCHAR)), '') AS TIMESTAMP) AS DATE)
    END AS occurred_at
  FROM lead_activities_mapped AS m
)
SELECT
  t._row_key,
  t.lead_id,
  t.activity_type,
  t.occurred_at,
  CASE
    WHEN t.lead_id IS NULL THEN 'missing lead_id'
    WHEN t.activity_type IS NULL OR t.activity_type = '' THEN 'missing activity_type'
    WHEN t.occurred_at_text IS NULL THEN 'missing occurred_at'
    WHEN t.occurred_at IS NULL THEN 'unparseable occurred_at'
    WHEN t.occurred_at > {{as_of}} THEN 'occurred_at after as_of'
    WHEN l.lead_id IS NULL THEN 'unknown lead_id'
  END AS reject_reason
FROM typed AS t
LEFT JOIN leads AS l ON l.lead_id = t.lead_id
