/** A bucket and a key (or key prefix) in S3. */
export interface S3Location {
  readonly bucket: string;
  /** Object key or key prefix, without a leading slash; `''` is the whole bucket. */
  readonly key: string;
}

// Bucket naming rules (3-63 characters, lowercase letters, digits, dots and hyphens).
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parses an `s3://bucket/key` URL.
 *
 * @example
 * ```ts
 * parseS3Url('s3://exports/orders/'); // { bucket: 'exports', key: 'orders/' }
 * ```
 */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match || !BUCKET_NAME.test(match[1] ?? '')) {
    throw new Error(`not an S3 URL (expected s3://bucket/prefix/): ${url}`);
  }
  return { bucket: match[1] as string, key: match[2] ?? '' };
}

/**
 * @example
 * ```ts
 * formatS3Url({ bucket: 'exports', key: 'orders/dt=2024-05-01/' }); // 's3://exports/orders/dt=2024-05-01/'
 * ```
 */
export function formatS3Url(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** A key prefix that names a folder: empty, or ending with one slash. */
export function asFolderPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}
