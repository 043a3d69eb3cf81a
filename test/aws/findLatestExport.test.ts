import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { findLatestExport } from '../../functions/exports/s3/findLatestExport.ts';
import { UserError } from '../../functions/runtime/UserError.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';

describe('finding the latest export under a prefix', () => {
  it('picks the newest dt= partition that holds data, with all its files in key order', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/dt=2024-04-30/part-1.csv', 'a\n1\n');
    bucket.putObject('orders/dt=2024-05-01/part-2.csv', 'a\n2\n');
    bucket.putObject('orders/dt=2024-05-01/part-1.csv', 'a\n3\n');
    bucket.putObject('orders/dt=2024-05-01/_SUCCESS', 'x');
    // The newest folder is still empty (an upload in progress): the one before wins.
    bucket.putObject('orders/dt=2024-05-02/_started', 'x');
    bucket.putObject('orders/dt=2024-05-02/empty.csv', '');
    bucket.putObject('orders/readme.txt', 'not an export');

    const latest = await findLatestExport(bucket.client, { bucket: 'exports', key: 'orders' });

    expect(latest.layout).toBe('dt-partitions');
    expect(latest.layout === 'dt-partitions' ? latest.dt : undefined).toBe('2024-05-01');
    expect(latest.objects.map((o) => o.key)).toEqual(['orders/dt=2024-05-01/part-1.csv', 'orders/dt=2024-05-01/part-2.csv']);
    // Listing pages (two keys each here) are followed to the end.
    expect(bucket.stub).toHaveReceivedCommandWith(ListObjectsV2Command, { Prefix: 'orders/', Delimiter: '/' });
  });

  it('picks the newest object when there are no dt= folders, ignoring hidden files', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('leads/2024/leads-april.csv.gz', 'x', '2024-04-30T10:00:00Z');
    bucket.putObject('leads/leads-may.csv.gz', 'y', '2024-05-01T10:00:00Z');
    bucket.putObject('leads/.leads-june.csv.gz.crc', 'z', '2024-06-01T10:00:00Z');

    const latest = await findLatestExport(bucket.client, { bucket: 'exports', key: 'leads/' });

    expect(latest.layout).toBe('latest-object');
    expect(latest.objects.map((o) => o.key)).toEqual(['leads/leads-may.csv.gz']);
  });

  it('reads dt= folders as plain folders when the newest object is asked for', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/dt=2024-05-01/a.csv', 'x', '2024-05-01T00:00:00Z');
    bucket.putObject('orders/dt=2024-04-01/b.csv', 'y', '2024-05-02T00:00:00Z');

    const latest = await findLatestExport(bucket.client, { bucket: 'exports', key: 'orders/' }, 'latest-object');

    expect(latest.objects[0].key).toBe('orders/dt=2024-04-01/b.csv');
  });

  it('names the prefix when nothing is there', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/dt=2024-05-01/a.csv', 'x');

    const missing = findLatestExport(bucket.client, { bucket: 'exports', key: 'customers/' });

    await expect(missing).rejects.toBeInstanceOf(UserError);
    await expect(missing).rejects.toThrow('no export found under s3://exports/customers/');
  });

  it('requires partitions when the table is partitioned', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/orders.csv', 'x');

    await expect(findLatestExport(bucket.client, { bucket: 'exports', key: 'orders/' }, 'dt-partitions')).rejects.toThrow(
      'expected dt=YYYY-MM-DD/ folders with files',
    );
  });

  it('explains access denied and a missing bucket as fixable errors', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/a.csv', 'x');
    bucket.denyAccess('ListObjectsV2', 'orders/');

    const denied = findLatestExport(bucket.client, { bucket: 'exports', key: 'orders/' });
    await expect(denied).rejects.toBeInstanceOf(UserError);
    await expect(denied).rejects.toThrow(/access denied to list s3:\/\/exports\/orders\/.*role needs S3 permission/);

    await expect(findLatestExport(bucket.client, { bucket: 'no-such-bucket', key: 'orders/' })).rejects.toThrow(
      'cannot list s3://no-such-bucket/orders/: bucket does not exist',
    );
  });
});
