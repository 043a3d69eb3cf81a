import { copyFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoConfigOn } from '../support/demoConfigOn.ts';
import type { ConfigInput } from '../../functions/config/configSchema.ts';
import type { SheetModel, SheetTab } from '../../functions/publishing/SheetModel.ts';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import { generateSampleData } from '../../functions/sample-data/generateSampleData.ts';
import { readCsv } from '../sample-data/readCsv.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';
import { tempDirWith } from '../support/tempDir.ts';

/**
 * The customer job run twice on the same generated shop, three months apart, with history kept
 * in the output folder; the comparison is checked against the two runs' customers.csv files.
 */
const FIRST = '2024-03-31';
const SECOND = '2024-06-30';
/** The default valuable segments and the table's order, written out here rather than taken from the code under test. */
const VALUABLE = ['Champions', 'Loyal Customers', 'Potential Loyalists'];
const RANK = new Map(DEFAULT_SEGMENT_TABLE.map((r, i) => [r.name, i]));

// run.json is JSON read back; its shape is what this test checks.
type Report = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let out: string;
let config: ConfigInput;
let first: { runReport: Report; model: SheetModel };
let second: { runReport: Report; model: SheetModel };
let before: Map<string, Record<string, string>>;
let after: Map<string, Record<string, string>>;

function byId(file: string): Map<string, Record<string, string>> {
  return new Map(readCsv(file).rows.map((r) => [r['customer_id'] as string, r]));
}

function tab(model: SheetModel, name: string): SheetTab {
  const found = model.tabs.find((t) => t.name === name);
  if (!found) throw new Error(`no ${name} tab in ${model.tabs.map((t) => t.name).join(', ')}`);
  return found;
}

/** A block's rows as records by column key. */
function records(t: SheetTab, block = 0): Record<string, unknown>[] {
  const b = t.blocks[block];
  return (b?.rows ?? []).map((row) => Object.fromEntries(b!.columns.map((c, i) => [c.key, row[i]])));
}

beforeAll(async () => {
  const dir = await tempDirWith();
  const data = path.join(dir, 'data');
  out = path.join(dir, 'out');
  await generateSampleData({ outDir: data, asOf: SECOND, orderRows: 8_000, leads: 0, seed: 21 });
  config = demoConfigOn(data, { output: { sink: 'none', rowCap: 25 } });
  first = await runCustomerJobLocally(config, FIRST, out, { history: true });
  await copyFile(path.join(out, 'customers.csv'), path.join(dir, 'customers-first.csv'));
  before = byId(path.join(dir, 'customers-first.csv'));
  second = await runCustomerJobLocally(config, SECOND, out, { history: true });
  after = byId(path.join(out, 'customers.csv'));
}, 120_000);

describe('segment history across two runs of the customer job', () => {
  it('says plainly on the first run that there is no previous snapshot', () => {
    expect(first.runReport['history']).toEqual(expect.objectContaining({ status: 'first run: no previous snapshot', previousAsOf: null }));
    expect(tab(first.model, 'Movements').notes[0]).toMatch(/^First run: no previous snapshot/);
    expect(tab(first.model, 'Movements').blocks).toEqual([]);
    expect(tab(first.model, 'Summary').notes.join(' ')).toMatch(/First run: no previous snapshot/);
  });

  it('keeps one snapshot per as-of date with every customer of that run, in customer order', async () => {
    expect((await readdir(path.join(out, 'history'))).sort()).toEqual([`as_of=${FIRST}`, `as_of=${SECOND}`]);
    const snapshot = readCsv(path.join(out, 'history', `as_of=${SECOND}`, 'snapshot.csv'));
    expect(snapshot.header).toEqual(['as_of', 'customer_id', 'segment', 'r', 'f', 'm', 'rfm_code', 'recency_days', 'frequency', 'monetary', 'p_alive', 'clv']);
    expect(snapshot.rows.map((r) => [r['customer_id'], r['segment'], r['clv']])).toEqual([...after.values()].map((c) => [c['customer_id'], c['segment'], c['clv']]));
    expect(snapshot.rows.every((r) => r['as_of'] === SECOND)).toBe(true);
  });

  it('counts a migration matrix whose totals are the customer counts of both runs', () => {
    const history = second.runReport['history'];
    expect(history.status).toBe('compared');
    expect(history.previousAsOf).toBe(FIRST);
    const matrix = history.matrix as Record<string, Record<string, number>>;
    const rowsThen = Object.entries(matrix).filter(([from]) => from !== '(new)');
    const cellsNow = Object.values(matrix).flatMap((row) => Object.entries(row).filter(([to]) => to !== '(gone)'));
    expect(rowsThen.flatMap(([, row]) => Object.values(row)).reduce((a, n) => a + n, 0)).toBe(first.runReport['customers']);
    expect(cellsNow.reduce((a, [, n]) => a + n, 0)).toBe(second.runReport['customers']);
    expect(before.size).toBe(first.runReport['customers']);
    expect(after.size).toBe(second.runReport['customers']);
  });

  it('matches the matrix worked out from the two customers.csv files', () => {
    const expected: Record<string, Record<string, number>> = {};
    const bump = (from: string, to: string) => {
      const row = (expected[from] ??= {});
      row[to] = (row[to] ?? 0) + 1;
    };
    for (const [id, now] of after) bump(before.get(id)?.['segment'] ?? '(new)', now['segment'] as string);
    for (const [id, then] of before) if (!after.has(id)) bump(then['segment'] as string, '(gone)');
    expect(second.runReport['history'].matrix).toEqual(expected);
    // The shop only grows between the two dates, so some customers are new; nobody's orders vanished.
    expect(second.runReport['history'].new).toBeGreaterThan(0);
    expect(second.runReport['history'].gone).toBe(0);
  });

  it('lists movers who left a valuable segment for a lower one, by value at stake, up to the row cap', () => {
    const movers = records(tab(second.model, 'Movements'));
    const expectedMoved = [...after].filter(([id, now]) => {
      const from = before.get(id)?.['segment'];
      const to = now['segment'] as string;
      return from !== undefined && VALUABLE.includes(from) && !VALUABLE.includes(to) && (RANK.get(to) as number) > (RANK.get(from) as number);
    });
    expect(expectedMoved.length).toBeGreaterThan(25); // the cap is exercised
    expect(second.runReport['history'].moved).toBe(expectedMoved.length);
    expect(movers).toHaveLength(25);
    for (const m of movers) {
      const then = before.get(m['customer_id'] as string);
      const now = after.get(m['customer_id'] as string);
      expect(VALUABLE).toContain(then?.['segment']);
      expect(m['from_segment']).toBe(then?.['segment']);
      expect(m['to_segment']).toBe(now?.['segment']);
      expect(now?.['segment']).not.toBe(then?.['segment']);
      expect(m['value_at_stake']).toBe(Number(now?.['clv']));
      expect(m['value_from']).toBe('CLV');
    }
    const values = movers.map((m) => m['value_at_stake'] as number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // The 25 shown are the 25 with the most at stake.
    const top = expectedMoved.map(([, c]) => Number(c['clv'])).sort((a, b) => b - a).slice(0, 25);
    expect(values).toEqual(top);
    expect(tab(second.model, 'Movements').notes.join(' ')).toContain(`between the snapshot of ${FIRST} and ${SECOND}`);
  });

  it('shows each segment\'s change since the last run in the Summary', () => {
    const segments = records(tab(second.model, 'Summary'), 1);
    const then = new Map((first.runReport['rfm'].segments as { segment: string; customers: number }[]).map((s) => [s.segment, s.customers]));
    for (const s of segments) {
      expect(s['customers_last_run']).toBe(then.get(s['segment'] as string));
      expect(s['change_since_last_run']).toBe((s['customers'] as number) - (then.get(s['segment'] as string) as number));
    }
    expect(tab(second.model, 'Migration').blocks.map((b) => b.title)).toEqual(['Migration matrix', 'Change by segment']);
  });

  it('replaces the snapshot when the same as-of date runs again, still comparing with the earlier date', async () => {
    const again = (await runCustomerJobLocally(config, SECOND, out, { history: true })).runReport as Report;
    expect(again['history'].previousAsOf).toBe(FIRST);
    expect(again['history'].matrix).toEqual(second.runReport['history'].matrix);
    expect((await readdir(path.join(out, 'history'))).sort()).toEqual([`as_of=${FIRST}`, `as_of=${SECOND}`]);
    expect(await readdir(path.join(out, 'history', `as_of=${SECOND}`))).toEqual(['snapshot.csv']);
  }, 60_000);

  it('keeps no snapshot and shows no history tabs with history.enabled false', async () => {
    const elsewhere = path.join(await tempDirWith(), 'out');
    const run = await runCustomerJobLocally({ ...config, history: { enabled: false } }, SECOND, elsewhere, { history: true });
    expect(run.runReport['history']).toEqual({ status: 'off', asOf: SECOND, previousAsOf: null });
    expect(run.model.tabs.map((t) => t.name)).not.toContain('Movements');
    expect(await readdir(elsewhere)).not.toContain('history');
  }, 60_000);

  it('fails the run naming the field when history.valuableSegments names no segment of the table', async () => {
    await expect(runCustomerJobLocally({ ...config, history: { valuableSegments: ['VIP'] } }, SECOND, path.join(await tempDirWith(), 'out'), { history: true })).rejects.toThrow(
      /history\.valuableSegments: 'VIP' is not a segment of the segment table/,
    );
  });

  it('runs on with a clear note when the previous snapshot is corrupt', async () => {
    await writeFile(path.join(out, 'history', `as_of=${FIRST}`, 'snapshot.csv'), 'as_of,customer_id\n2024-03-31,C1\n');
    const run = await runCustomerJobLocally(config, SECOND, out, { history: true });
    expect(run.runReport['status']).toBe('succeeded');
    expect(run.runReport['history']).toEqual(expect.objectContaining({ status: expect.stringMatching(/^previous snapshot unreadable: the header lacks segment, r, f, m/), previousAsOf: FIRST }));
    expect(tab(run.model, 'Movements').notes[0]).toMatch(new RegExp(`^No comparison this run \\(${FIRST}\\): previous snapshot unreadable: the header lacks`));
    expect(tab(run.model, 'Migration').blocks).toEqual([]);
  }, 60_000);
});
