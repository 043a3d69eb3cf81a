import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** An object as the fake bucket stores it. */
export interface StoredObject {
  readonly body: Buffer;
  readonly etag: string;
  readonly lastModified: Date;
  readonly serverSideEncryption?: string;
  readonly contentType?: string;
}

/** A failure the fake answers for matching requests instead of serving them. */
interface Rule {
  readonly command: string;
  readonly keyPrefix: string;
  readonly error: () => Error;
}

/**
 * An S3 client stub (aws-sdk-client-mock) that keeps objects in memory and answers the calls
 * the adapters make: list (prefix, delimiter, pages), get (ranges), conditional put, multipart,
 * delete. Tests assert on what the bucket ends up holding rather than on the calls alone.
 */
export class InMemoryBucket {
  readonly objects = new Map<string, StoredObject>();
  readonly client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  readonly stub: AwsClientStub<S3Client>;
  private readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer>; encryption?: string }>();
  private readonly rules: Rule[] = [];
  private clock = Date.parse('2024-05-01T00:00:00Z');
  /** Keys per ListObjectsV2 page, small so paging is exercised. */
  pageSize = 2;
  /** Bytes per chunk of a GetObject body, small so readers meet records split across chunks. */
  chunkBytes = 7;

  readonly bucket: string;

  /**
   * @param every when true, stubs every S3Client (for code that makes its own), not just {@link client}.
   */
  constructor(bucket: string, every = false) {
    this.bucket = bucket;
    this.stub = every ? mockClient(S3Client) : mockClient(this.client);
    this.stub.on(ListObjectsV2Command).callsFake((input) => this.guard('ListObjectsV2', input.Prefix ?? '', input.Bucket, () => this.list(input)));
    this.stub.on(GetObjectCommand).callsFake((input) => this.guard('GetObject', input.Key ?? '', input.Bucket, () => this.get(input)));
    this.stub.on(PutObjectCommand).callsFake((input) => this.guard('PutObject', input.Key ?? '', input.Bucket, () => this.put(input)));
    this.stub.on(CreateMultipartUploadCommand).callsFake((input) =>
      this.guard('CreateMultipartUpload', input.Key ?? '', input.Bucket, () => {
        const uploadId = `upload-${this.uploads.size + 1}`;
        this.uploads.set(uploadId, { key: input.Key ?? '', parts: new Map(), encryption: input.ServerSideEncryption });
        return { UploadId: uploadId };
      }),
    );
    this.stub.on(UploadPartCommand).callsFake((input) =>
      this.guard('UploadPart', input.Key ?? '', input.Bucket, () => {
        const upload = this.uploads.get(input.UploadId ?? '');
        if (!upload) throw s3Error('NoSuchUpload', 404);
        const body = Buffer.from(input.Body as Uint8Array);
        upload.parts.set(input.PartNumber ?? 0, body);
        return { ETag: `"${md5(body)}"`, ChecksumCRC32: 'AAAAAA==' };
      }),
    );
    this.stub.on(CompleteMultipartUploadCommand).callsFake((input) =>
      this.guard('CompleteMultipartUpload', input.Key ?? '', input.Bucket, () => {
        const upload = this.uploads.get(input.UploadId ?? '');
        if (!upload) throw s3Error('NoSuchUpload', 404);
        const parts = (input.MultipartUpload?.Parts ?? []).map((p: { PartNumber?: number }) => upload.parts.get(p.PartNumber ?? 0) ?? Buffer.alloc(0));
        this.uploads.delete(input.UploadId ?? '');
        this.store(upload.key, Buffer.concat(parts), upload.encryption);
        return {};
      }),
    );
    this.stub.on(AbortMultipartUploadCommand).callsFake((input) => {
      this.uploads.delete(input.UploadId ?? '');
      return {};
    });
    this.stub.on(DeleteObjectsCommand).callsFake((input) => {
      for (const o of input.Delete?.Objects ?? []) this.objects.delete(o.Key ?? '');
      return {};
    });
  }

  /** Stores an object directly (test setup). */
  putObject(key: string, body: string | Uint8Array, lastModified?: string): void {
    this.store(key, Buffer.from(body), 'AES256', lastModified ? new Date(lastModified) : undefined);
  }

  text(key: string): string | undefined {
    return this.objects.get(key)?.body.toString('utf8');
  }

  keys(): string[] {
    return [...this.objects.keys()].sort();
  }

  openMultipartUploads(): number {
    return this.uploads.size;
  }

  /** Makes a command on keys under a prefix fail with S3's AccessDenied. */
  denyAccess(command: string, keyPrefix = ''): void {
    this.rules.push({ command, keyPrefix, error: () => s3Error('AccessDenied', 403) });
  }

  /** Makes a command on keys under a prefix fail with a given error. */
  failWith(command: string, keyPrefix: string, error: () => Error): void {
    this.rules.push({ command, keyPrefix, error });
  }

  private guard<T>(command: string, key: string, bucket: string | undefined, serve: () => T): T {
    if (bucket !== this.bucket) throw s3Error('NoSuchBucket', 404);
    const rule = this.rules.find((r) => r.command === command && key.startsWith(r.keyPrefix));
    if (rule) throw rule.error();
    return serve();
  }

  private list(input: { Prefix?: string; Delimiter?: string; ContinuationToken?: string }) {
    const prefix = input.Prefix ?? '';
    const entries: { key: string; folder: boolean }[] = [];
    const folders = new Set<string>();
    for (const key of this.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const cut = input.Delimiter ? rest.indexOf(input.Delimiter) : -1;
      if (cut >= 0) {
        const folder = prefix + rest.slice(0, cut + 1);
        if (!folders.has(folder)) {
          folders.add(folder);
          entries.push({ key: folder, folder: true });
        }
      } else entries.push({ key, folder: false });
    }
    const start = Number(input.ContinuationToken ?? '0');
    const page = entries.slice(start, start + this.pageSize);
    const next = start + this.pageSize < entries.length ? String(start + this.pageSize) : undefined;
    return {
      Contents: page
        .filter((e) => !e.folder)
        .map((e) => {
          const o = this.objects.get(e.key) as StoredObject;
          return { Key: e.key, Size: o.body.length, LastModified: o.lastModified, ETag: o.etag };
        }),
      CommonPrefixes: page.filter((e) => e.folder).map((e) => ({ Prefix: e.key })),
      IsTruncated: next !== undefined,
      NextContinuationToken: next,
    };
  }

  private get(input: { Key?: string; Range?: string }) {
    const object = this.objects.get(input.Key ?? '');
    if (!object) throw s3Error('NoSuchKey', 404);
    let body = object.body;
    const suffix = /^bytes=-(\d+)$/.exec(input.Range ?? '');
    if (suffix) body = body.subarray(Math.max(0, body.length - Number(suffix[1])));
    return { Body: streamOf(body, this.chunkBytes), ETag: object.etag, ContentLength: body.length };
  }

  private put(input: { Key?: string; Body?: unknown; IfNoneMatch?: string; IfMatch?: string; ServerSideEncryption?: string; ContentType?: string }) {
    const key = input.Key ?? '';
    const existing = this.objects.get(key);
    if (input.IfNoneMatch === '*' && existing) throw s3Error('PreconditionFailed', 412);
    if (input.IfMatch !== undefined && existing?.etag !== input.IfMatch) throw s3Error(existing ? 'PreconditionFailed' : 'NoSuchKey', existing ? 412 : 404);
    const body = typeof input.Body === 'string' ? Buffer.from(input.Body) : Buffer.from(input.Body as Uint8Array);
    const stored = this.store(key, body, input.ServerSideEncryption, undefined, input.ContentType);
    return { ETag: stored.etag };
  }

  private store(key: string, body: Buffer, encryption?: string, lastModified?: Date, contentType?: string): StoredObject {
    this.clock += 1000;
    const stored: StoredObject = {
      body,
      etag: `"${md5(Buffer.concat([body, Buffer.from(String(this.clock))]))}"`,
      lastModified: lastModified ?? new Date(this.clock),
      serverSideEncryption: encryption,
      contentType,
    };
    this.objects.set(key, stored);
    return stored;
  }
}

/** An S3 service error as the SDK raises it. */
export function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** A response body like the SDK's: a Readable with the transform helpers, served in chunks of `chunkBytes`. */
function streamOf(bytes: Buffer, chunkBytes: number): Readable & { transformToByteArray(): Promise<Uint8Array>; transformToString(): Promise<string> } {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  const stream = Readable.from(chunks) as Readable & { transformToByteArray(): Promise<Uint8Array>; transformToString(): Promise<string> };
  stream.transformToByteArray = async () => new Uint8Array(bytes);
  stream.transformToString = async () => bytes.toString('utf8');
  return stream;
}
