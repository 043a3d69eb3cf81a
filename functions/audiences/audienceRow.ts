import type { AudiencePlatform } from './AudiencePlatform.ts';
import type { Contact, IdentifierField } from './Contact.ts';
import { normaliseCountry } from './normaliseCountry.ts';
import { normaliseEmail } from './normaliseEmail.ts';
import { normaliseName } from './normaliseName.ts';
import { toE164Digits } from './normalisePhone.ts';
import { normaliseZip } from './normaliseZip.ts';
import { isSha256Hex, sha256Hex } from './sha256Hex.ts';

/** One column of an audience file: the header the platform's upload expects, and whether it is hashed. */
export interface AudienceColumn {
  readonly header: string;
  readonly field: IdentifierField;
  readonly hashed: boolean;
}

/**
 * Columns per platform, in the order of its upload template (research `rfm_leads.md` §4):
 * Google `Email, Phone, First Name, Last Name, Country, Zip` with Country and Zip not hashed;
 * Meta `email, phone, fn, ln, zip, country`, everything hashed.
 */
const TEMPLATES: Readonly<Record<AudiencePlatform, readonly AudienceColumn[]>> = {
  google: [
    { header: 'Email', field: 'email', hashed: true },
    { header: 'Phone', field: 'phone', hashed: true },
    { header: 'First Name', field: 'first_name', hashed: true },
    { header: 'Last Name', field: 'last_name', hashed: true },
    { header: 'Country', field: 'country', hashed: false },
    { header: 'Zip', field: 'zip', hashed: false },
  ],
  meta: [
    { header: 'email', field: 'email', hashed: true },
    { header: 'phone', field: 'phone', hashed: true },
    { header: 'fn', field: 'first_name', hashed: true },
    { header: 'ln', field: 'last_name', hashed: true },
    { header: 'zip', field: 'zip', hashed: true },
    { header: 'country', field: 'country', hashed: true },
  ],
};

/** Google matches an address only on all four of these together. */
const GOOGLE_ADDRESS: readonly IdentifierField[] = ['first_name', 'last_name', 'country', 'zip'];

/**
 * The columns of a platform's file for the identifier fields a run can fill: a field no source
 * maps gets no (empty) column. Google's address columns come all four or not at all.
 *
 * @example
 * ```ts
 * audienceColumns('google', new Set(['email', 'country'])).map((c) => c.header); // ['Email']
 * audienceColumns('meta', new Set(['email', 'country'])).map((c) => c.header);   // ['email', 'country']
 * ```
 */
export function audienceColumns(platform: AudiencePlatform, available: ReadonlySet<IdentifierField>): AudienceColumn[] {
  const withAddress = GOOGLE_ADDRESS.every((f) => available.has(f));
  return TEMPLATES[platform].filter((c) =>
    available.has(c.field) && (platform !== 'google' || !GOOGLE_ADDRESS.includes(c.field) || withAddress));
}

/** One contact as a row of an audience file, or why it is not one. */
export interface AudienceRow {
  /** Cell values in column order; null when the contact has no usable e-mail or phone (skipped). */
  readonly values: string[] | null;
  /** An e-mail was given but is not an address: dropped. */
  readonly invalidEmail: boolean;
  /** A phone was given but cannot be made E.164: dropped. */
  readonly invalidPhone: boolean;
}

/**
 * Normalises a contact's identifiers for a platform, hashes those the platform wants hashed, and
 * lays them out in the file's columns. A row needs an e-mail or a phone (names, country and zip
 * only help match one); a value that cannot be normalised is left empty and counted, never
 * written raw. Values that already are SHA-256 hex digests pass through lowercased.
 *
 * @example
 * ```ts
 * const columns = audienceColumns('meta', new Set(['email', 'phone']));
 * audienceRow({ email: 'A@B.com', phone: '+1 650 253 1234' }, 'meta', columns).values;
 * // [sha256Hex('a@b.com'), sha256Hex('16502531234')]
 * ```
 */
export function audienceRow(
  contact: Contact,
  platform: AudiencePlatform,
  columns: readonly AudienceColumn[],
  defaultCallingCode?: string,
): AudienceRow {
  const email = given(contact.email);
  const phone = given(contact.phone);
  const normalised: Partial<Record<IdentifierField, string | null>> = {
    email: email === null ? null : isSha256Hex(email) ? email.toLowerCase() : normaliseEmail(email, platform),
    phone: phone === null ? null : isSha256Hex(phone) ? phone.toLowerCase() : formatPhone(toE164Digits(phone, defaultCallingCode), platform),
  };
  const invalidEmail = email !== null && normalised.email === null;
  const invalidPhone = phone !== null && normalised.phone === null;
  if (normalised.email === null && normalised.phone === null) return { values: null, invalidEmail, invalidPhone };

  const country = given(contact.country) === null ? null : normaliseCountry(contact.country as string);
  normalised.country = country === null ? null : platform === 'meta' ? country.toLowerCase() : country;
  normalised.zip = given(contact.zip) === null ? null : normaliseZip(contact.zip as string, platform, country);
  normalised.first_name = given(contact.first_name) === null ? null : normaliseName(contact.first_name as string, platform);
  normalised.last_name = given(contact.last_name) === null ? null : normaliseName(contact.last_name as string, platform);
  if (platform === 'google' && GOOGLE_ADDRESS.some((f) => normalised[f] === null)) {
    // A partial address never matches on Google: leave the four empty rather than half-filled.
    for (const f of GOOGLE_ADDRESS) normalised[f] = null;
  }
  const values = columns.map((c) => {
    const value = normalised[c.field] ?? null;
    if (value === null) return '';
    return c.hashed && !isSha256Hex(value) ? sha256Hex(value) : value;
  });
  return { values, invalidEmail, invalidPhone };
}

function formatPhone(digits: string | null, platform: AudiencePlatform): string | null {
  if (digits === null) return null;
  // Google wants E.164 with its `+`; Meta digits only.
  return platform === 'google' ? `+${digits}` : digits;
}

function given(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}
