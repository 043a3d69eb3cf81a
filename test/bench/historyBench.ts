/**
 * Segment-history benchmark (issue 8, within issue 7's bounded-memory bar): write a snapshot of
 * N customers, then merge N customers of the next run with it — read, compare, count the matrix,
 * keep the top movers — as the customer job does, in batches. Prints CPU time per step and the
 * heap left afterwards (bounded: one batch of each side, the matrix and the capped mover list).
 *
 * Run with `node --expose-gc test/bench/historyBench.ts [customers]` (default 1,000,000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ScoredCustomer } from '../../functions/customers/ScoredCustomer.ts';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import { historyConfigSchema } from '../../functions/segment-history/historyConfig.ts';
import { LocalSnapshotStore } from '../../functions/segment-history/local/LocalSnapshotStore.ts';
import { MovementRules } from '../../functions/segment-history/MovementRules.ts';
import { SegmentHistory } from '../../functions/segment-history/SegmentHistory.ts';

const BATCH = 4096;
const SEGMENTS = DEFAULT_SEGMENT_TABLE.map((r) => r.name);

/** Customer j in run `run`: a segment that drifts between runs for about a third of them. */
function customerOf(j: number, run: number): ScoredCustomer {
  const segment = SEGMENTS[(j + (j % 3 === 0 ? run : 0)) % SEGMENTS.length] as string;
  return {
    customerId: `C${String(j).padStart(8, '0')}`, email: null, recencyDays: (j * 7) % 700, frequency: 1 + (j % 9), monetary: (j * 13) % 5000,
    r: 3, f: 3, m: 3, rfmCode: '333', segment, firstOrderDate: null, lastOrderDate: null, returns: 0, dimensions: {},
    behaviour: { discountRevenueShare: null, favouriteCategory: null, favouriteCategoryShare: null, categoryCount: 1, avgBasket: 0, meanDaysBetweenOrders: null, discountedRevenue: null, purchaseRevenue: 0 }, benefitSegment: 'Mixed',
    value: { x: 1, tx: 1, T: 2, monetaryValue: 10, pAlive: 0.5, expectedPurchases: 1, expectedAverageSpend: 10, expectedRevenue: 10, clv: (j * 31) % 3000 },
  };
}

async function run(store: LocalSnapshotStore, asOf: string, runIndex: number, customers: number) {
  const rules = MovementRules.resolve(historyConfigSchema.parse({}), DEFAULT_SEGMENT_TABLE, 'Others');
  const cpu = process.cpuUsage().user;
  const history = await SegmentHistory.start(store, { asOf, rules, rowCap: 10_000, clvEnabled: true });
  for (let i = 0; i < customers; i += BATCH) {
    const batch: ScoredCustomer[] = [];
    for (let j = i; j < Math.min(customers, i + BATCH); j++) batch.push(customerOf(j, runIndex));
    await history.add(batch);
  }
  const outcome = await history.finish();
  await history.commit();
  return { cpuMs: Math.round((process.cpuUsage().user - cpu) / 1000), outcome };
}

if (import.meta.main) {
  const customers = Number(process.argv[2] ?? 1_000_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'segment-sheets-history-bench-'));
  try {
    const store = new LocalSnapshotStore(dir);
    const first = await run(store, '2024-05-31', 0, customers);
    const second = await run(store, '2024-06-30', 1, customers);
    (globalThis as { gc?: () => void }).gc?.();
    const comparison = second.outcome.comparison;
    process.stdout.write(
      `${JSON.stringify({
        customers,
        firstRun: { status: first.outcome.status, cpuMs: first.cpuMs },
        secondRun: { status: second.outcome.status, cpuMs: second.cpuMs, changed: comparison?.matrix.changed(), moved: comparison?.moved },
        heapAfterMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }, null, 2)}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
