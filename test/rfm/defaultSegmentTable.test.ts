import { describe, expect, it } from 'vitest';
import { assignSegment } from '../../functions/rfm/assignSegment.ts';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import { segmentTableFor } from '../../functions/rfm/segmentTable.ts';
import { UserError } from '../../functions/runtime/UserError.ts';

const ALL_CELLS = [1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].flatMap((f) => [1, 2, 3, 4, 5].map((m) => ({ r, f, m }))));

describe('the built-in segment table', () => {
  it('names every one of the 125 R-F-M cells', () => {
    const unmatched = ALL_CELLS.filter((cell) => assignSegment(cell, DEFAULT_SEGMENT_TABLE, '(none)') === '(none)');
    expect(unmatched).toEqual([]);
  });

  it('can reach every segment it lists (no rule is shadowed by earlier ones)', () => {
    const reached = new Set(ALL_CELLS.map((cell) => assignSegment(cell, DEFAULT_SEGMENT_TABLE, '(none)')));
    expect([...reached].sort()).toEqual(DEFAULT_SEGMENT_TABLE.map((s) => s.name).sort());
  });

  it('has a description and a recommended action for every segment', () => {
    for (const rule of DEFAULT_SEGMENT_TABLE) {
      expect(rule.description.length, rule.name).toBeGreaterThan(10);
      expect(rule.action.length, rule.name).toBeGreaterThan(10);
    }
  });

  it.each([
    [{ r: 5, f: 5, m: 5 }, 'Champions'],
    [{ r: 5, f: 1, m: 5 }, 'New Customers'],
    [{ r: 1, f: 5, m: 5 }, "Can't Lose Them"],
    [{ r: 1, f: 1, m: 1 }, 'Lost'],
  ])('puts %o in %s', (cell, segment) => {
    expect(assignSegment(cell, DEFAULT_SEGMENT_TABLE, '(none)')).toBe(segment);
  });

  it('first match wins', () => {
    const rules = [
      { name: 'Wide', description: '', action: '', r: [1, 5], f: [1, 5], m: [1, 5] },
      { name: 'Narrow', description: '', action: '', r: [5, 5], f: [5, 5], m: [5, 5] },
    ] as const;
    expect(assignSegment({ r: 5, f: 5, m: 5 }, rules as never, 'x')).toBe('Wide');
  });

  it('refuses the built-in 1-5 table when bins are not five', () => {
    expect(() => segmentTableFor({ bins: 4, unmatchedSegment: 'Others' })).toThrow(UserError);
    expect(() => segmentTableFor({ bins: { recency: 5, frequency: [2, 4], monetary: 5 }, unmatchedSegment: 'Others' })).toThrow(/frequency/);
    expect(segmentTableFor({ bins: { recency: 5, frequency: [2, 3, 4, 8], monetary: 5 }, unmatchedSegment: 'Others' })).toBe(DEFAULT_SEGMENT_TABLE);
  });
});
