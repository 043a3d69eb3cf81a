import { CreateMultipartUploadCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { S3ResultStore } from '../../functions/result-files/s3/S3ResultStore.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';

const now = () => new Date('2024-05-06T04:10:00Z');

function store(bucket: InMemoryBucket, runId: string, partBytes?: number): S3ResultStore {
  return new S3ResultStore({ s3: bucket.client, bucket: 'results', prefix: 'runs/customer-segments/', runId, now, partBytes });
}

describe('result files in S3', () => {
  it('writes a run folder, encrypted, and makes it current with one latest.json on commit', async () => {
    const bucket = new InMemoryBucket('results');
    const results = store(bucket, '2024-05-06T04-00-00Z');

    const customers = await results.createCsv('customers.csv', ['customer_id', 'segment', 'monetary']);
    await customers.write([
      ['C-1', 'Champions', 120.5],
      ['C-2', 'At "risk", maybe', null],
    ]);
    expect(await customers.close()).toBe(2);
    await results.writeFile('run.json', '{"status":"succeeded"}\n');
    expect(bucket.keys()).not.toContain('runs/customer-segments/latest.json');
    await results.commit();

    expect(results.location).toBe('s3://results/runs/customer-segments/2024-05-06T04-00-00Z/');
    expect(bucket.text('runs/customer-segments/2024-05-06T04-00-00Z/customers.csv')).toBe(
      'customer_id,segment,monetary\nC-1,Champions,120.5\nC-2,"At ""risk"", maybe",\n',
    );
    expect(JSON.parse(bucket.text('runs/customer-segments/latest.json') ?? '')).toEqual({
      runId: '2024-05-06T04-00-00Z',
      location: 's3://results/runs/customer-segments/2024-05-06T04-00-00Z/',
      committedAt: '2024-05-06T04:10:00.000Z',
      files: [
        { name: 'customers.csv', bytes: 75 },
        { name: 'run.json', bytes: 23 },
      ],
    });
    expect([...bucket.objects.values()].every((o) => o.serverSideEncryption === 'AES256')).toBe(true);
  });

  it('streams a large CSV as a multipart upload in bounded parts', async () => {
    const bucket = new InMemoryBucket('results');
    const results = store(bucket, 'run-1', 5 * 1024 * 1024);
    const leads = await results.createCsv('leads.csv', ['lead_id', 'note']);
    const row = ['L-000000', 'x'.repeat(100)];
    for (let batch = 0; batch < 12; batch++) await leads.write(Array.from({ length: 5_000 }, () => row));
    await leads.close();
    await results.commit();

    const text = bucket.text('runs/customer-segments/run-1/leads.csv') ?? '';
    expect(text.split('\n')).toHaveLength(60_002);
    expect(text.startsWith('lead_id,note\nL-000000,xxx')).toBe(true);
    expect(bucket.stub).toHaveReceivedCommandWith(CreateMultipartUploadCommand, { ServerSideEncryption: 'AES256', Key: 'runs/customer-segments/run-1/leads.csv' });
    expect(bucket.openMultipartUploads()).toBe(0);
  });

  it('leaves the previous run current when a run aborts, and removes what the failed run wrote', async () => {
    const bucket = new InMemoryBucket('results');
    const first = store(bucket, 'run-1');
    await first.writeFile('run.json', '{"run":1}');
    await first.commit();
    const latestBefore = bucket.text('runs/customer-segments/latest.json');

    const second = store(bucket, 'run-2', 5 * 1024 * 1024);
    await second.writeFile('run.json', '{"run":2}');
    const big = await second.createCsv('customers.csv', ['id', 'pad']);
    await big.write(Array.from({ length: 60_000 }, (_, i) => [String(i), 'y'.repeat(100)]));
    await second.abort();

    expect(bucket.text('runs/customer-segments/latest.json')).toBe(latestBefore);
    expect(bucket.keys().filter((k) => k.includes('run-2'))).toEqual([]);
    expect(bucket.openMultipartUploads()).toBe(0);
    await expect(second.commit()).rejects.toThrow('the result store is aborted');
  });

  it('uses a KMS key when told to, and refuses file names that would leave the run folder', async () => {
    const bucket = new InMemoryBucket('results');
    const results = new S3ResultStore({
      s3: bucket.client,
      bucket: 'results',
      prefix: 'runs/x',
      runId: 'r',
      encryption: { type: 'aws:kms', kmsKeyId: 'alias/segment-sheets' },
    });
    await results.writeFile('run.json', '{}');
    expect(bucket.stub).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: 'runs/x/r/run.json',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/segment-sheets',
    });
    await expect(results.writeFile('../latest.json', '{}')).rejects.toThrow('invalid result file name');
    await expect(results.writeFile('latest.json', '{}')).rejects.toThrow('invalid result file name');
  });
});
