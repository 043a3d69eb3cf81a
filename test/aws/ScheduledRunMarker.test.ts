import { describe, expect, it } from 'vitest';
import { ScheduledRunMarker } from '../../functions/lambda/ScheduledRunMarker.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';

const key = 'runs/markers/customer-segments/2024-05-06T04:00:00Z.json';

function marker(bucket: InMemoryBucket, invocationId: string): ScheduledRunMarker {
  return new ScheduledRunMarker({
    s3: bucket.client,
    bucket: 'results',
    key,
    job: 'customer-segments',
    scheduledTime: '2024-05-06T04:00:00Z',
    invocationId,
    now: () => new Date('2024-05-06T04:00:05Z'),
  });
}

function state(bucket: InMemoryBucket): { state: string; attempt: number; invocationId: string } {
  return JSON.parse(bucket.text(key) ?? '{}') as { state: string; attempt: number; invocationId: string };
}

describe('the run marker of a scheduled time', () => {
  it('lets the first delivery claim the run and turns a second delivery away', async () => {
    const bucket = new InMemoryBucket('results');
    const first = marker(bucket, 'req-1');
    const second = marker(bucket, 'req-2');

    expect(await first.claim()).toEqual({ outcome: 'claimed', attempt: 1 });
    await first.assertMayPublish();
    await first.mark('published');
    expect(await second.claim()).toEqual({ outcome: 'skip', reason: 'already published (attempt 1)' });
    await first.mark('succeeded');
    expect(await second.claim()).toEqual({ outcome: 'skip', reason: 'already succeeded (attempt 1)' });
    expect(state(bucket)).toMatchObject({ state: 'succeeded', attempt: 1, invocationId: 'req-1' });
    expect(bucket.objects.get(key)?.serverSideEncryption).toBe('AES256');
  });

  it('lets a later delivery take over a failed run, and stops the old holder from publishing', async () => {
    const bucket = new InMemoryBucket('results');
    const first = marker(bucket, 'req-1');
    await first.claim();
    await first.mark('failed', 'Athena query q-3 FAILED: ...');

    const retry = marker(bucket, 'req-2');
    expect(await retry.claim()).toEqual({ outcome: 'claimed', attempt: 2 });
    expect(state(bucket)).toMatchObject({ state: 'started', attempt: 2, invocationId: 'req-2' });

    // The first invocation no longer holds the run: it may neither publish nor mark.
    await expect(first.assertMayPublish()).rejects.toThrow('not publishing: the run marker');
    await expect(first.mark('published')).rejects.toThrow('was changed by another invocation');
    await retry.assertMayPublish();
    await retry.mark('published');
  });

  it('takes over a run whose invocation died while started', async () => {
    const bucket = new InMemoryBucket('results');
    await marker(bucket, 'req-1').claim();
    expect(await marker(bucket, 'req-2').claim()).toEqual({ outcome: 'claimed', attempt: 2 });
  });

  it('refuses to publish twice within one run', async () => {
    const bucket = new InMemoryBucket('results');
    const only = marker(bucket, 'req-1');
    await only.claim();
    await only.mark('published');
    await expect(only.assertMayPublish()).rejects.toThrow('(published, attempt 1)');
  });
});
