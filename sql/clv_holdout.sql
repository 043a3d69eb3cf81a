-- Purchase days per customer in the holdout period (calibration_end, holdout_end]: every
-- purchase day counts (no "-1": the first purchase is in the calibration period).
-- Input: orders. Parameters: calibration_end, holdout_end.
SELECT customer_id, count(DISTINCT order_date) AS holdout_purchases
FROM orders
WHERE kind = 'purchase' AND order_date > {{calibration_end}} AND order_date <= {{holdout_end}}
GROUP BY customer_id
