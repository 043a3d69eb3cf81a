import { describe, expect, it } from 'vitest';
import type { SegmentRule } from '../../functions/config/configSchema.ts';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import { historyConfigSchema } from '../../functions/segment-history/historyConfig.ts';
import { MovementRules } from '../../functions/segment-history/MovementRules.ts';
import { UserError } from '../../functions/runtime/UserError.ts';

const defaults = historyConfigSchema.parse({});

describe('which moves are listed for a win-back call', () => {
  const rules = MovementRules.resolve(defaults, DEFAULT_SEGMENT_TABLE, 'Others');

  it.each([
    // from, to, listed, why
    ['Champions', "Can't Lose Them", true, 'valuable, lapsed into a lower segment'],
    ['Champions', 'At Risk', true, 'valuable to lower'],
    ['Loyal Customers', 'About To Sleep', true, 'valuable to lower'],
    ['Potential Loyalists', 'Lost', true, 'valuable to the lowest'],
    ['Potential Loyalists', 'Others', true, 'the unmatched segment ranks below the table'],
    ['Champions', 'Loyal Customers', false, 'still valuable'],
    ['Loyal Customers', 'Potential Loyalists', false, 'still valuable'],
    ['Champions', 'Champions', false, 'no move'],
    ['Loyal Customers', 'Champions', false, 'moved up'],
    ["Can't Lose Them", 'Lost', false, 'not a valuable segment by default'],
    ['At Risk', 'Hibernating', false, 'not valuable'],
    ['Retired Segment', 'Lost', false, 'a segment the table no longer has is not valuable'],
  ])('%s -> %s: %s (%s)', (from, to, listed) => {
    expect(rules.isMoveDown(from as string, to as string)).toBe(listed);
  });

  it('ranks the table best first, the unmatched segment after it, unknown segments last', () => {
    expect(rules.rank('Champions')).toBe(0);
    expect(rules.rank('Lost')).toBe(10);
    expect(rules.rank('Others')).toBe(11);
    expect(rules.rank('Retired Segment')).toBe(12);
    expect(rules.valuableSegments).toEqual(['Champions', 'Loyal Customers', 'Potential Loyalists']);
  });

  it('follows a configured order and valuable list', () => {
    const custom = MovementRules.resolve(
      historyConfigSchema.parse({ valuableSegments: ["Can't Lose Them", 'Champions'], segmentOrder: ['Champions', "Can't Lose Them", 'Loyal Customers'] }),
      DEFAULT_SEGMENT_TABLE,
      'Others',
    );
    expect(custom.valuableSegments).toEqual(['Champions', "Can't Lose Them"]);
    expect(custom.isMoveDown("Can't Lose Them", 'Loyal Customers')).toBe(true); // ranked below it now
    expect(custom.isMoveDown('Champions', "Can't Lose Them")).toBe(false); // both valuable
    expect(custom.rank('Potential Loyalists')).toBe(3); // unlisted segments follow in table order
  });

  it('uses the default names a custom table has, and none when it has none', () => {
    const table: SegmentRule[] = [
      { name: 'Champions', description: '', action: '', r: [3, 3], f: [1, 3], m: [1, 3] },
      { name: 'Rest', description: '', action: '', r: [1, 2], f: [1, 3], m: [1, 3] },
    ];
    expect(MovementRules.resolve(defaults, table, 'Others').valuableSegments).toEqual(['Champions']);
    expect(MovementRules.resolve(defaults, [table[1] as SegmentRule], 'Others').valuableSegments).toEqual([]);
  });

  it('names the field when a configured segment is not in the table', () => {
    const bad = () => MovementRules.resolve(historyConfigSchema.parse({ valuableSegments: ['Champs'] }), DEFAULT_SEGMENT_TABLE, 'Others');
    expect(bad).toThrow(UserError);
    expect(bad).toThrow(/history\.valuableSegments: 'Champs' is not a segment/);
    expect(() => MovementRules.resolve(historyConfigSchema.parse({ segmentOrder: ['Lost', 'Lost'] }), DEFAULT_SEGMENT_TABLE, 'Others')).toThrow(
      /history\.segmentOrder: 'Lost' is listed twice/,
    );
  });
});
