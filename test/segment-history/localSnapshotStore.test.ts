import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import { historyConfigSchema } from '../../functions/segment-history/historyConfig.ts';
import { LocalSnapshotStore } from '../../functions/segment-history/local/LocalSnapshotStore.ts';
import { MovementRules } from '../../functions/segment-history/MovementRules.ts';
import { SegmentHistory } from '../../functions/segment-history/SegmentHistory.ts';
import type { SnapshotRow } from '../../functions/segment-history/SnapshotRow.ts';
import { tempDirWith } from '../support/tempDir.ts';
import { customer, previousRow } from './fixtures.ts';

async function writeSnapshot(store: LocalSnapshotStore, asOf: string, rows: readonly SnapshotRow[]): Promise<void> {
  const writer = await store.create(asOf);
  await writer.write(rows);
  await writer.commit();
}

async function readRows(store: LocalSnapshotStore, asOf: string): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  for await (const batch of store.read({ asOf, location: path.join(store.location, `as_of=${asOf}`, 'snapshot.csv') })) rows.push(...batch);
  return rows;
}

const rules = MovementRules.resolve(historyConfigSchema.parse({}), DEFAULT_SEGMENT_TABLE, 'Others');

describe('snapshots in a local folder', () => {
  it('writes as_of=YYYY-MM-DD/snapshot.csv, visible only on commit, and replaces the same date', async () => {
    const store = new LocalSnapshotStore(path.join(await tempDirWith(), 'history'));
    await writeSnapshot(store, '2024-06-30', [previousRow('A', 'Champions', 10, '2024-06-30')]);

    const second = await store.create('2024-06-30');
    await second.write([previousRow('B', 'Lost', null, '2024-06-30')]);
    // Not committed yet: the first snapshot is still the one there.
    expect((await readRows(store, '2024-06-30')).map((r) => r.customerId)).toEqual(['A']);
    await second.commit();

    expect((await readRows(store, '2024-06-30')).map((r) => r.customerId)).toEqual(['B']);
    expect(await readdir(store.location)).toEqual(['as_of=2024-06-30']);
    // No temporary file left beside it.
    expect(await readdir(path.join(store.location, 'as_of=2024-06-30'))).toEqual(['snapshot.csv']);
    expect(await readFile(second.location, 'utf8')).toBe(
      'as_of,customer_id,segment,r,f,m,rfm_code,recency_days,frequency,monetary,p_alive,clv\n2024-06-30,B,Lost,4,4,4,444,10,5,400,,\n',
    );
  });

  it('leaves the earlier snapshot of the date when a run aborts', async () => {
    const store = new LocalSnapshotStore(path.join(await tempDirWith(), 'history'));
    await writeSnapshot(store, '2024-06-30', [previousRow('A', 'Champions', 10, '2024-06-30')]);
    const failed = await store.create('2024-06-30');
    await failed.write([previousRow('B', 'Lost', null, '2024-06-30')]);
    await failed.abort();
    expect((await readRows(store, '2024-06-30')).map((r) => r.customerId)).toEqual(['A']);
    expect(await readdir(path.join(store.location, 'as_of=2024-06-30'))).toEqual(['snapshot.csv']);
  });

  it('finds the newest snapshot strictly before the as-of date, skipping folders without a finished file', async () => {
    const store = new LocalSnapshotStore(path.join(await tempDirWith(), 'history'));
    expect(await store.findPrevious('2024-06-30')).toBeUndefined(); // no folder yet
    for (const asOf of ['2024-03-31', '2024-05-31', '2024-06-30', '2024-07-31']) await writeSnapshot(store, asOf, []);
    // A run that crashed before its rename leaves only a temporary file.
    await mkdir(path.join(store.location, 'as_of=2024-06-15'));
    await writeFile(path.join(store.location, 'as_of=2024-06-15', '.snapshot.csv.x.tmp'), 'half');
    await mkdir(path.join(store.location, 'notes'));

    expect(await store.findPrevious('2024-06-30')).toEqual({ asOf: '2024-05-31', location: path.join(store.location, 'as_of=2024-05-31', 'snapshot.csv') });
    expect((await store.findPrevious('2024-08-01'))?.asOf).toBe('2024-07-31');
    expect((await store.findPrevious('2024-04-01'))?.asOf).toBe('2024-03-31');
    expect(await store.findPrevious('2024-03-31')).toBeUndefined();
  });

  it('turns a corrupt previous snapshot into a clear status, still writing this run\'s snapshot', async () => {
    const store = new LocalSnapshotStore(path.join(await tempDirWith(), 'history'));
    await mkdir(path.join(store.location, 'as_of=2024-05-31'), { recursive: true });
    await writeFile(path.join(store.location, 'as_of=2024-05-31', 'snapshot.csv'), 'this is not,a snapshot\n1,2\n');

    const history = await SegmentHistory.start(store, { asOf: '2024-06-30', rules, rowCap: 10, clvEnabled: true });
    await history.add([customer('A', 'Lost')]);
    const outcome = await history.finish();
    await history.commit();

    expect(outcome.status).toBe('previous snapshot unreadable: the header lacks as_of, customer_id, segment, r, f, m, rfm_code, recency_days, frequency, monetary, p_alive, clv');
    expect(outcome.previous?.asOf).toBe('2024-05-31');
    expect(outcome.comparison).toBeUndefined();
    expect((await readRows(store, '2024-06-30')).map((r) => [r.customerId, r.segment])).toEqual([['A', 'Lost']]);
  });

  it('says first run when there is no earlier snapshot', async () => {
    const store = new LocalSnapshotStore(path.join(await tempDirWith(), 'history'));
    const history = await SegmentHistory.start(store, { asOf: '2024-06-30', rules, rowCap: 10, clvEnabled: false });
    await history.add([customer('A', 'Lost')]);
    expect((await history.finish()).status).toBe('first run: no previous snapshot');
  });
});
