import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ServerSideEncryption } from '../../result-files/s3/ServerSideEncryption.ts';
import { S3StreamingUpload } from '../../result-files/s3/S3StreamingUpload.ts';
import { readSnapshotCsv } from '../readSnapshotCsv.ts';
import { asOfOfFolder, SNAPSHOT_FILE, snapshotFolder, snapshotHeaderLine, snapshotLines } from '../snapshotCsv.ts';
import type { SnapshotRow } from '../SnapshotRow.ts';
import type { SnapshotRef, SnapshotStore, SnapshotWriter } from '../SnapshotStore.ts';
import { SnapshotUnreadableError } from '../SnapshotUnreadableError.ts';

export interface S3SnapshotStoreOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** Key prefix of the history, e.g. `runs/history/`: the location of the Athena table. */
  readonly prefix: string;
  /** Default SSE-S3 (`AES256`). */
  readonly encryption?: ServerSideEncryption;
  /** Multipart part size in bytes. Default 8 MiB. */
  readonly partBytes?: number;
}

/**
 * Segment snapshots in S3, `<prefix>as_of=YYYY-MM-DD/snapshot.csv`, encrypted server-side: one
 * Hive-style partition per as-of date, so the Glue table over the prefix (partition projection on
 * `as_of`) lets Athena query every run's segments. A snapshot streams out as a multipart upload
 * that completes on commit — S3 makes the object visible only then, replacing one of the same
 * date in one step; abort cancels the upload. The previous snapshot is found by listing the prefix.
 *
 * @example
 * ```ts
 * const store = new S3SnapshotStore({ s3, bucket: 'results', prefix: 'runs/history/' });
 * const previous = await store.findPrevious('2024-06-30'); // { asOf: '2024-06-23', location: 's3://results/runs/history/as_of=2024-06-23/snapshot.csv' }
 * ```
 */
export class S3SnapshotStore implements SnapshotStore {
  readonly location: string;
  private readonly options: S3SnapshotStoreOptions;
  private readonly prefix: string;

  constructor(options: S3SnapshotStoreOptions) {
    this.options = options;
    this.prefix = options.prefix === '' || options.prefix.endsWith('/') ? options.prefix : `${options.prefix}/`;
    this.location = `s3://${options.bucket}/${this.prefix}`;
  }

  async create(asOf: string): Promise<SnapshotWriter> {
    const key = this.keyOf(asOf);
    const upload = new S3StreamingUpload(this.options.s3, {
      bucket: this.options.bucket,
      key,
      contentType: 'text/csv; charset=utf-8',
      encryption: this.options.encryption ?? { type: 'AES256' },
      partBytes: this.options.partBytes,
    });
    await upload.write(snapshotHeaderLine());
    let done = false;
    return {
      location: `s3://${this.options.bucket}/${key}`,
      write: (rows: readonly SnapshotRow[]) => upload.write(snapshotLines(rows)),
      commit: async () => {
        done = true;
        await upload.close();
      },
      abort: async () => {
        if (done) return;
        done = true;
        await upload.abort();
      },
    };
  }

  async findPrevious(asOf: string): Promise<SnapshotRef | undefined> {
    let newest: string | undefined;
    let token: string | undefined;
    do {
      const page = await this.options.s3.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: this.prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const [folder, file, ...rest] = (object.Key ?? '').slice(this.prefix.length).split('/');
        const date = asOfOfFolder(folder ?? '');
        if (date !== undefined && file === SNAPSHOT_FILE && rest.length === 0 && date < asOf && (newest === undefined || date > newest)) newest = date;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return newest === undefined ? undefined : { asOf: newest, location: `s3://${this.options.bucket}/${this.keyOf(newest)}` };
  }

  async *read(ref: SnapshotRef): AsyncGenerator<SnapshotRow[]> {
    let body: (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    try {
      const object = await this.options.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(ref.asOf) }));
      body = object.Body as typeof body;
      if (!body) throw new SnapshotUnreadableError(`${ref.location} has no body`);
      yield* readSnapshotCsv(body, ref.asOf);
    } catch (error) {
      if (error instanceof SnapshotUnreadableError) throw error;
      throw new SnapshotUnreadableError(`could not read ${ref.location}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      // A comparison that stops early must not leave the connection open.
      body?.destroy?.();
    }
  }

  private keyOf(asOf: string): string {
    return `${this.prefix}${snapshotFolder(asOf)}/${SNAPSHOT_FILE}`;
  }
}
