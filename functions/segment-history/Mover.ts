import { roundMoney, type ScoredCustomer } from '../customers/ScoredCustomer.ts';
import { compareUtf8 } from './compareUtf8.ts';
import type { SnapshotRow } from './SnapshotRow.ts';

/** Where a mover's value at stake comes from. */
export type ValueSource = 'CLV' | 'previous CLV' | 'net revenue';

/** A customer who moved down out of a valuable segment since the previous snapshot: a row of the Movements tab. */
export interface Mover {
  readonly customerId: string;
  readonly email: string | null;
  readonly fromSegment: string;
  readonly toSegment: string;
  /** What the customer is worth if won back; sorts the list. */
  readonly valueAtStake: number;
  readonly valueSource: ValueSource;
  readonly pAlive: number | null;
  readonly lastOrderDate: string | null;
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
}

/**
 * The value at stake of a customer who moved: this run's CLV; where this run has none (the model
 * could not be fitted), the previous snapshot's; with CLV off, or neither, the customer's net
 * revenue so far.
 *
 * @example
 * ```ts
 * valueAtStake({ clv: null, monetary: 80 }, { clv: 120 }, true); // { value: 120, source: 'previous CLV' }
 * ```
 */
export function valueAtStake(
  current: { readonly clv: number | null; readonly monetary: number },
  previous: { readonly clv: number | null },
  clvEnabled: boolean,
): { value: number; source: ValueSource } {
  if (clvEnabled && current.clv !== null) return { value: current.clv, source: 'CLV' };
  if (clvEnabled && previous.clv !== null) return { value: previous.clv, source: 'previous CLV' };
  return { value: current.monetary, source: 'net revenue' };
}

/**
 * The Movements-tab row of a customer who moved from the previous snapshot's `previous.segment`
 * to `current.segment`.
 *
 * @example
 * ```ts
 * moverOf(customer, previousRow, true).valueAtStake; // the customer's CLV
 * ```
 */
export function moverOf(current: ScoredCustomer, previous: SnapshotRow, clvEnabled: boolean): Mover {
  const clv = current.value ? roundMoney(current.value.clv) : null;
  const monetary = roundMoney(current.monetary);
  const stake = valueAtStake({ clv, monetary }, previous, clvEnabled);
  return {
    customerId: current.customerId,
    email: current.email,
    fromSegment: previous.segment,
    toSegment: current.segment,
    valueAtStake: stake.value,
    valueSource: stake.source,
    pAlive: current.value ? current.value.pAlive : null,
    lastOrderDate: current.lastOrderDate,
    recencyDays: current.recencyDays,
    frequency: current.frequency,
    monetary,
  };
}

/** Higher value at stake first; equal values by customer id, so the list is the same every run. */
export function compareMoverValue(a: Mover, b: Mover): number {
  return a.valueAtStake - b.valueAtStake || compareUtf8(b.customerId, a.customerId);
}
