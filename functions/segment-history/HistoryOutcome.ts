import { GONE_CUSTOMERS, NEW_CUSTOMERS, type MigrationMatrix } from './MigrationMatrix.ts';
import type { Mover } from './Mover.ts';

/**
 * What the history part of a run found: whether it compared with a previous snapshot and, if so,
 * the migration matrix and the movers. `status` is one of `compared`, `first run: no previous
 * snapshot`, `previous snapshot unreadable: <reason>`, `not compared: <reason>` or `off`.
 */
export interface HistoryOutcome {
  readonly status: string;
  readonly asOf: string;
  /** The snapshot compared with (or that could not be read). */
  readonly previous?: { readonly asOf: string; readonly location: string };
  /** Where this run's snapshot goes. */
  readonly snapshotLocation?: string;
  /** Valuable segments, best first: the Movements tab lists customers who moved down out of them. */
  readonly valuableSegments: readonly string[];
  /** What the value at stake is, for the tab's note. */
  readonly valueBasis: 'CLV' | 'net revenue';
  readonly comparison?: {
    readonly matrix: MigrationMatrix;
    /** The movers with the highest value at stake, highest first (at most the row cap). */
    readonly movers: readonly Mover[];
    /** All customers who moved down out of a valuable segment. */
    readonly moved: number;
  };
}

/** Status of a run that found no earlier snapshot. */
export const FIRST_RUN = 'first run: no previous snapshot';

/** The outcome of a run that keeps no history (`history.enabled: false`, or no store). */
export function historyOff(asOf: string, valueBasis: HistoryOutcome['valueBasis']): HistoryOutcome {
  return { status: 'off', asOf, valuableSegments: [], valueBasis };
}

/**
 * The `history` section of run.json.
 *
 * @example
 * ```ts
 * historyReport(outcome); // { status: 'compared', previousAsOf: '2024-05-31', moved: 12, ... }
 * ```
 */
export function historyReport(outcome: HistoryOutcome): Record<string, unknown> {
  const comparison = outcome.comparison;
  return {
    status: outcome.status,
    asOf: outcome.asOf,
    previousAsOf: outcome.previous?.asOf ?? null,
    ...(outcome.previous ? { previousSnapshot: outcome.previous.location } : {}),
    ...(outcome.snapshotLocation ? { snapshot: outcome.snapshotLocation } : {}),
    ...(comparison
      ? {
          customersBefore: comparison.matrix.previousTotal(),
          customersNow: comparison.matrix.currentTotal(),
          new: comparison.matrix.rowTotal(NEW_CUSTOMERS),
          gone: comparison.matrix.columnTotal(GONE_CUSTOMERS),
          changedSegment: comparison.matrix.changed(),
          moved: comparison.moved,
          movedListed: comparison.movers.length,
          valuableSegments: outcome.valuableSegments,
          valueAtStake: outcome.valueBasis,
          matrix: comparison.matrix.toJSON(),
        }
      : {}),
  };
}
