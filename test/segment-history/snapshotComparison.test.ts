import { describe, expect, it } from 'vitest';
import type { ScoredCustomer } from '../../functions/customers/ScoredCustomer.ts';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import { compareUtf8 } from '../../functions/segment-history/compareUtf8.ts';
import { historyConfigSchema } from '../../functions/segment-history/historyConfig.ts';
import { GONE_CUSTOMERS, NEW_CUSTOMERS } from '../../functions/segment-history/MigrationMatrix.ts';
import { MovementRules } from '../../functions/segment-history/MovementRules.ts';
import { SnapshotComparison, type ComparisonResult } from '../../functions/segment-history/SnapshotComparison.ts';
import type { SnapshotRow } from '../../functions/segment-history/SnapshotRow.ts';
import { SnapshotUnreadableError } from '../../functions/segment-history/SnapshotUnreadableError.ts';
import { customer, inBatches, previousRow } from './fixtures.ts';

const rules = MovementRules.resolve(historyConfigSchema.parse({}), DEFAULT_SEGMENT_TABLE, 'Others');

async function compare(
  previous: AsyncIterable<readonly SnapshotRow[]>,
  current: readonly ScoredCustomer[],
  currentBatch = 2,
  options = { rowCap: 100, clvEnabled: true },
): Promise<ComparisonResult> {
  const comparison = new SnapshotComparison(previous, rules, options);
  for await (const batch of inBatches(current, [currentBatch])) await comparison.add(batch);
  return comparison.finish();
}

function compared(result: ComparisonResult) {
  if (result.status !== 'compared') throw new Error(`not compared: ${result.reason}`);
  return result;
}

describe('merging this run with the previous snapshot', () => {
  // Previous: A Champions, B Loyal, D Champions (gone), E At Risk.  Now: A At Risk, B Loyal, C new, E Lost, F new.
  const previous = [previousRow('A', 'Champions', 900), previousRow('B', 'Loyal Customers', 300), previousRow('D', 'Champions', 500), previousRow('E', 'At Risk', 50)];
  const current = [
    customer('A', 'At Risk', { clv: 120, monetary: 2000 }),
    customer('B', 'Loyal Customers', { clv: 300 }),
    customer('C', 'New Customers', { clv: 10 }),
    customer('E', 'Lost', { clv: 5 }),
    customer('F', 'Promising', { clv: 20 }),
  ];

  it.each([
    [[1], 1],
    [[4], 5],
    [[3, 1], 2],
    [[0, 2, 0, 2], 3],
  ])('counts stayers, movers, new and gone customers (previous batches %j, current batches of %i)', async (sizes, currentBatch) => {
    const result = compared(await compare(inBatches(previous, sizes), current, currentBatch));
    const m = result.matrix;
    expect(m.count('Champions', 'At Risk')).toBe(1);
    expect(m.count('Loyal Customers', 'Loyal Customers')).toBe(1);
    expect(m.count('Champions', GONE_CUSTOMERS)).toBe(1);
    expect(m.count('At Risk', 'Lost')).toBe(1);
    expect(m.count(NEW_CUSTOMERS, 'New Customers')).toBe(1);
    expect(m.count(NEW_CUSTOMERS, 'Promising')).toBe(1);
    expect(m.previousTotal()).toBe(previous.length);
    expect(m.currentTotal()).toBe(current.length);
    // Only A moved down out of a valuable segment; E was not in one.
    expect(result.moved).toBe(1);
    expect(result.movers).toEqual([
      expect.objectContaining({ customerId: 'A', fromSegment: 'Champions', toSegment: 'At Risk', valueAtStake: 120, valueSource: 'CLV', monetary: 2000 }),
    ]);
  });

  it('treats an empty previous snapshot as everyone new, and an empty run as everyone gone', async () => {
    const everyoneNew = compared(await compare(inBatches([], [1]), current));
    expect(everyoneNew.matrix.rowTotal(NEW_CUSTOMERS)).toBe(5);
    const everyoneGone = compared(await compare(inBatches(previous, [2]), []));
    expect(everyoneGone.matrix.columnTotal(GONE_CUSTOMERS)).toBe(4);
    expect(everyoneGone.matrix.currentTotal()).toBe(0);
  });

  it('matches a plain join on random data, whatever the batch sizes', async () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const segments = DEFAULT_SEGMENT_TABLE.map((r) => r.name);
    const pick = () => segments[Math.floor(next() * segments.length)] as string;
    const ids = Array.from({ length: 600 }, (_, i) => `C${i}${next() < 0.1 ? '😀' : ''}${next() < 0.1 ? '\uFFFD' : ''}`).sort(compareUtf8);
    const before = ids.filter(() => next() < 0.8).map((id) => previousRow(id, pick(), Math.round(next() * 1000)));
    const now = ids.filter(() => next() < 0.8).map((id) => customer(id, pick(), { clv: Math.round(next() * 1000) }));

    // The reference: a hash join holding both sides.
    const then = new Map(before.map((r) => [r.customerId, r.segment]));
    const expected = new Map<string, number>();
    const bump = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    for (const c of now) bump(`${then.get(c.customerId) ?? NEW_CUSTOMERS}>${c.segment}`);
    const nowIds = new Set(now.map((c) => c.customerId));
    for (const r of before) if (!nowIds.has(r.customerId)) bump(`${r.segment}>${GONE_CUSTOMERS}`);
    const movers = now.filter((c) => then.has(c.customerId) && rules.isMoveDown(then.get(c.customerId) as string, c.segment));

    const result = compared(await compare(inBatches(before, [7, 1, 13]), now, 11, { rowCap: 5, clvEnabled: true }));
    const got = new Map<string, number>();
    for (const [from, row] of Object.entries(result.matrix.toJSON())) for (const [to, n] of Object.entries(row)) got.set(`${from}>${to}`, n);
    expect(got).toEqual(expected);
    expect(result.moved).toBe(movers.length);
    const topFive = movers.map((c) => c.value?.clv ?? 0).sort((a, b) => b - a).slice(0, 5);
    expect(result.movers.map((m) => m.valueAtStake)).toEqual(topFive);
  });

  it.each([
    ['out of order', [previousRow('B', 'Champions'), previousRow('A', 'Champions')], /not sorted by customer_id: row 2 has "A" after "B"/],
    ['with a duplicate', [previousRow('A', 'Champions'), previousRow('A', 'Lost')], /not sorted by customer_id: row 2 has "A" after "A"/],
    // JavaScript's order, not the engine's: U+FFFD after U+1F600 is wrong in UTF-8.
    ['in UTF-16 order', [previousRow('😀', 'Champions'), previousRow('\uFFFD', 'Champions')], /not sorted by customer_id/],
  ])('gives up with a reason when the previous snapshot is %s', async (_, rows, reason) => {
    const result = await compare(inBatches(rows, [1]), [customer('A', 'Lost'), customer('Z', 'Lost')]);
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.reason).toMatch(/^previous snapshot unreadable: /);
    expect(result.status === 'failed' && result.reason).toMatch(reason);
  });

  it('gives up, saying so, when this run\'s customers arrive out of order', async () => {
    const result = await compare(inBatches([previousRow('A', 'Champions')], [1]), [customer('B', 'Lost'), customer('A', 'Lost')]);
    expect(result).toEqual({ status: 'failed', reason: 'not compared: this run\'s customers did not arrive in customer_id order ("A" after "B")' });
  });

  it('turns a read failure halfway into a reason and stops reading', async () => {
    let returned = false;
    async function* failing(): AsyncGenerator<SnapshotRow[]> {
      try {
        yield [previousRow('A', 'Champions')];
        throw new SnapshotUnreadableError("line 3: 'r' is \"x\", not a whole number");
      } finally {
        returned = true;
      }
    }
    const result = await compare(failing(), [customer('A', 'Lost'), customer('B', 'Lost'), customer('C', 'Lost')], 1);
    expect(result).toEqual({ status: 'failed', reason: "previous snapshot unreadable: line 3: 'r' is \"x\", not a whole number" });
    expect(returned).toBe(true);
  });

  it('keeps the movers with the most at stake up to the row cap, and counts them all', async () => {
    const rows = ['A', 'B', 'C', 'D'].map((id) => previousRow(id, 'Champions'));
    const now = [customer('A', 'Lost', { clv: 10 }), customer('B', 'Lost', { clv: 40 }), customer('C', 'Lost', { clv: 30 }), customer('D', 'Lost', { clv: 40 })];
    const result = compared(await compare(inBatches(rows, [3]), now, 2, { rowCap: 3, clvEnabled: true }));
    expect(result.moved).toBe(4);
    // Equal values by customer id.
    expect(result.movers.map((m) => [m.customerId, m.valueAtStake])).toEqual([['B', 40], ['D', 40], ['C', 30]]);
  });

  it.each([
    ['this run\'s CLV', true, { clv: 70 }, 500, 70, 'CLV'],
    ['the previous CLV where this run has none', true, {}, 500, 500, 'previous CLV'],
    ['net revenue where neither has CLV', true, {}, null, 100, 'net revenue'],
    ['net revenue when CLV is off', false, { clv: 70 }, 500, 100, 'net revenue'],
  ])('values a mover at %s', async (_, clvEnabled, now, before, value, source) => {
    const result = compared(
      await compare(inBatches([previousRow('A', 'Champions', before as number | null)], [1]), [customer('A', 'Lost', { monetary: 100, ...now })], 1, { rowCap: 10, clvEnabled: clvEnabled as boolean }),
    );
    expect(result.movers[0]).toEqual(expect.objectContaining({ valueAtStake: value, valueSource: source }));
  });
});
