import type { AudiencePlatform } from './AudiencePlatform.ts';

/**
 * Normalises a postal code for a platform (research `rfm_leads.md` §4), or null when nothing is
 * left.
 *
 * - Google (sent plain, not hashed): trimmed, inner white space made one space; US codes may be
 *   5 digits or ZIP+4, other countries their own format.
 * - Meta (hashed): lowercase, no spaces, only the part before a `-`; US codes (country `US`) are
 *   the first 5 digits.
 *
 * @example
 * ```ts
 * normaliseZip(' SW1A  1AA ', 'google');      // 'SW1A 1AA'
 * normaliseZip(' SW1A 1AA ', 'meta', 'GB');   // 'sw1a1aa'
 * normaliseZip('94043-1351', 'meta', 'US');   // '94043'
 * ```
 */
export function normaliseZip(raw: string, platform: AudiencePlatform, country?: string | null): string | null {
  if (platform === 'google') {
    const text = raw.trim().replace(/\s+/g, ' ');
    return text === '' ? null : text;
  }
  let text = raw.toLowerCase().replace(/\s+/g, '').split('-')[0] ?? '';
  if (country === 'US') text = /^\d{5}/.test(text) ? text.slice(0, 5) : '';
  return text === '' ? null : text;
}
