import { createHash } from 'node:crypto';

/**
 * SHA-256 of the UTF-8 text as a lowercase hex digest: the hash both Google Customer Match and
 * Meta custom audiences expect (research `rfm_leads.md` §4). The text must already be
 * normalised for the platform; hashing does not normalise.
 *
 * @example
 * ```ts
 * sha256Hex('test@example.com'); // '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b'
 * ```
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A value that already is a SHA-256 hex digest (an export that hashes itself): passed through, lowercased. */
export function isSha256Hex(text: string): boolean {
  return /^[0-9a-f]{64}$/i.test(text);
}
