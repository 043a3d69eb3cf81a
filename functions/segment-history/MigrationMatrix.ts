/** The matrix row of customers who were not in the previous snapshot (parenthesised: no segment name to clash with). */
export const NEW_CUSTOMERS = '(new)';
/** The matrix column of customers of the previous snapshot who are not in this run. */
export const GONE_CUSTOMERS = '(gone)';

/** One segment's flows between the previous snapshot and this run. */
export interface SegmentFlow {
  readonly segment: string;
  /** Customers in the segment at the previous snapshot. */
  readonly before: number;
  /** Customers in the segment now. */
  readonly now: number;
  /** In the segment then and now. */
  readonly stayed: number;
  /** Now here, before in another segment. */
  readonly movedIn: number;
  /** Before here, now in another segment. */
  readonly movedOut: number;
  /** Now here, not in the previous snapshot. */
  readonly arrived: number;
  /** Before here, not in this run. */
  readonly gone: number;
}

/**
 * Counts of customers by previous segment × current segment, with the row {@link NEW_CUSTOMERS}
 * (not in the previous snapshot) and the column {@link GONE_CUSTOMERS} (not in this run). Row
 * sums are the previous snapshot's segment counts, column sums this run's.
 *
 * @example
 * ```ts
 * const matrix = new MigrationMatrix();
 * matrix.add('Champions', 'At Risk');
 * matrix.add(NEW_CUSTOMERS, 'New Customers');
 * matrix.count('Champions', 'At Risk'); // 1
 * matrix.previousTotal();               // 1
 * ```
 */
export class MigrationMatrix {
  private readonly cells = new Map<string, Map<string, number>>();

  /** Counts one customer moving from `from` (or {@link NEW_CUSTOMERS}) to `to` (or {@link GONE_CUSTOMERS}). */
  add(from: string, to: string, customers = 1): void {
    let row = this.cells.get(from);
    if (!row) {
      row = new Map();
      this.cells.set(from, row);
    }
    row.set(to, (row.get(to) ?? 0) + customers);
  }

  count(from: string, to: string): number {
    return this.cells.get(from)?.get(to) ?? 0;
  }

  /** Segments of the previous snapshot, in first-seen order (without {@link NEW_CUSTOMERS}). */
  fromSegments(): string[] {
    return [...this.cells.keys()].filter((s) => s !== NEW_CUSTOMERS);
  }

  /** Segments of this run, in first-seen order (without {@link GONE_CUSTOMERS}). */
  toSegments(): string[] {
    const seen = new Set<string>();
    for (const row of this.cells.values()) for (const to of row.keys()) if (to !== GONE_CUSTOMERS) seen.add(to);
    return [...seen];
  }

  /** Customers in `from` at the previous snapshot (a row sum). */
  rowTotal(from: string): number {
    let sum = 0;
    for (const n of this.cells.get(from)?.values() ?? []) sum += n;
    return sum;
  }

  /** Customers in `to` in this run (a column sum). */
  columnTotal(to: string): number {
    let sum = 0;
    for (const row of this.cells.values()) sum += row.get(to) ?? 0;
    return sum;
  }

  /** Customers of the previous snapshot. */
  previousTotal(): number {
    return this.fromSegments().reduce((sum, s) => sum + this.rowTotal(s), 0);
  }

  /** Customers of this run. */
  currentTotal(): number {
    return this.toSegments().reduce((sum, s) => sum + this.columnTotal(s), 0);
  }

  /** Customers whose segment changed (both runs have them). */
  changed(): number {
    let sum = 0;
    for (const [from, row] of this.cells) {
      if (from === NEW_CUSTOMERS) continue;
      for (const [to, n] of row) if (to !== GONE_CUSTOMERS && to !== from) sum += n;
    }
    return sum;
  }

  /** The flows of one segment. */
  flow(segment: string): SegmentFlow {
    const before = this.rowTotal(segment);
    const now = this.columnTotal(segment);
    const stayed = this.count(segment, segment);
    const arrived = this.count(NEW_CUSTOMERS, segment);
    const gone = this.count(segment, GONE_CUSTOMERS);
    return { segment, before, now, stayed, arrived, gone, movedIn: now - stayed - arrived, movedOut: before - stayed - gone };
  }

  /** As JSON for run.json: `{ from: { to: customers } }`. */
  toJSON(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.cells].map(([from, row]) => [from, Object.fromEntries(row)]));
  }
}
