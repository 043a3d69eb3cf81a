import type { ServerSideEncryption as S3Encryption } from '@aws-sdk/client-s3';

/**
 * How objects written by this product are encrypted at rest: with S3-managed keys (SSE-S3,
 * free) or a KMS key (SSE-KMS). Sent explicitly on every write, so an object is encrypted even
 * where a bucket's default encryption was changed.
 */
export type ServerSideEncryption = { readonly type: 'AES256' } | { readonly type: 'aws:kms'; readonly kmsKeyId?: string };

/** The request fields for a PutObject or CreateMultipartUpload. */
export function encryptionFields(encryption: ServerSideEncryption): {
  ServerSideEncryption: S3Encryption;
  SSEKMSKeyId?: string;
} {
  return encryption.type === 'aws:kms'
    ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: encryption.kmsKeyId }
    : { ServerSideEncryption: 'AES256' };
}
