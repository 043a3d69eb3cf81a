/**
 * A plain-text table for the end of a run: segment, customers, share and revenue.
 *
 * @example
 * ```ts
 * summaryTable([{ segment: 'Champions', customers: 35, revenue: 31646 }]);
 * ```
 */
export function summaryTable(rows: readonly { segment: string; customers: number; revenue: number }[]): string {
  const totalCustomers = rows.reduce((a, r) => a + r.customers, 0);
  const totalRevenue = rows.reduce((a, r) => a + r.revenue, 0);
  const lines = [['Segment', 'Customers', 'Share', 'Revenue', 'Rev. share']];
  for (const r of rows) {
    lines.push([
      r.segment,
      r.customers.toLocaleString('en-US'),
      percent(r.customers, totalCustomers),
      Math.round(r.revenue).toLocaleString('en-US'),
      percent(r.revenue, totalRevenue),
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  return lines
    .map((l) => l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    .join('\n');
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}
