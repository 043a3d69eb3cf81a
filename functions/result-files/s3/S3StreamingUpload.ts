import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { encryptionFields, type ServerSideEncryption } from './ServerSideEncryption.ts';

export interface S3StreamingUploadOptions {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  readonly encryption: ServerSideEncryption;
  /** Bytes per multipart part (S3 minimum 5 MiB). Default 8 MiB. */
  readonly partBytes?: number;
}

const MIN_PART_BYTES = 5 * 1024 * 1024;
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

/**
 * Writes one S3 object from text produced piece by piece, in bounded memory: pieces are gathered
 * into parts and uploaded one at a time (multipart upload); an object smaller than one part is
 * a single PutObject. Until {@link close} completes, the object does not exist.
 *
 * @example
 * ```ts
 * const upload = new S3StreamingUpload(s3, { bucket, key: 'runs/x/customers.csv', contentType: 'text/csv', encryption: { type: 'AES256' } });
 * await upload.write('id\n');
 * await upload.close(); // resolves to the object's size in bytes
 * ```
 */
export class S3StreamingUpload {
  private readonly s3: S3Client;
  private readonly options: S3StreamingUploadOptions;
  private readonly partBytes: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private uploadId: string | undefined;
  private readonly parts: CompletedPart[] = [];
  private size = 0;
  private finished = false;

  constructor(s3: S3Client, options: S3StreamingUploadOptions) {
    this.s3 = s3;
    this.options = options;
    this.partBytes = Math.max(MIN_PART_BYTES, options.partBytes ?? DEFAULT_PART_BYTES);
  }

  /** Appends text (written as UTF-8) or bytes; uploads a part whenever a full one has gathered. */
  async write(piece: string | Uint8Array): Promise<void> {
    if (this.finished) throw new Error(`s3://${this.options.bucket}/${this.options.key} is already closed`);
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= this.partBytes) await this.uploadPart(this.takePending());
  }

  /** Finishes the object; resolves to its size in bytes. */
  async close(): Promise<number> {
    if (this.finished) throw new Error(`s3://${this.options.bucket}/${this.options.key} is already closed`);
    this.finished = true;
    const rest = this.takePending();
    if (this.uploadId === undefined) {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.options.key,
          Body: rest,
          ContentType: this.options.contentType,
          ...encryptionFields(this.options.encryption),
        }),
      );
      return rest.length;
    }
    try {
      if (rest.length > 0) await this.uploadPart(rest);
      await this.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.options.bucket,
          Key: this.options.key,
          UploadId: this.uploadId,
          MultipartUpload: { Parts: this.parts },
        }),
      );
    } catch (error) {
      await this.abort();
      throw error;
    }
    return this.size;
  }

  /** Discards what was uploaded; the object is never created. */
  async abort(): Promise<void> {
    this.finished = true;
    this.pending = [];
    const uploadId = this.uploadId;
    this.uploadId = undefined;
    if (uploadId !== undefined) {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.options.bucket, Key: this.options.key, UploadId: uploadId }));
    }
  }

  private takePending(): Buffer {
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.size += bytes.length;
    return bytes;
  }

  private async uploadPart(bytes: Buffer): Promise<void> {
    if (this.uploadId === undefined) {
      const created = await this.s3.send(
        new CreateMultipartUploadCommand({
          Bucket: this.options.bucket,
          Key: this.options.key,
          ContentType: this.options.contentType,
          ChecksumAlgorithm: 'CRC32',
          ...encryptionFields(this.options.encryption),
        }),
      );
      if (!created.UploadId) throw new Error(`S3 returned no upload id for ${this.options.key}`);
      this.uploadId = created.UploadId;
    }
    const partNumber = this.parts.length + 1;
    try {
      const uploaded = await this.s3.send(
        new UploadPartCommand({
          Bucket: this.options.bucket,
          Key: this.options.key,
          UploadId: this.uploadId,
          PartNumber: partNumber,
          Body: bytes,
          ChecksumAlgorithm: 'CRC32',
        }),
      );
      this.parts.push({ PartNumber: partNumber, ETag: uploaded.ETag, ChecksumCRC32: uploaded.ChecksumCRC32 });
    } catch (error) {
      await this.abort().catch(() => undefined);
      throw error;
    }
  }
}
