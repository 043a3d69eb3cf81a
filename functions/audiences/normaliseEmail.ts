import type { AudiencePlatform } from './AudiencePlatform.ts';

/** Domains whose mailboxes ignore dots in the local part; Google's own samples remove them. */
const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);
/** One `@`, something before it, a dotted domain after it, no white space. */
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Normalises an e-mail address the way a platform hashes it (research `rfm_leads.md` §4), or
 * returns null when what is left is not an address (then the field is dropped and counted).
 *
 * - Google: remove all white space (Google's upload sample joins the split string), lowercase,
 *   and for `gmail.com` / `googlemail.com` only, remove the dots of the local part. `+tags` stay.
 * - Meta: trim and lowercase; dots and `+tags` stay. An address with white space inside is not
 *   an address.
 *
 * @example
 * ```ts
 * normaliseEmail(' John.Doe+promo@GMail.com ', 'google'); // 'johndoe+promo@gmail.com'
 * normaliseEmail(' John.Doe+promo@GMail.com ', 'meta');   // 'john.doe+promo@gmail.com'
 * normaliseEmail('not an address', 'meta');              // null
 * ```
 */
export function normaliseEmail(raw: string, platform: AudiencePlatform): string | null {
  const text = platform === 'google' ? raw.replace(/\s+/g, '').toLowerCase() : raw.trim().toLowerCase();
  if (!EMAIL_SHAPE.test(text)) return null;
  if (platform !== 'google') return text;
  const at = text.lastIndexOf('@');
  const domain = text.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return text;
  const local = text.slice(0, at).replace(/\./g, '');
  return local === '' ? null : `${local}@${domain}`;
}
