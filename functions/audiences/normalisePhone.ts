/** E.164: a country code and subscriber number, 15 digits at most, never starting with 0. */
const E164_DIGITS = /^[1-9]\d{6,14}$/;
/** An extension at the end (`x12`, `ext. 12`, `#12`): not part of the number the platforms match. */
const EXTENSION = /\s*(?:ext\.?|x|#)\s*\d+\s*$/i;
/** Italy keeps the leading 0 of landline numbers after its country code. */
const KEEPS_TRUNK_ZERO: ReadonlySet<string> = new Set(['39']);

/**
 * A phone number as E.164 digits (country code first, without the `+`), or null when it cannot
 * be made one: then the field is dropped from the audience row and counted.
 *
 * - `+…` and `00…` numbers carry their country code; `(0)` after it (`+44 (0)20 …`) is the
 *   national trunk prefix and is dropped.
 * - Any other number is read as a national number of `defaultCallingCode`: one leading trunk `0`
 *   is dropped (except for Italy, 39) and the code prefixed. With calling code 1 (North America)
 *   an 11-digit number starting with 1 already has it. Without a default, such numbers are null:
 *   guessing a country would upload numbers that never match.
 * - Separators (spaces, dashes, dots, brackets) are ignored and an extension is cut off; letters
 *   (`1-800-FLOWERS`) make the number unusable.
 *
 * @example
 * ```ts
 * toE164Digits('+1 (650) 253-1234');      // '16502531234'
 * toE164Digits('020 7946 0958', '44');    // '442079460958'
 * toE164Digits('020 7946 0958');          // null (no country code, no default)
 * ```
 */
export function toE164Digits(raw: string, defaultCallingCode?: string): string | null {
  const text = raw.trim().replace(EXTENSION, '').replace(/\(0\)/g, '');
  if (/[\p{L}]/u.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  let e164: string;
  if (text.startsWith('+')) e164 = digits;
  else if (digits.startsWith('00')) e164 = digits.slice(2);
  else if (defaultCallingCode === undefined) return null;
  else if (defaultCallingCode === '1' && digits.length === 11 && digits.startsWith('1')) e164 = digits;
  else {
    const national = KEEPS_TRUNK_ZERO.has(defaultCallingCode) ? digits : digits.replace(/^0/, '');
    e164 = defaultCallingCode + national;
  }
  return E164_DIGITS.test(e164) ? e164 : null;
}
