import { DeleteObjectsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SqlValue } from '../../query-engine/QueryEngine.ts';
import { csvBytes, csvLine } from '../csvLine.ts';
import type { CsvFileWriter, ResultStore } from '../ResultStore.ts';
import { encryptionFields, type ServerSideEncryption } from './ServerSideEncryption.ts';
import { S3StreamingUpload } from './S3StreamingUpload.ts';

export interface S3ResultStoreOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** Key prefix of this job's results, e.g. `runs/customer-segments/`. */
  readonly prefix: string;
  /** Names this run's folder, e.g. the scheduled time `2024-05-06T04-00-00Z`; key-safe characters only. */
  readonly runId: string;
  /** Default SSE-S3 (`AES256`). */
  readonly encryption?: ServerSideEncryption;
  /** Clock for the commit record. Default `new Date()`. */
  readonly now?: () => Date;
  /** Multipart part size in bytes. Default 8 MiB. */
  readonly partBytes?: number;
}

/** What `latest.json` says: the run whose files are current. */
export interface CommittedRun {
  readonly runId: string;
  /** `s3://bucket/prefix/<runId>/` */
  readonly location: string;
  readonly committedAt: string;
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
}

const LATEST = 'latest.json';

/**
 * Result files in S3, one folder per run under the job's prefix
 * (`<prefix><runId>/customers.csv`, `leads.csv`, `quarantine_*.csv`, `run.json`), every object
 * encrypted server-side. CSV files stream out as multipart uploads, so their size is not bounded
 * by memory.
 *
 * Commit makes the run current by writing one object, `<prefix>latest.json`, which names the run
 * folder and its files: a single PutObject is atomic, so a reader that follows `latest.json`
 * sees the previous complete run or this one, never a mix. Abort deletes the run's objects and
 * leaves `latest.json` as it was.
 *
 * @example
 * ```ts
 * const store = new S3ResultStore({ s3, bucket: 'results', prefix: 'runs/customer-segments/', runId: '2024-05-06T04-00-00Z' });
 * const csv = await store.createCsv('customers.csv', ['customer_id', 'segment']);
 * await csv.write([['C-1', 'Champions']]);
 * await csv.close();
 * await store.commit(); // runs/customer-segments/latest.json now points at the run
 * ```
 */
export class S3ResultStore implements ResultStore {
  readonly location: string;
  private readonly options: S3ResultStoreOptions;
  private readonly prefix: string;
  private readonly runFolder: string;
  private readonly encryption: ServerSideEncryption;
  private readonly written = new Map<string, number>();
  private readonly openUploads = new Set<S3StreamingUpload>();
  private state: 'open' | 'committed' | 'aborted' = 'open';

  constructor(options: S3ResultStoreOptions) {
    if (!/^[A-Za-z0-9._:=-]+$/.test(options.runId)) throw new Error(`run id not usable in an S3 key: ${options.runId}`);
    this.options = options;
    this.prefix = options.prefix === '' || options.prefix.endsWith('/') ? options.prefix : `${options.prefix}/`;
    this.runFolder = `${this.prefix}${options.runId}/`;
    this.encryption = options.encryption ?? { type: 'AES256' };
    this.location = `s3://${options.bucket}/${this.runFolder}`;
  }

  async createCsv(name: string, columns: readonly string[]): Promise<CsvFileWriter> {
    const upload = this.upload(name, 'text/csv; charset=utf-8');
    this.openUploads.add(upload);
    let rows = 0;
    await upload.write(csvLine(columns));
    return {
      write: async (batch: readonly (readonly SqlValue[])[]) => {
        const chunk = csvBytes(batch);
        rows += batch.length;
        await upload.write(chunk);
      },
      close: async () => {
        const bytes = await upload.close();
        this.openUploads.delete(upload);
        this.written.set(name, bytes);
        return rows;
      },
    };
  }

  async writeFile(name: string, content: string | Uint8Array): Promise<void> {
    this.checkOpen();
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await this.options.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.keyOf(name),
        Body: body,
        ContentType: contentTypeOf(name),
        ...encryptionFields(this.encryption),
      }),
    );
    this.written.set(name, body.length);
  }

  async commit(): Promise<void> {
    this.checkOpen();
    if (this.openUploads.size > 0) throw new Error('commit with a result file still open');
    const record: CommittedRun = {
      runId: this.options.runId,
      location: this.location,
      committedAt: (this.options.now?.() ?? new Date()).toISOString(),
      files: [...this.written].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    };
    await this.options.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: `${this.prefix}${LATEST}`,
        Body: `${JSON.stringify(record, null, 2)}\n`,
        ContentType: 'application/json',
        ...encryptionFields(this.encryption),
      }),
    );
    this.state = 'committed';
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    await Promise.allSettled([...this.openUploads].map((u) => u.abort()));
    this.openUploads.clear();
    const keys = [...this.written.keys()].map((name) => ({ Key: this.keyOf(name) }));
    this.written.clear();
    for (let i = 0; i < keys.length; i += 1000) {
      await this.options.s3.send(
        new DeleteObjectsCommand({ Bucket: this.options.bucket, Delete: { Objects: keys.slice(i, i + 1000), Quiet: true } }),
      );
    }
  }

  private upload(name: string, contentType: string): S3StreamingUpload {
    this.checkOpen();
    return new S3StreamingUpload(this.options.s3, {
      bucket: this.options.bucket,
      key: this.keyOf(name),
      contentType,
      encryption: this.encryption,
      partBytes: this.options.partBytes,
    });
  }

  /** `name` may have folders (`audiences/google/champions.csv`); every part starts with a letter or digit. */
  private keyOf(name: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(name) || name === LATEST) throw new Error(`invalid result file name: ${name}`);
    return `${this.runFolder}${name}`;
  }

  private checkOpen(): void {
    if (this.state !== 'open') throw new Error(`the result store is ${this.state}`);
  }
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'application/octet-stream';
}
