/** The CLV predictions of one customer, over the configured horizon (CLV: horizon or lifetime). */
export interface CustomerValue {
  readonly pAlive: number;
  readonly expectedPurchases: number;
  readonly expectedAverageSpend: number;
  readonly expectedRevenue: number;
  readonly clv: number;
}
