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
  /** Per dimension (config order): value → segment → cell. Nested maps, not joined keys: no string built per customer. */
  private readonly byDimension: Map<string, Map<string, ProfileCell>>[];
  readonly dimensions: readonly string[];

  constructor(dimensions: readonly string[]) {
    this.dimensions = dimensions;
    this.byDimension = dimensions.map(() => new Map());
  }

  add(segment: string, values: Readonly<Record<string, unknown>>, customer: { orders: number; revenue: number }): void {
    for (let d = 0; d < this.dimensions.length; d++) {
      const dimension = this.dimensions[d] as string;
      const raw = values[dimension];
      const value = raw === null || raw === undefined || raw === '' ? UNKNOWN_VALUE : String(raw);
      const byValue = this.byDimension[d] as Map<string, Map<string, ProfileCell>>;
      let bySegment = byValue.get(value);
      if (!bySegment) {
        bySegment = new Map();
        byValue.set(value, bySegment);
      }
      let cell = bySegment.get(segment);
      if (!cell) {
        cell = { dimension, value, segment, customers: 0, orders: 0, revenue: 0 };
        bySegment.set(segment, cell);
      }
      cell.customers++;
      cell.orders += customer.orders;
      cell.revenue += customer.revenue;
    }
  }

  /** Cells ordered by dimension (config order), then value, then segment. */
  cellsInOrder(segmentOrder: readonly string[]): ProfileCell[] {
    const segmentRank = new Map(segmentOrder.map((s, i) => [s, i]));
    // The cells are held per dimension in config order already; only values and segments need sorting.
    return this.byDimension.flatMap((byValue) =>
      [...byValue.values()]
        .flatMap((bySegment) => [...bySegment.values()])
        .sort((a, b) => a.value.localeCompare(b.value) || (segmentRank.get(a.segment) ?? 1e9) - (segmentRank.get(b.segment) ?? 1e9)),
    );
  }
}
