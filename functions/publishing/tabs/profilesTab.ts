import type { ProfileCell } from '../../segment-stats/ProfileStats.ts';
import type { SegmentTotals } from '../../segment-stats/SegmentStats.ts';
import type { SheetTab } from '../SheetModel.ts';

/**
 * The Profiles tab: each segment broken down by each profile dimension, with customers, their
 * share of the segment, revenue and average order value.
 */
export function buildProfilesTab(cells: readonly ProfileCell[], segments: readonly SegmentTotals[], dimensions: readonly string[]): SheetTab {
  const customersBySegment = new Map(segments.map((s) => [s.segment, s.customers]));
  return {
    name: 'Profiles',
    role: 'profiles',
    notes: [
      `Segments by ${dimensions.join(', ')}. Share = the value's share of the segment's customers.`,
    ],
    blocks: [
      {
        colourBy: 'segment',
        columns: [
          { key: 'dimension', header: 'Dimension', type: 'text', width: 16 },
          { key: 'value', header: 'Value', type: 'text', width: 18 },
          { key: 'segment', header: 'Segment', type: 'text', width: 22 },
          { key: 'customers', header: 'Customers', type: 'integer', width: 11 },
          { key: 'share', header: 'Share of segment', type: 'percent', width: 11 },
          { key: 'revenue', header: 'Net revenue', type: 'currency', width: 15 },
          { key: 'aov', header: 'Average order value', type: 'currency', width: 12 },
        ],
        rows: cells.map((c) => {
          const segmentCustomers = customersBySegment.get(c.segment) ?? 0;
          return [
            c.dimension,
            c.value,
            c.segment,
            c.customers,
            segmentCustomers > 0 ? c.customers / segmentCustomers : null,
            Math.round(c.revenue * 100) / 100,
            c.orders > 0 ? Math.round((c.revenue / c.orders) * 100) / 100 : null,
          ];
        }),
      },
    ],
  };
}
