/**
 * Reading a lead field by its config name. Rules, breakdowns and model features name fields the
 * way the canonical lead columns are named (snake_case); anything that is not a canonical field is
 * looked up in the record's mapped attributes.
 */
import type { LeadRecord } from './LeadRecord.ts';

/** A field value as rules and breakdowns see it. */
export type FieldValue = string | number | boolean | null;

/** Reads one field of a lead. */
export type FieldReader = (record: LeadRecord) => FieldValue;

const CANONICAL_READERS: Record<string, FieldReader> = {
  lead_id: (r) => r.leadId,
  email: (r) => r.email,
  email_valid: (r) => r.emailValid,
  free_mail: (r) => r.freeMail,
  email_domain: (r) => r.emailDomain,
  created_at: (r) => r.createdAt,
  company: (r) => r.company,
  domain: (r) => r.domain,
  industry: (r) => r.industry,
  company_size: (r) => r.companySize,
  annual_revenue: (r) => r.annualRevenue,
  budget: (r) => r.budget,
  country: (r) => r.country,
  region: (r) => r.region,
  title: (r) => r.title,
  source: (r) => r.source,
  owner: (r) => r.owner,
  status: (r) => r.status,
  last_activity_at: (r) => r.lastActivityAt,
};

/**
 * A reader for `field`: a canonical lead field, `company_size_band` (needs `companySizeBands`),
 * or a mapped attribute. Empty text reads as missing.
 *
 * @example
 * ```ts
 * const industry = fieldReader('industry');
 * industry(lead); // 'Software'
 * fieldReader('company_size_band', [10, 50])(lead); // '50+' for 120 employees
 * ```
 */
export function fieldReader(field: string, companySizeBands: readonly number[] = []): FieldReader {
  if (field === 'company_size_band') {
    // Labels computed once per band: a breakdown reads the band of every lead.
    const bandLabels = [1, ...companySizeBands].map((lower) => companySizeBand(lower, companySizeBands));
    return (r) => {
      if (r.companySize === null) return null;
      let band = 0;
      while (band < companySizeBands.length && r.companySize >= (companySizeBands[band] as number)) band++;
      return bandLabels[band] as string;
    };
  }
  let reader = readers.get(field);
  if (reader === undefined) {
    const read: FieldReader = CANONICAL_READERS[field] ?? ((r) => r.attributes[field] ?? null);
    reader = (r) => {
      const value = read(r);
      return typeof value === 'string' && isBlank(value) ? null : value;
    };
    readers.set(field, reader);
  }
  return reader;
}

// One reader per field name, shared: reasons ask for readers per lead.
const readers = new Map<string, FieldReader>();

/**
 * Empty or only white space. Looks at the first character before trimming: text that starts with
 * a letter is not blank, and most text does, so most reads allocate nothing.
 */
function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  const mayBeSpace = first <= 32 || first === 0xa0 || first >= 0x1680;
  return mayBeSpace && text.trim().length === 0;
}

/**
 * Label of the company size band holding `size`, from the bands' lower limits (after the first
 * band, which starts at 1).
 *
 * @example
 * ```ts
 * companySizeBand(7, [10, 50]); // '1-9'
 * companySizeBand(10, [10, 50]); // '10-49'
 * companySizeBand(5000, [10, 50]); // '50+'
 * ```
 */
export function companySizeBand(size: number, lowerLimits: readonly number[]): string {
  let lower = 1;
  for (const limit of lowerLimits) {
    if (size < limit) return `${formatCount(lower)}-${formatCount(limit - 1)}`;
    lower = limit;
  }
  return `${formatCount(lower)}+`;
}

/**
 * How a field is named to people: `company_size` → "company size".
 *
 * @example
 * ```ts
 * fieldLabel('annual_revenue'); // 'annual revenue'
 * ```
 */
export function fieldLabel(field: string): string {
  let label = labels.get(field);
  if (label === undefined) {
    label = field.replaceAll('_', ' ');
    labels.set(field, label);
  }
  return label;
}

// Field names come from the config, so there are few; reasons ask for them once per lead.
const labels = new Map<string, string>();

// One formatter for all calls: building it per call costs more than the formatting. Built on first
// use, not with the module: a process's first Intl formatter loads ICU's data (about 15 ms), which
// at module level every Lambda cold start paid before its first event.
let countFormat: Intl.NumberFormat | undefined;

/**
 * Numbers with thousands separators and at most 2 decimals.
 *
 * @example
 * ```ts
 * formatCount(1200); // '1,200'
 * ```
 */
export function formatCount(value: number): string {
  // Small integers (most counts) need no separator, and String() is far cheaper than Intl.
  if (Number.isInteger(value) && Math.abs(value) < 1000) return String(value);
  countFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  return countFormat.format(value);
}
