import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { InMemoryBucket, s3Error } from '../support/InMemoryBucket.ts';

/**
 * Several {@link InMemoryBucket}s behind every S3Client: the Lambda handler makes one client of
 * its own and uses it for all its buckets, so each call is routed by its `Bucket` to the bucket
 * that serves it. A bucket not set up answers NoSuchBucket, as S3 would.
 *
 * @example
 * ```ts
 * const s3 = new InMemoryS3(['exports', 'results']);
 * s3.bucket('exports').putObject('orders/dt=2024-07-01/orders.csv', csv);
 * // ... code under test calls new S3Client({}).send(...) ...
 * s3.restore();
 * ```
 */
export class InMemoryS3 {
  private readonly buckets = new Map<string, InMemoryBucket>();
  private readonly stub: AwsClientStub<S3Client>;

  constructor(names: readonly string[]) {
    // The buckets' own client stubs first: a client created after S3Client itself is stubbed could not be stubbed again.
    for (const name of names) this.buckets.set(name, new InMemoryBucket(name));
    this.stub = mockClient(S3Client);
    const route = (bucket: string | undefined): S3Client => {
      const found = this.buckets.get(bucket ?? '');
      if (!found) throw s3Error('NoSuchBucket', 404);
      return found.client;
    };
    this.stub.on(ListObjectsV2Command).callsFake((input) => route(input.Bucket).send(new ListObjectsV2Command(input)));
    this.stub.on(GetObjectCommand).callsFake((input) => route(input.Bucket).send(new GetObjectCommand(input)));
    this.stub.on(PutObjectCommand).callsFake((input) => route(input.Bucket).send(new PutObjectCommand(input)));
    this.stub.on(CreateMultipartUploadCommand).callsFake((input) => route(input.Bucket).send(new CreateMultipartUploadCommand(input)));
    this.stub.on(UploadPartCommand).callsFake((input) => route(input.Bucket).send(new UploadPartCommand(input)));
    this.stub.on(CompleteMultipartUploadCommand).callsFake((input) => route(input.Bucket).send(new CompleteMultipartUploadCommand(input)));
    this.stub.on(AbortMultipartUploadCommand).callsFake((input) => route(input.Bucket).send(new AbortMultipartUploadCommand(input)));
    this.stub.on(DeleteObjectsCommand).callsFake((input) => route(input.Bucket).send(new DeleteObjectsCommand(input)));
  }

  bucket(name: string): InMemoryBucket {
    const found = this.buckets.get(name);
    if (!found) throw new Error(`no bucket ${name} in this fake S3`);
    return found;
  }

  /** The calls served so far, by command, e.g. `{ PutObjectCommand: 3 }`. */
  requestCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.stub.calls()) {
      const name = (call.args[0] as object).constructor.name;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  }

  restore(): void {
    this.stub.restore();
    for (const bucket of this.buckets.values()) bucket.stub.restore();
  }
}
