import type { SegmentRule } from '../config/configSchema.ts';
import { UserError } from '../runtime/UserError.ts';
import { DEFAULT_VALUABLE_SEGMENTS } from './defaultValuableSegments.ts';
import type { HistoryConfig } from './historyConfig.ts';

/**
 * What counts as a move worth a win-back call: out of a valuable segment into a segment that is
 * neither valuable nor ranked higher (a move between two valuable segments, say Champions to Loyal
 * Customers, is not one; the Migration tab counts it).
 * Segments rank by `history.segmentOrder`, else by the segment table's order (its first rule is
 * the best); the unmatched segment ranks below all of them, and a segment the table no longer
 * has (an older snapshot's) below that.
 *
 * @example
 * ```ts
 * const rules = MovementRules.resolve({ enabled: true }, DEFAULT_SEGMENT_TABLE, 'Others');
 * rules.isMoveDown('Champions', 'At Risk');         // true
 * rules.isMoveDown('Champions', 'Loyal Customers'); // false: still a valuable segment
 * rules.isMoveDown('At Risk', 'Lost');              // false: At Risk is not a valuable segment
 * ```
 */
export class MovementRules {
  /** Valuable segments, best first. */
  readonly valuableSegments: readonly string[];
  private readonly valuable: ReadonlySet<string>;
  private readonly ranks: ReadonlyMap<string, number>;

  private constructor(valuableSegments: readonly string[], ranks: ReadonlyMap<string, number>) {
    this.ranks = ranks;
    this.valuableSegments = [...valuableSegments].sort((a, b) => this.rank(a) - this.rank(b));
    this.valuable = new Set(valuableSegments);
  }

  /** Checks the `history` section against the segment table; a name the table lacks is a {@link UserError} naming the field. */
  static resolve(config: HistoryConfig, table: readonly SegmentRule[], unmatchedSegment: string): MovementRules {
    const names = table.map((r) => r.name);
    const known = new Set([...names, unmatchedSegment]);
    const check = (field: string, listed: readonly string[]): void => {
      const unknown = listed.find((s) => !known.has(s));
      if (unknown !== undefined) throw new UserError(`history.${field}: '${unknown}' is not a segment of the segment table (${names.join(', ')})`);
      const twice = listed.find((s, i) => listed.indexOf(s) !== i);
      if (twice !== undefined) throw new UserError(`history.${field}: '${twice}' is listed twice`);
    };
    if (config.segmentOrder) check('segmentOrder', config.segmentOrder);
    if (config.valuableSegments) check('valuableSegments', config.valuableSegments);
    const order = [...(config.segmentOrder ?? []), ...names.filter((n) => !config.segmentOrder?.includes(n))];
    if (!order.includes(unmatchedSegment)) order.push(unmatchedSegment);
    const ranks = new Map(order.map((name, index) => [name, index]));
    const valuable = config.valuableSegments ?? DEFAULT_VALUABLE_SEGMENTS.filter((s) => known.has(s));
    return new MovementRules(valuable, ranks);
  }

  /** Position best first (0 = best); segments unknown to the table rank last. */
  rank(segment: string): number {
    return this.ranks.get(segment) ?? this.ranks.size;
  }

  isValuable(segment: string): boolean {
    return this.valuable.has(segment);
  }

  /** Whether a customer in `from` at the previous snapshot and in `to` now moved down out of the valuable segments. */
  isMoveDown(from: string, to: string): boolean {
    return this.valuable.has(from) && !this.valuable.has(to) && this.rank(to) > this.rank(from);
  }
}
