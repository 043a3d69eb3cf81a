import { CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_TABLE } from '../../functions/rfm/defaultSegmentTable.ts';
import { historyConfigSchema } from '../../functions/segment-history/historyConfig.ts';
import { MovementRules } from '../../functions/segment-history/MovementRules.ts';
import { S3SnapshotStore } from '../../functions/segment-history/s3/S3SnapshotStore.ts';
import { SegmentHistory } from '../../functions/segment-history/SegmentHistory.ts';
import type { SnapshotRow } from '../../functions/segment-history/SnapshotRow.ts';
import { customer, previousRow } from '../segment-history/fixtures.ts';
import { InMemoryBucket, s3Error } from './support/InMemoryBucket.ts';

const PREFIX = 'runs/history/';

function storeOn(bucket: InMemoryBucket, partBytes?: number): S3SnapshotStore {
  return new S3SnapshotStore({ s3: bucket.client, bucket: 'results', prefix: PREFIX, partBytes });
}

/** Writes in batches of 10,000 rows, as the job does. */
async function writeSnapshot(store: S3SnapshotStore, asOf: string, rows: readonly SnapshotRow[]): Promise<void> {
  const writer = await store.create(asOf);
  for (let i = 0; i < rows.length; i += 10_000) await writer.write(rows.slice(i, i + 10_000));
  await writer.commit();
}

const rules = MovementRules.resolve(historyConfigSchema.parse({}), DEFAULT_SEGMENT_TABLE, 'Others');

describe('snapshots in S3', () => {
  it('writes <prefix>as_of=YYYY-MM-DD/snapshot.csv encrypted, only on commit, replacing the same date', async () => {
    const bucket = new InMemoryBucket('results');
    const store = storeOn(bucket);
    await writeSnapshot(store, '2024-06-30', [previousRow('A', 'Champions', 10, '2024-06-30')]);
    const second = await store.create('2024-06-30');
    await second.write([previousRow('B, the second', 'Lost', null, '2024-06-30')]);
    expect(bucket.text('runs/history/as_of=2024-06-30/snapshot.csv')).toContain('\n2024-06-30,A,Champions,');
    await second.commit();

    expect(second.location).toBe('s3://results/runs/history/as_of=2024-06-30/snapshot.csv');
    expect(bucket.keys()).toEqual(['runs/history/as_of=2024-06-30/snapshot.csv']);
    expect(bucket.text('runs/history/as_of=2024-06-30/snapshot.csv')).toBe(
      'as_of,customer_id,segment,r,f,m,rfm_code,recency_days,frequency,monetary,p_alive,clv\n2024-06-30,"B, the second",Lost,4,4,4,444,10,5,400,,\n',
    );
    expect(bucket.objects.get('runs/history/as_of=2024-06-30/snapshot.csv')?.serverSideEncryption).toBe('AES256');
  });

  it('streams a large snapshot as a multipart upload and leaves nothing behind when aborted', async () => {
    const bucket = new InMemoryBucket('results');
    bucket.chunkBytes = 64 * 1024; // The default 7-byte chunks are for split-record tests; this one is about size.
    const store = storeOn(bucket, 5 * 1024 * 1024);
    // About 6.5 MB of CSV: more than one 5 MiB part.
    const rows = Array.from({ length: 110_000 }, (_, i) => previousRow(`C${String(i).padStart(6, '0')}`, 'Loyal Customers', i, '2024-06-30'));
    const writer = await store.create('2024-06-30');
    await writer.write(rows);
    await writer.abort();
    expect(bucket.keys()).toEqual([]);
    expect(bucket.openMultipartUploads()).toBe(0);

    await writeSnapshot(store, '2024-06-30', rows);
    expect(bucket.stub).toHaveReceivedCommandWith(CreateMultipartUploadCommand, { Key: 'runs/history/as_of=2024-06-30/snapshot.csv', ServerSideEncryption: 'AES256' });
    const read: SnapshotRow[] = [];
    for await (const batch of store.read({ asOf: '2024-06-30', location: 'x' })) read.push(...batch);
    expect(read).toEqual(rows);
  });

  it('finds the newest earlier snapshot by listing the prefix (across pages), ignoring other keys', async () => {
    const bucket = new InMemoryBucket('results');
    const store = storeOn(bucket);
    expect(await store.findPrevious('2024-06-30')).toBeUndefined();
    for (const asOf of ['2024-03-31', '2024-06-30', '2024-05-31', '2024-07-31']) await writeSnapshot(store, asOf, []);
    bucket.putObject('runs/history/as_of=2024-06-15/notes.txt', 'not a snapshot');
    bucket.putObject('runs/history/as_of=2024-06-16/old/snapshot.csv', 'nested');
    bucket.putObject('runs/customer-segments/as_of=2024-06-20/snapshot.csv', 'another prefix');

    expect(await store.findPrevious('2024-06-30')).toEqual({ asOf: '2024-05-31', location: 's3://results/runs/history/as_of=2024-05-31/snapshot.csv' });
    expect((await store.findPrevious('2025-01-01'))?.asOf).toBe('2024-07-31');
    expect(await store.findPrevious('2024-03-31')).toBeUndefined();
  });

  it('compares with the previous snapshot through the store', async () => {
    const bucket = new InMemoryBucket('results');
    const store = storeOn(bucket);
    await writeSnapshot(store, '2024-05-31', [previousRow('A', 'Champions', 500), previousRow('B', 'Lost')]);
    const history = await SegmentHistory.start(store, { asOf: '2024-06-30', rules, rowCap: 10, clvEnabled: true });
    await history.add([customer('A', 'At Risk', { clv: 80 }), customer('C', 'New Customers')]);
    const outcome = await history.finish();
    await history.commit();

    expect(outcome.status).toBe('compared');
    expect(outcome.previous).toEqual({ asOf: '2024-05-31', location: 's3://results/runs/history/as_of=2024-05-31/snapshot.csv' });
    expect(outcome.comparison?.matrix.toJSON()).toEqual({ Champions: { 'At Risk': 1 }, Lost: { '(gone)': 1 }, '(new)': { 'New Customers': 1 } });
    expect(outcome.comparison?.movers.map((m) => [m.customerId, m.valueAtStake])).toEqual([['A', 80]]);
    expect(bucket.keys()).toEqual(['runs/history/as_of=2024-05-31/snapshot.csv', 'runs/history/as_of=2024-06-30/snapshot.csv']);
  });

  it('notes a previous snapshot it may not read, or cannot list, instead of failing the run', async () => {
    const bucket = new InMemoryBucket('results');
    const store = storeOn(bucket);
    await writeSnapshot(store, '2024-05-31', [previousRow('A', 'Champions', 500)]);
    bucket.denyAccess('GetObject', 'runs/history/as_of=2024-05-31/');
    const unreadable = await SegmentHistory.start(store, { asOf: '2024-06-30', rules, rowCap: 10, clvEnabled: true });
    await unreadable.add([customer('A', 'Lost')]);
    expect((await unreadable.finish()).status).toBe(
      'previous snapshot unreadable: could not read s3://results/runs/history/as_of=2024-05-31/snapshot.csv: AccessDenied',
    );
    await unreadable.commit();
    expect(bucket.keys()).toContain('runs/history/as_of=2024-06-30/snapshot.csv');

    bucket.failWith('ListObjectsV2', 'runs/history/', () => s3Error('AccessDenied', 403));
    const unlisted = await SegmentHistory.start(store, { asOf: '2024-07-31', rules, rowCap: 10, clvEnabled: true });
    expect((await unlisted.finish()).status).toBe('previous snapshot unreadable: could not look for it in s3://results/runs/history/: AccessDenied');
    await unlisted.abort();
    expect(bucket.keys()).not.toContain('runs/history/as_of=2024-07-31/snapshot.csv');
  });
});
