-- Per lead and activity type: events, events weighted by exponential decay with the given
-- half-life (an event half_life_days old counts 0.5), and the latest date. Only activity inside
-- the conversion window counts, and none after a lead converted: old leads are then described
-- as young ones are, and the conversion model does not learn from what followed a purchase.
-- Input: lead_activities_checked, lead_conversions, leads. Parameters: as_of, half_life_days, window_days.
SELECT
  a.lead_id,
  a.activity_type,
  count(*) AS events,
  sum(power(CAST(0.5 AS DOUBLE), CAST(date_diff('day', a.occurred_at, {{as_of}}) AS DOUBLE) / {{half_life_days}})) AS decayed_events,
  max(a.occurred_at) AS last_at
FROM lead_activities_checked AS a
JOIN leads AS l ON l.lead_id = a.lead_id
LEFT JOIN lead_conversions AS c ON c.lead_id = a.lead_id
WHERE a.reject_reason IS NULL
  AND (c.converted_at IS NULL OR a.occurred_at <= c.converted_at)
  AND date_diff('day', l.created_at, a.occurred_at) <= {{window_days}}
GROUP BY a.lead_id, a.activity_type
