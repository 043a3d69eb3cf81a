import { UserError } from '../../runtime/UserError.ts';

interface AwsErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function shapeOf(error: unknown): AwsErrorShape {
  return typeof error === 'object' && error !== null ? (error as AwsErrorShape) : {};
}

/** Whether S3 refused the request for lack of permission (403). */
export function isS3AccessDenied(error: unknown): boolean {
  const { name, $metadata } = shapeOf(error);
  return name === 'AccessDenied' || name === 'Forbidden' || $metadata?.httpStatusCode === 403;
}

/** Whether the bucket or object does not exist (404). */
export function isS3NotFound(error: unknown): boolean {
  const { name, $metadata } = shapeOf(error);
  return name === 'NoSuchKey' || name === 'NoSuchBucket' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

/**
 * Turns the S3 failures a user can fix (missing bucket or object, missing permission) into a
 * {@link UserError} whose one line names the action and the URL; anything else is returned as is
 * so retries and stack traces stay intact.
 *
 * @example
 * ```ts
 * try { await s3.send(new ListObjectsV2Command(...)); }
 * catch (error) { throw describeS3Failure(error, 'list', 's3://exports/orders/'); }
 * ```
 */
export function describeS3Failure(error: unknown, action: string, url: string): unknown {
  if (isS3AccessDenied(error)) {
    return new UserError(
      `access denied to ${action} ${url}: the function's role needs S3 permission there (and KMS, if the bucket uses a customer key)`,
    );
  }
  if (isS3NotFound(error)) {
    const what = shapeOf(error).name === 'NoSuchBucket' ? 'bucket does not exist' : 'not found';
    return new UserError(`cannot ${action} ${url}: ${what}`);
  }
  return error;
}
