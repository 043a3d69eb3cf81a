import { describe, expect, it } from 'vitest';
import { tabName } from '../../functions/publishing/tabs/tabName.ts';

describe('tabName', () => {
  it.each([
    ["Can't Lose Them", "Can't Lose Them"],
    ['A/B: test?', 'A-B- test-'],
    ['x'.repeat(40), 'x'.repeat(31)],
  ])('%s -> %s', (wanted, expected) => {
    expect(tabName(wanted, new Set())).toBe(expected);
  });
  it('makes names unique regardless of case', () => {
    const taken = new Set<string>(['summary']);
    expect(tabName('Summary', taken)).toBe('Summary (2)');
    expect(tabName('summary', taken)).toBe('summary (3)');
  });
});
