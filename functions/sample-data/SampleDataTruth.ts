/**
 * What the sample-data generator knows about the files it wrote: exact row counts, the bad rows
 * per exact reason string, and the parameters of the processes behind the data. Written to
 * `truth.json` and returned by `generateSampleData`.
 *
 * All good timestamps are before `observationEnd` (midnight starting `asOf`), so every good
 * row is dated on or before `asOf` however a reader compares timestamps with the date.
 *
 * @example
 * ```ts
 * const truth = await generateSampleData({ outDir: 'out/demo-data', asOf: '2024-06-30', orderRows: 30_000 });
 * truth.badRows['orders.csv']['missing customer_id']; // exact number of such rows
 * ```
 */
import type { ActivityBadRowReason, OrderBadRowReason } from './badRowReasons.ts';
import type { CUSTOMER_MODEL } from './customerModel.ts';
import type { InjectedBadOrderRows } from './injectBadOrderRows.ts';
import type { LEAD_CONVERSION_MODEL } from './leadConversionModel.ts';

export interface SampleDataTruth {
  readonly generator: 'segment-sheets sample-data';
  readonly seed: number;
  readonly asOf: string;
  /** First day of the order history (`asOf` three years earlier). */
  readonly historyStart: string;
  /** Exclusive end of every good timestamp: `asOf 00:00:00`. */
  readonly observationEnd: string;
  /** The options after defaults, so a run can be repeated. */
  readonly options: ResolvedSampleDataOptions;
  /** Files written in `outDir`, truth.json included. */
  readonly files: readonly string[];
  /** Bad rows by file and exact reason. */
  readonly badRows: {
    readonly 'orders.csv': Readonly<Record<OrderBadRowReason, number>>;
    readonly 'lead_activities.csv'?: Readonly<Record<ActivityBadRowReason, number>>;
  };
  readonly orders: OrdersTruth;
  readonly customers: CustomersTruth;
  /** Null when no leads were asked for. */
  readonly leads: LeadsTruth | null;
  readonly leadActivities: LeadActivitiesTruth | null;
  /**
   * Present when bad rows were injected after generation (option `injectBadOrderRows`): the
   * counts above then describe the file before the replacement.
   */
  readonly injectedBadRows?: { readonly 'orders.csv': InjectedBadOrderRows };
}

export interface ResolvedSampleDataOptions {
  readonly seed: number;
  readonly asOf: string;
  readonly orderRows: number;
  readonly leads: number;
  readonly activitiesPerLead: number;
  readonly badRowRate: number;
}

export interface OrdersTruth {
  readonly file: 'orders.csv';
  /** Data rows in the file (header excluded) = goodRows + badRows. */
  readonly rowsWritten: number;
  readonly goodRows: number;
  readonly badRows: number;
  /** Good rows of paid orders that are not returns. */
  readonly paidRows: number;
  /** Distinct paid (non-return, non-cancelled) orders among the good rows. */
  readonly paidOrders: number;
  /** Orders with status `cancelled` and their rows (all good rows). */
  readonly cancelledOrders: number;
  readonly cancelledRows: number;
  /** Return rows: order_id `C` + the original order's number, one row each. */
  readonly returnRows: number;
  readonly returnOrderIdPrefix: 'C';
  /** Good rows in EUR (the rest of the good rows are in USD). */
  readonly eurRows: number;
  /** Good rows with discount > 0 (returns of discounted lines included). */
  readonly discountedRows: number;
  /** Values of the status column. */
  readonly statuses: readonly string[];
  /** Customers generated (= rows of customers.csv). */
  readonly customers: number;
  /** Distinct customer ids with at least one good paid order. */
  readonly customersWithGoodPaidOrder: number;
  /** Customers who were converted leads (their e-mail is the lead's e-mail). */
  readonly customersFromLeads: number;
  readonly discountDrivenCustomers: number;
  /** Customers whose lines are all in their preferred category. */
  readonly categorySpecialistCustomers: number;
  /**
   * Per-customer truth, one row per customer: `customer_id, discount_driven, category_specialist,
   * preferred_category, preferred_channel` (flags 0/1).
   */
  readonly customerTruthFile: 'customer_truth.csv';
  /** The known processes and shares behind the rows. */
  readonly model: typeof CUSTOMER_MODEL & {
    /** Population mean order value in USD, p·v/(q−1). */
    readonly meanOrderValueUsd: number;
  };
  /** How amounts read: amount = quantity × unit_price − discount, in the row's currency. */
  readonly amountFormula: 'quantity * unit_price - discount';
  /** Return rows negate quantity and discount, so their amount is minus the returned line's amount. */
  readonly returnRowConvention: string;
}

export interface CustomersTruth {
  readonly file: 'customers.csv';
  readonly rowsWritten: number;
  /** P(price_sensitivity = low, medium, high) for discount-driven and other customers. */
  readonly priceSensitivityGivenDiscountDriven: readonly number[];
  readonly priceSensitivityOtherwise: readonly number[];
  /**
   * income_band is drawn from fixed weights, then moved up by round(this × ln(customer's mean
   * order value / population mean)) bands, clamped: richer customers spend more per order.
   */
  readonly incomeBandShiftPerLogMeanSpend: number;
}

export interface LeadsTruth {
  readonly file: 'leads.csv';
  readonly truthFile: 'lead_truth.csv';
  /** Data rows in leads.csv = distinctLeads + duplicateRows. */
  readonly rowsWritten: number;
  readonly distinctLeads: number;
  /** Extra, stale rows of a lead id written before its true row (older last_activity_at). */
  readonly duplicateRows: number;
  /** Leads by status of their true (last) row. */
  readonly statusCounts: Readonly<Record<'open' | 'disqualified' | 'converted', number>>;
  /** Leads whose first order is on or before asOf (status converted, converted = 1 in lead_truth.csv). */
  readonly convertedLeads: number;
  /** Leads drawn to convert whose first order would fall after asOf: still open, no order. */
  readonly convertingAfterAsOf: number;
  /** Converted leads whose e-mail appears in orders.csv in a different letter case. */
  readonly convertedEmailsWithChangedCase: number;
  /** Mean true_p_convert over all leads. */
  readonly meanTrueProbability: number;
  /**
   * Leads created before this date have a known outcome (their conversion window closed before
   * asOf); later leads may still convert.
   */
  readonly outcomeKnownForLeadsCreatedBefore: string;
  readonly freeMailLeads: number;
  readonly freeMailDomains: readonly string[];
  /** Leads whose e-mail is malformed (no `@`, or nothing after it); they never convert. */
  readonly malformedEmails: number;
  readonly competitorLeads: number;
  readonly competitorDomains: readonly string[];
  readonly studentLeads: number;
  readonly studentTitle: string;
  readonly studentDomains: readonly string[];
  readonly owners: readonly string[];
  readonly sources: readonly string[];
  readonly industries: readonly string[];
  /** The planted logistic model: true_p_convert = sigmoid(logit). */
  readonly conversionModel: typeof LEAD_CONVERSION_MODEL;
  /** Which activity types each counter column of leads.csv counts (good activity rows only). */
  readonly counters: Readonly<Record<string, readonly string[]>>;
}

export interface LeadActivitiesTruth {
  readonly file: 'lead_activities.csv';
  readonly rowsWritten: number;
  readonly goodRows: number;
  readonly badRows: number;
  readonly activityTypes: readonly string[];
}
