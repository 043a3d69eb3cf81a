/**
 * The exact reason strings of the deliberately bad rows, per file. Each bad row is bad for
 * exactly one of these reasons, so the counts in the truth are exact; a pipeline that
 * quarantines rows is expected to report the same strings.
 *
 * @example
 * ```ts
 * const counts = zeroCounts(ORDER_BAD_ROW_REASONS); // { 'missing customer_id': 0, ... }
 * ```
 */
export const ORDER_BAD_ROW_REASONS = [
  'missing customer_id',
  'unparseable order_date',
  'amount not a number',
  'order_date after as_of',
  'currency GBP not reporting currency',
] as const;
export type OrderBadRowReason = (typeof ORDER_BAD_ROW_REASONS)[number];

export const ACTIVITY_BAD_ROW_REASONS = [
  'unknown lead_id',
  'occurred_at after as_of',
  'unparseable occurred_at',
] as const;
export type ActivityBadRowReason = (typeof ACTIVITY_BAD_ROW_REASONS)[number];

/**
 * A count of 0 for each reason, in the reasons' order.
 * @example zeroCounts(ACTIVITY_BAD_ROW_REASONS)['unknown lead_id']; // 0
 */
export function zeroCounts<R extends string>(reasons: readonly R[]): Record<R, number> {
  const counts = {} as Record<R, number>;
  for (const reason of reasons) counts[reason] = 0;
  return counts;
}

/** Unparseable order dates and activity times: wrong format, impossible day or month, words. */
export const UNPARSEABLE_TIMESTAMPS: readonly string[] = [
  '31/02/2024',
  'not a date',
  '2024-13-01 10:00:00',
  '2023-02-30 08:15:00',
  '2024-06-31',
  'yesterday',
  '2024-04-05 25:61:00',
];

/** Values of unit_price that are not numbers (the second needs CSV quoting). */
export const NON_NUMERIC_PRICES: readonly string[] = ['N/A', '12,3x', 'abc', '--'];
