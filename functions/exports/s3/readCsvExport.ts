import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '../../runtime/UserError.ts';
import { csvRecordBatches, type CsvField } from './CsvRecordParser.ts';
import { formatS3Url, type S3Location } from './S3Location.ts';
import { describeS3Failure } from './s3Failure.ts';

export interface CsvExportOptions {
  /** Field delimiter. Default `,`. */
  readonly delimiter?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * Streams the records of a CSV or CSV.gz export object in batches, in bounded memory. Gzip is
 * recognised by its magic bytes, so a `.csv.gz` and a plain `.csv` are read alike. Empty fields
 * come back as `''`, as Athena's OpenCSVSerDe reads them.
 *
 * @example
 * ```ts
 * for await (const records of readCsvExport(s3, { bucket: 'exports', key: 'orders/dt=2024-05-01/orders.csv.gz' })) {
 *   console.log(records.length);
 * }
 * ```
 */
export async function* readCsvExport(
  s3: S3Client,
  object: S3Location,
  options: CsvExportOptions = {},
): AsyncGenerator<string[][]> {
  const url = formatS3Url(object);
  let body: AsyncIterable<Uint8Array>;
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
    if (!response.Body) throw new UserError(`cannot read ${url}: empty response body`);
    body = response.Body as AsyncIterable<Uint8Array>;
  } catch (error) {
    throw describeS3Failure(error, 'read', url);
  }
  const stream = await decompressedIfGzip(body);
  try {
    for await (const batch of csvRecordBatches(stream, { delimiter: options.delimiter, unquotedEmpty: 'empty' })) {
      yield batch as string[][];
    }
  } catch (error) {
    // zlib's errors carry codes such as Z_DATA_ERROR (bad data) or Z_BUF_ERROR (truncated).
    if (error instanceof Error && /^Z_/.test((error as { code?: string }).code ?? '')) {
      throw new UserError(`cannot read ${url}: corrupt gzip data (${error.message})`);
    }
    throw error;
  } finally {
    // Stops the download when the caller leaves early (e.g. after the header).
    stream.destroy();
    (body as { destroy?: () => void }).destroy?.();
  }
}

/**
 * The first record of a CSV or CSV.gz export: its column names when the export has a header.
 * Reads only as much of the object as that takes.
 *
 * @example
 * ```ts
 * const header = await readCsvExportHeader(s3, { bucket: 'exports', key: 'orders/orders.csv' });
 * ```
 */
export async function readCsvExportHeader(
  s3: S3Client,
  object: S3Location,
  options: CsvExportOptions = {},
): Promise<CsvField[]> {
  for await (const records of readCsvExport(s3, object, options)) {
    if (records[0]) return records[0];
  }
  throw new UserError(`the export ${formatS3Url(object)} is empty`);
}

async function decompressedIfGzip(body: AsyncIterable<Uint8Array>): Promise<Readable> {
  const iterator = body[Symbol.asyncIterator]();
  // Enough leading bytes to recognise the gzip magic number, however the body is chunked.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < GZIP_MAGIC.length && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      head.push(next.value);
      headLength += next.value.length;
    }
  }
  const firstChunk = Buffer.concat(head);
  const rest = (async function* () {
    if (firstChunk.length > 0) yield firstChunk;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  const source = Readable.from(rest, { objectMode: false });
  const isGzip = firstChunk[0] === GZIP_MAGIC[0] && firstChunk[1] === GZIP_MAGIC[1];
  if (!isGzip) return source;
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => source.destroy());
  return source.pipe(gunzip);
}
