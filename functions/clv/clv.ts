/**
 * Customer lifetime value in the Fader-Hardie-Lee (2005 JMR) form: margin times expected spend
 * per transaction times discounted expected residual transactions.
 */

export interface ClvInputs {
  /** Gross margin as a fraction of revenue (0.3 = 30 %); 1 gives discounted revenue. */
  readonly margin: number;
  /** Expected average spend per future transaction (Gamma-Gamma). */
  readonly expectedAverageSpend: number;
  /** Discounted expected residual transactions (DERT) over the chosen horizon. */
  readonly discountedExpectedTransactions: number;
}

/**
 * CLV = margin x expected average spend x DERT.
 *
 * @example
 * ```ts
 * clv({ margin: 0.3, expectedAverageSpend: 24.66, discountedExpectedTransactions: 6.48 }); // 47.94
 * ```
 */
export function clv(inputs: ClvInputs): number {
  return inputs.margin * inputs.expectedAverageSpend * inputs.discountedExpectedTransactions;
}
