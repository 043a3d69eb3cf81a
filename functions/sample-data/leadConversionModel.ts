/**
 * The planted conversion signal of the sample leads: a logistic model on features that can be
 * recomputed from `leads.csv` and `lead_activities.csv`. Each lead's true probability is
 * `sigmoid(conversionLogit(features))`; its outcome is drawn from that probability.
 *
 * @example
 * ```ts
 * const p = conversionProbability({
 *   industry: 0, companySize: 200, freeMail: false, demoRequests: 1,
 *   recentPricingPageView: true, emailClicks: 2, competitor: false, student: false,
 * });
 * ```
 */
import { INDUSTRIES } from './vocabulary.ts';

export const LEAD_CONVERSION_MODEL = {
  intercept: -3.2,
  /** Added by industry, in the order of `INDUSTRIES`. */
  industry: {
    Software: 0.8,
    Finance: 0.6,
    Healthcare: 0.2,
    Retail: 0,
    Manufacturing: 0,
    Education: -0.4,
    Government: -0.3,
    Other: -0.2,
  },
  /** Added when company_size is between 50 and 1000 employees (inclusive). */
  companySize50To1000: 0.7,
  /** Added when the e-mail is at a free-mail domain. */
  freeMail: -1.0,
  /** Added when the lead has at least one demo_request activity. */
  demoRequest: 1.5,
  /**
   * Added when the lead has a pricing_page_view within `recentPricingWindowDays` before (or at)
   * its last activity.
   */
  recentPricingPageView: 0.8,
  recentPricingWindowDays: 14,
  /** Added per email_click activity, counting at most `emailClicksCap` clicks. */
  perEmailClick: 0.25,
  emailClicksCap: 5,
  /** Disqualifiers: a competitor's company domain, a student title. */
  competitor: -4,
  student: -4,
  /** A converted lead's first order comes at most this many days after created_at. */
  conversionWindowDays: 90,
} as const;

/** What the model reads about one lead. */
export interface LeadConversionFeatures {
  /** Index into `INDUSTRIES`. */
  industry: number;
  companySize: number;
  freeMail: boolean;
  demoRequests: number;
  recentPricingPageView: boolean;
  emailClicks: number;
  competitor: boolean;
  student: boolean;
}

const INDUSTRY_EFFECTS: readonly number[] = INDUSTRIES.map(
  (name) => LEAD_CONVERSION_MODEL.industry[name as keyof typeof LEAD_CONVERSION_MODEL.industry],
);

/**
 * The linear predictor (log-odds of converting).
 * @example conversionLogit({ industry: 7, companySize: 5, freeMail: true, demoRequests: 0,
 *   recentPricingPageView: false, emailClicks: 0, competitor: false, student: false }); // -4.4
 */
export function conversionLogit(f: LeadConversionFeatures): number {
  const m = LEAD_CONVERSION_MODEL;
  return (
    m.intercept +
    (INDUSTRY_EFFECTS[f.industry] ?? 0) +
    (f.companySize >= 50 && f.companySize <= 1000 ? m.companySize50To1000 : 0) +
    (f.freeMail ? m.freeMail : 0) +
    (f.demoRequests > 0 ? m.demoRequest : 0) +
    (f.recentPricingPageView ? m.recentPricingPageView : 0) +
    m.perEmailClick * Math.min(f.emailClicks, m.emailClicksCap) +
    (f.competitor ? m.competitor : 0) +
    (f.student ? m.student : 0)
  );
}

/**
 * The true conversion probability, sigmoid of {@link conversionLogit}.
 * @example conversionProbability(features); // 0 < p < 1
 */
export function conversionProbability(f: LeadConversionFeatures): number {
  return 1 / (1 + Math.exp(-conversionLogit(f)));
}
