/** Common values that are not ISO 3166-1 alpha-2 but mean one. */
const ALIASES: Readonly<Record<string, string>> = { UK: 'GB' };

/**
 * A country as an ISO 3166-1 alpha-2 code in upper case, or null when the value is not a
 * two-letter code (country names are not translated: map a code column, or the field is
 * dropped). Google wants it plain in upper case; Meta lowercases and hashes it.
 *
 * @example
 * ```ts
 * normaliseCountry(' de '); // 'DE'
 * normaliseCountry('UK');   // 'GB'
 * normaliseCountry('Germany'); // null
 * ```
 */
export function normaliseCountry(raw: string): string | null {
  const text = raw.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(text)) return null;
  return ALIASES[text] ?? text;
}
