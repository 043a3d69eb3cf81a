import { describe, expect, it } from 'vitest';
import { GONE_CUSTOMERS, MigrationMatrix, NEW_CUSTOMERS } from '../../functions/segment-history/MigrationMatrix.ts';

describe('the migration matrix', () => {
  // Previous: A×3, B×2 (5 customers). Now: A stays 2, A→B 1, B→gone 1, B stays 1, new→A 2 (6 customers).
  const matrix = new MigrationMatrix();
  for (const [from, to] of [
    ['A', 'A'], ['A', 'A'], ['A', 'B'], ['B', GONE_CUSTOMERS], ['B', 'B'], [NEW_CUSTOMERS, 'A'], [NEW_CUSTOMERS, 'A'],
  ] as const) matrix.add(from, to);

  it('sums rows to the previous snapshot and columns to this run', () => {
    expect(matrix.rowTotal('A')).toBe(3);
    expect(matrix.rowTotal('B')).toBe(2);
    expect(matrix.previousTotal()).toBe(5);
    expect(matrix.columnTotal('A')).toBe(4);
    expect(matrix.columnTotal('B')).toBe(2);
    expect(matrix.currentTotal()).toBe(6);
    expect(matrix.changed()).toBe(1);
  });

  it.each([
    ['A', { before: 3, now: 4, stayed: 2, movedIn: 0, movedOut: 1, arrived: 2, gone: 0 }],
    ['B', { before: 2, now: 2, stayed: 1, movedIn: 1, movedOut: 0, arrived: 0, gone: 1 }],
    ['C', { before: 0, now: 0, stayed: 0, movedIn: 0, movedOut: 0, arrived: 0, gone: 0 }],
  ])('gives the flows of segment %s', (segment, flows) => {
    expect(matrix.flow(segment)).toEqual({ segment, ...flows });
  });

  it('lists the segments of either side without the new and gone markers', () => {
    expect(matrix.fromSegments()).toEqual(['A', 'B']);
    expect(matrix.toSegments()).toEqual(['A', 'B']);
    expect(matrix.toJSON()).toEqual({ A: { A: 2, B: 1 }, B: { [GONE_CUSTOMERS]: 1, B: 1 }, [NEW_CUSTOMERS]: { A: 2 } });
  });
});
