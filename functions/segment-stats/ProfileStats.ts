/** One profile cell: customers of one segment with one value of one dimension. */
export interface ProfileCell {
  readonly dimension: string;
  readonly value: string;
  readonly segment: string;
  customers: number;
  orders: number;
  revenue: number;
}

/** Label used for customers without a value for a dimension. */
export const UNKNOWN_VALUE = '(unknown)';

/**
 * Segments broken down by profile dimensions (country, channel, age band, any attribute):
 * customers, orders and revenue per (dimension, value, segment).
 *
 * @example
 * ```ts
 * const profiles = new ProfileStats(['country']);
 * profiles.add('Champions', { country: 'DE' }, { orders: 2, revenue: 90 });
 * ```
 */
export class ProfileStats {
  private readonly cells = new Map<string, ProfileCell>();
  readonly dimensions: readonly string[];

  constructor(dimensions: readonly string[]) {
    this.dimensions = dimensions;
  }

  add(segment: string, values: Readonly<Record<string, unknown>>, customer: { orders: number; revenue: number }): void {
    for (const dimension of this.dimensions) {
      const raw = values[dimension];
      const value = raw === null || raw === undefined || raw === '' ? UNKNOWN_VALUE : String(raw);
      const key = `${dimension}\u0000${value}\u0000${segment}`;
      let cell = this.cells.get(key);
      if (!cell) {
        cell = { dimension, value, segment, customers: 0, orders: 0, revenue: 0 };
        this.cells.set(key, cell);
      }
      cell.customers++;
      cell.orders += customer.orders;
      cell.revenue += customer.revenue;
    }
  }

  /** Cells ordered by dimension (config order), then value, then segment. */
  cellsInOrder(segmentOrder: readonly string[]): ProfileCell[] {
    const dimensionRank = new Map(this.dimensions.map((d, i) => [d, i]));
    const segmentRank = new Map(segmentOrder.map((s, i) => [s, i]));
    return [...this.cells.values()].sort(
      (a, b) =>
        (dimensionRank.get(a.dimension) ?? 0) - (dimensionRank.get(b.dimension) ?? 0) ||
        a.value.localeCompare(b.value) ||
        (segmentRank.get(a.segment) ?? 1e9) - (segmentRank.get(b.segment) ?? 1e9),
    );
  }
}
