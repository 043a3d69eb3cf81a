import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, demoConfig } from '../../functions/cli/demoConfig.ts';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import type { SourceCounts } from '../../functions/ingestion/SourceCounts.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { generateSampleData, type SampleDataTruth } from '../../functions/sample-data/generateSampleData.ts';
import { INJECTED_ORDER_BAD_ROW_REASONS } from '../../functions/sample-data/injectBadOrderRows.ts';
import { accountBadRows, displacedByReason } from '../bench/badRowAccounting.ts';
import { readCsv } from './readCsv.ts';

const ROWS = 20_000;
const SHARE = 0.01;
let dir = '';

/** Generates a sample in `dir/name` (seed 11, no leads). */
function generate(name: string, options: { badRowRate: number; injectBadOrderRows?: number }): Promise<SampleDataTruth> {
  return generateSampleData({ outDir: join(dir, name), seed: 11, asOf: DEMO_AS_OF, orderRows: ROWS, leads: 0, ...options });
}

/** Runs the orders ingestion of the demo configuration over `dir/name/orders.csv`. */
async function ingest(name: string): Promise<{ counts: SourceCounts; quarantineFile: string }> {
  const demo = demoConfig();
  const outDir = join(dir, `${name}-out`);
  const config = parseConfig({ ...demo, sources: { orders: { ...demo.sources.orders, path: join(dir, name, 'orders.csv') } }, output: { dir: outDir } }, 'test');
  const engine = await DuckDbQueryEngine.open({ memoryLimit: '1GB', threads: 1 });
  const results = await LocalResultStore.open(outDir);
  try {
    const { counts, writeQuarantine } = await ingestOrders(engine, config, DEMO_AS_OF, results);
    await writeQuarantine();
    await results.commit();
    return { counts, quarantineFile: join(outDir, 'quarantine_orders.csv') };
  } finally {
    await engine.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'segment-sheets-inject-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bad order rows injected into a clean file', () => {
  let clean: SampleDataTruth;
  let bad: SampleDataTruth;
  beforeAll(async () => {
    clean = await generate('clean', { badRowRate: 0 });
    bad = await generate('bad', { badRowRate: 0, injectBadOrderRows: SHARE });
  });

  it('replaces about the share of rows, every kind in equal parts, and records them in truth.json', async () => {
    const injected = bad.injectedBadRows?.['orders.csv'];
    expect(injected).toBeDefined();
    expect(injected?.rowsWritten).toBe(clean.orders.rowsWritten);
    const total = injected?.rows ?? 0;
    // Binomial(20k, 1%): mean 200, sd 14.
    expect(total).toBeGreaterThan(150);
    expect(total).toBeLessThan(250);
    const perReason = INJECTED_ORDER_BAD_ROW_REASONS.map((reason) => injected?.byReason[reason] ?? 0);
    expect(perReason.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...perReason) - Math.min(...perReason)).toBeLessThanOrEqual(1);
    expect(JSON.parse(await readFile(join(dir, 'bad', 'truth.json'), 'utf8')).injectedBadRows).toEqual(bad.injectedBadRows);
  });

  it('changes exactly the listed rows and leaves every other line byte-identical', async () => {
    const before = (await readFile(join(dir, 'clean', 'orders.csv'), 'utf8')).split('\n');
    const after = (await readFile(join(dir, 'bad', 'orders.csv'), 'utf8')).split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [i])); // line i = data row i
    const listed = readCsv(join(dir, 'bad', 'injected_bad_rows.csv')).rows.map((r) => Number(r['source_row']));
    expect(changed).toEqual(listed);
  });

  it('is deterministic from the seed', async () => {
    await generate('bad-again', { badRowRate: 0, injectBadOrderRows: SHARE });
    for (const file of ['orders.csv', 'injected_bad_rows.csv']) {
      expect(await readFile(join(dir, 'bad-again', file), 'utf8')).toBe(await readFile(join(dir, 'bad', file), 'utf8'));
    }
  });

  it('is quarantined row for row with the injected reasons', async () => {
    const cleanRun = await ingest('clean');
    expect(cleanRun.counts.rowsQuarantined).toBe(0);
    const badRun = await ingest('bad');
    const injected = bad.injectedBadRows?.['orders.csv'];
    expect(badRun.counts.quarantinedByReason).toEqual(injected?.byReason);
    const quarantined = readCsv(badRun.quarantineFile).rows.map((r) => [r['source_row'], r['quarantine_reason']]);
    const listed = readCsv(join(dir, 'bad', 'injected_bad_rows.csv')).rows.map((r) => [r['source_row'], r['reason']]);
    expect(quarantined).toEqual(listed);
  });
});

describe('bad order rows injected into a file with the generator’s own bad rows', () => {
  it('quarantines the clean counts minus the displaced rows plus the injected ones, per reason', async () => {
    await generate('mixed-clean', { badRowRate: 0.05 });
    const bad = await generate('mixed-bad', { badRowRate: 0.05, injectBadOrderRows: 0.05 });
    const cleanRun = await ingest('mixed-clean');
    const badRun = await ingest('mixed-bad');
    const displaced = await displacedByReason(cleanRun.quarantineFile, join(dir, 'mixed-bad', 'injected_bad_rows.csv'));
    // At 5% + 5%, about 50 of the ~1,000 injected rows land on one of the ~1,000 planted ones.
    const displacedTotal = Object.values(displaced).reduce((a, b) => a + b, 0);
    expect(displacedTotal).toBeGreaterThan(10);
    const accounting = accountBadRows({
      clean: cleanRun.counts.quarantinedByReason,
      displaced,
      injected: bad.injectedBadRows?.['orders.csv'].byReason ?? {},
      actual: badRun.counts.quarantinedByReason,
    });
    expect(accounting.reasons.filter((r) => r.actual !== r.expected)).toEqual([]);
    expect(accounting.matches).toBe(true);
    // Without the displaced rows the counts would not add up: the correction is needed.
    const naive = accountBadRows({ clean: cleanRun.counts.quarantinedByReason, displaced: {}, injected: bad.injectedBadRows?.['orders.csv'].byReason ?? {}, actual: badRun.counts.quarantinedByReason });
    expect(naive.matches).toBe(false);
  });
});
