/**
 * The known process behind `orders.csv`, recorded in the truth so CLV fits can be checked
 * against it. Purchases follow BG/NBD (Fader, Hardie & Lee 2005) in weeks; each order's value
 * follows Gamma-Gamma (spend per order ~ Gamma(p, ν), ν ~ Gamma(q, v)) in US dollars.
 *
 * @example
 * ```ts
 * import { CUSTOMER_MODEL } from './customerModel.ts';
 * const { p, q, v } = CUSTOMER_MODEL.gammaGamma;
 * p * v / (q - 1); // 80: the population mean order value in USD
 * ```
 */
export const CUSTOMER_MODEL = {
  /**
   * BG/NBD: purchase rate λ ~ Gamma(shape r, rate α) per week; after each repeat purchase the
   * customer drops out with probability p ~ Beta(a, b). These parameters give about 4.4 orders
   * per customer over the 3-year history, i.e. about 9 order rows per customer.
   */
  bgnbd: { r: 0.5, alpha: 4, a: 0.8, b: 2.5, timeUnit: 'week' },
  /** Gamma-Gamma, scaled so that the mean order value p·v/(q−1) is 80 USD. */
  gammaGamma: { p: 6, q: 4, v: 40 },
  /** Reporting currency; EUR amounts are the USD value divided by this rate. */
  reportingCurrency: 'USD',
  eurToUsd: 1.08,
  /** Share of customers in a euro country who pay in EUR (about 5% of orders overall). */
  euroCountryEurShare: 0.4,
  /** Line count of an order: 1, 2 or 3 with these probabilities. */
  linesPerOrder: [0.4, 0.3, 0.3],
  /** Share of customers who are discount-driven. */
  discountDrivenShare: 0.2,
  /**
   * Share of customers who are category specialists: every line they buy is in their preferred
   * category. Drawn from a random stream of its own, so everything else in the files is the same
   * as without them; `customer_truth.csv` says who they are.
   */
  categorySpecialistShare: 0.15,
  /** Probability that a line is discounted, for discount-driven and for other customers. */
  discountedLineProbability: { discountDriven: 0.75, other: 0.08 },
  /** Discount as a fraction of the line's gross amount, uniform on this range. */
  discountFraction: [0.1, 0.35],
  /** Probability that an order uses the customer's preferred channel / a line its preferred category. */
  preferredChannelProbability: 0.75,
  preferredCategoryProbability: 0.6,
  /**
   * Probability that a paid order is preceded by a cancelled attempt (an extra order with
   * status `cancelled`, minutes to hours earlier), so the paid orders stay exactly BG/NBD.
   */
  cancelledAttemptProbability: 0.02,
  /** Probability that a paid order gets a return row (one line returned in full). */
  returnProbability: 0.03,
  /** A return is dated 1 to 30 days after its order, never after the observation end. */
  returnDelayDays: [1, 30],
} as const;
