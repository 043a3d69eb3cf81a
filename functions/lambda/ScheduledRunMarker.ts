import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { encryptionFields, type ServerSideEncryption } from '../result-files/s3/ServerSideEncryption.ts';

/** Where a scheduled run is. `published` and `succeeded` are final: a re-delivery does nothing. */
export type RunMarkerState = 'started' | 'published' | 'succeeded' | 'failed';

export interface RunMarkerRecord {
  readonly job: string;
  readonly scheduledTime: string;
  readonly state: RunMarkerState;
  /** 1 for the first invocation, +1 for each one that took over after a failure. */
  readonly attempt: number;
  readonly invocationId: string;
  readonly updatedAt: string;
  readonly error?: string;
}

/** The outcome of {@link ScheduledRunMarker.claim}. */
export type RunClaim =
  | { readonly outcome: 'claimed'; readonly attempt: number }
  /** The run already published or succeeded, or another invocation holds it: do nothing. */
  | { readonly outcome: 'skip'; readonly reason: string };

export interface ScheduledRunMarkerOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** e.g. `runs/markers/customer-segments/2024-05-06T04:00:00Z.json` */
  readonly key: string;
  readonly job: string;
  readonly scheduledTime: string;
  readonly invocationId: string;
  readonly now: () => Date;
  readonly encryption?: ServerSideEncryption;
}

/**
 * Makes a scheduled invocation idempotent with one S3 object per job and scheduled time, changed
 * only by conditional writes: created with `If-None-Match: *`, then updated with `If-Match` on
 * the ETag this invocation wrote. So of two deliveries of the same schedule time exactly one
 * claims the run, a run that already published is never published again, and an invocation
 * whose claim was taken over cannot mark anything.
 *
 * A run left `started` or `failed` (the function crashed or threw) is taken over by the next
 * delivery: the functions run with reserved concurrency 1, so no other invocation of the job
 * can still be running it.
 *
 * @example
 * ```ts
 * const marker = new ScheduledRunMarker({ s3, bucket, key, job: 'customer-segments', scheduledTime, invocationId, now: () => new Date() });
 * const claim = await marker.claim();
 * if (claim.outcome === 'skip') return;
 * await marker.assertMayPublish();
 * await sink.publish(model);
 * await marker.mark('published');
 * ```
 */
export class ScheduledRunMarker {
  private readonly options: ScheduledRunMarkerOptions;
  private etag: string | undefined;
  private attempt = 0;

  constructor(options: ScheduledRunMarkerOptions) {
    this.options = options;
  }

  get key(): string {
    return this.options.key;
  }

  async claim(): Promise<RunClaim> {
    const created = await this.put('started', 1, { IfNoneMatch: '*' });
    if (created) return { outcome: 'claimed', attempt: 1 };
    const current = await this.read();
    if (!current) {
      // Deleted between the two calls: claim afresh.
      return (await this.put('started', 1, { IfNoneMatch: '*' }))
        ? { outcome: 'claimed', attempt: 1 }
        : { outcome: 'skip', reason: 'another invocation claimed the run' };
    }
    if (current.record.state === 'published' || current.record.state === 'succeeded') {
      return { outcome: 'skip', reason: `already ${current.record.state} (attempt ${current.record.attempt})` };
    }
    const attempt = current.record.attempt + 1;
    if (current.etag === undefined) throw new Error(`S3 returned no ETag for ${this.options.key}`);
    return (await this.put('started', attempt, { IfMatch: current.etag }))
      ? { outcome: 'claimed', attempt }
      : { outcome: 'skip', reason: 'another invocation took over the run' };
  }

  /** Throws unless this invocation still holds the run and nothing was published for it yet. */
  async assertMayPublish(): Promise<void> {
    const current = await this.read();
    if (!current || current.etag !== this.etag || current.record.state !== 'started') {
      throw new Error(
        `not publishing: the run marker ${this.options.key} changed (${current ? `${current.record.state}, attempt ${current.record.attempt}` : 'missing'})`,
      );
    }
  }

  /** Records a new state; throws if another invocation changed the marker meanwhile. */
  async mark(state: Exclude<RunMarkerState, 'started'>, error?: string): Promise<void> {
    if (this.etag === undefined) throw new Error('the run was not claimed');
    const written = await this.put(state, this.attempt, { IfMatch: this.etag }, error);
    if (!written) throw new Error(`the run marker ${this.options.key} was changed by another invocation`);
  }

  private async put(
    state: RunMarkerState,
    attempt: number,
    condition: { IfNoneMatch: string } | { IfMatch: string },
    error?: string,
  ): Promise<boolean> {
    const record: RunMarkerRecord = {
      job: this.options.job,
      scheduledTime: this.options.scheduledTime,
      state,
      attempt,
      invocationId: this.options.invocationId,
      updatedAt: this.options.now().toISOString(),
      ...(error === undefined ? {} : { error: error.slice(0, 2000) }),
    };
    try {
      const output = await this.options.s3.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.options.key,
          Body: `${JSON.stringify(record)}\n`,
          ContentType: 'application/json',
          ...condition,
          ...encryptionFields(this.options.encryption ?? { type: 'AES256' }),
        }),
      );
      this.etag = output.ETag;
      this.attempt = attempt;
      return true;
    } catch (caught) {
      if (isConditionFailure(caught)) return false;
      throw caught;
    }
  }

  private async read(): Promise<{ record: RunMarkerRecord; etag: string | undefined } | undefined> {
    try {
      const output = await this.options.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.options.key }));
      const text = output.Body ? await output.Body.transformToString() : '';
      return { record: JSON.parse(text) as RunMarkerRecord, etag: output.ETag };
    } catch (caught) {
      const name = (caught as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
      throw caught;
    }
  }
}

/** 412: the condition did not hold; 409: a concurrent conditional write to the same key won. */
function isConditionFailure(error: unknown): boolean {
  const shape = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = shape.$metadata?.httpStatusCode;
  return shape.name === 'PreconditionFailed' || shape.name === 'ConditionalRequestConflict' || status === 412 || status === 409;
}
