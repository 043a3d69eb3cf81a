import { randomInt } from 'node:crypto';

const MAX_ID = 2_147_483_647;

/**
 * Picks ids for new sheets, charts and metadata before sending, so one batch can create a tab and
 * refer to it (and a resent batch uses the same ids). Google accepts caller-chosen ids.
 *
 * @example
 * ```ts
 * const ids = new IdAllocator(new Set([0, 17]));
 * const sheetId = ids.next(); // not 0 or 17
 * ```
 */
export class IdAllocator {
  private readonly used: Set<number>;
  private readonly pick: () => number;

  constructor(used: ReadonlySet<number>, pick: () => number = () => randomInt(1, MAX_ID)) {
    this.used = new Set(used);
    this.pick = pick;
  }

  next(): number {
    for (;;) {
      const id = this.pick();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}
