import type { ScoredCustomer } from '../customers/ScoredCustomer.ts';
import { TopList } from '../segment-stats/TopList.ts';
import { compareUtf8 } from './compareUtf8.ts';
import { GONE_CUSTOMERS, MigrationMatrix, NEW_CUSTOMERS } from './MigrationMatrix.ts';
import type { MovementRules } from './MovementRules.ts';
import { compareMoverValue, moverOf, type Mover } from './Mover.ts';
import type { SnapshotRow } from './SnapshotRow.ts';
import { SnapshotUnreadableError } from './SnapshotUnreadableError.ts';

export interface SnapshotComparisonOptions {
  /** Most movers kept for the Movements tab (the highest value at stake). */
  readonly rowCap: number;
  /** Whether the value at stake is CLV (else net revenue). */
  readonly clvEnabled: boolean;
}

/** How a comparison ended. */
export type ComparisonResult =
  | {
      readonly status: 'compared';
      readonly matrix: MigrationMatrix;
      /** Movers with the highest value at stake, highest first, at most the row cap. */
      readonly movers: readonly Mover[];
      /** All customers who moved down out of a valuable segment. */
      readonly moved: number;
    }
  | { readonly status: 'failed'; readonly reason: string };

/**
 * Compares this run's customers with the previous snapshot by a streaming merge join: both
 * arrive sorted by customer id (the engine's `ORDER BY customer_id`, UTF-8 byte order, and the
 * snapshot written in that order), so one pass with one batch of each side in memory counts the
 * migration matrix (new and gone customers included) and keeps the most valuable movers, however
 * many customers there are.
 *
 * Order is checked on both sides as the merge goes. A previous snapshot that is out of order,
 * malformed or fails to read ends the comparison with a reason (`failed`); so does a current
 * stream out of order. The run itself goes on.
 *
 * @example
 * ```ts
 * const comparison = new SnapshotComparison(store.read(previous), rules, { rowCap: 10_000, clvEnabled: true });
 * for await (const batch of customers) await comparison.add(batch);
 * const result = await comparison.finish();
 * ```
 */
export class SnapshotComparison {
  private readonly rules: MovementRules;
  private readonly options: SnapshotComparisonOptions;
  private readonly previous: AsyncIterator<readonly SnapshotRow[]>;
  private readonly matrix = new MigrationMatrix();
  private readonly movers: TopList<Mover>;
  private batch: readonly SnapshotRow[] = [];
  private index = 0;
  private exhausted = false;
  private previousRows = 0;
  private lastPreviousId: string | undefined;
  private lastCurrentId: string | undefined;
  private failure: string | undefined;

  constructor(previous: AsyncIterable<readonly SnapshotRow[]>, rules: MovementRules, options: SnapshotComparisonOptions) {
    this.previous = previous[Symbol.asyncIterator]();
    this.rules = rules;
    this.options = options;
    this.movers = new TopList<Mover>(options.rowCap, compareMoverValue);
  }

  /** Merges the next customers of this run (in customer id order, continuing the previous call's). */
  async add(customers: readonly ScoredCustomer[]): Promise<void> {
    if (this.failure !== undefined) return;
    try {
      for (const customer of customers) {
        const id = customer.customerId;
        if (this.lastCurrentId !== undefined && compareUtf8(id, this.lastCurrentId) <= 0) {
          throw new CurrentOutOfOrder(`this run's customers did not arrive in customer_id order (${JSON.stringify(id)} after ${JSON.stringify(this.lastCurrentId)})`);
        }
        this.lastCurrentId = id;
        let matched: SnapshotRow | undefined;
        for (;;) {
          const previous = this.index < this.batch.length ? this.batch[this.index] : await this.refill();
          if (previous === undefined) break;
          const order = compareUtf8(previous.customerId, id);
          if (order > 0) break;
          this.index++;
          if (order === 0) {
            matched = previous;
            break;
          }
          this.matrix.add(previous.segment, GONE_CUSTOMERS);
        }
        if (!matched) {
          this.matrix.add(NEW_CUSTOMERS, customer.segment);
          continue;
        }
        this.matrix.add(matched.segment, customer.segment);
        if (this.rules.isMoveDown(matched.segment, customer.segment)) this.movers.offer(moverOf(customer, matched, this.options.clvEnabled));
      }
    } catch (error) {
      await this.fail(error);
    }
  }

  /** Counts the previous snapshot's remaining customers as gone and returns the result. */
  async finish(): Promise<ComparisonResult> {
    if (this.failure === undefined) {
      try {
        for (;;) {
          const previous = this.index < this.batch.length ? this.batch[this.index] : await this.refill();
          if (previous === undefined) break;
          this.index++;
          this.matrix.add(previous.segment, GONE_CUSTOMERS);
        }
      } catch (error) {
        await this.fail(error);
      }
    }
    if (this.failure !== undefined) return { status: 'failed', reason: this.failure };
    return { status: 'compared', matrix: this.matrix, movers: this.movers.sortedBestFirst(), moved: this.movers.total };
  }

  /** Stops reading the previous snapshot (an abandoned run). */
  async close(): Promise<void> {
    if (!this.exhausted) {
      this.exhausted = true;
      await this.previous.return?.();
    }
  }

  /** The next previous row after the current batch, reading the next batch; undefined at the end. */
  private async refill(): Promise<SnapshotRow | undefined> {
    while (!this.exhausted) {
      const next = await this.previous.next();
      if (next.done) {
        this.exhausted = true;
        break;
      }
      this.batch = next.value;
      this.index = 0;
      this.checkOrder(next.value);
      if (this.batch.length > 0) return this.batch[0];
    }
    this.batch = [];
    this.index = 0;
    return undefined;
  }

  /** Previous rows must be strictly increasing by customer id: sorted, no duplicates. */
  private checkOrder(rows: readonly SnapshotRow[]): void {
    for (const row of rows) {
      this.previousRows++;
      if (this.lastPreviousId !== undefined && compareUtf8(row.customerId, this.lastPreviousId) <= 0) {
        throw new SnapshotUnreadableError(
          `not sorted by customer_id: row ${this.previousRows} has ${JSON.stringify(row.customerId)} after ${JSON.stringify(this.lastPreviousId)}`,
        );
      }
      this.lastPreviousId = row.customerId;
    }
  }

  private async fail(error: unknown): Promise<void> {
    if (error instanceof CurrentOutOfOrder) this.failure = `not compared: ${error.message}`;
    else if (error instanceof SnapshotUnreadableError) this.failure = `previous snapshot unreadable: ${error.message}`;
    else this.failure = `previous snapshot unreadable: ${error instanceof Error ? error.message : String(error)}`;
    await this.close().catch(() => undefined);
  }
}

class CurrentOutOfOrder extends Error {
  override readonly name = 'CurrentOutOfOrder';
}
