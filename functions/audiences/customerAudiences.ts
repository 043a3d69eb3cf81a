import type { Config } from '../config/configSchema.ts';
import { CUSTOMER_IDENTIFIERS_RELATION } from '../ingestion/ingestCustomerAttributes.ts';
import type { SqlRow } from '../query-engine/QueryEngine.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import { UserError } from '../runtime/UserError.ts';
import { audienceSlug } from './audienceSlug.ts';
import { AudienceWriter, type AudienceSpec } from './AudienceWriter.ts';
import { IDENTIFIER_FIELDS, type Contact, type IdentifierField } from './Contact.ts';

/** Column prefix of the identifier fields in the customer stream, apart from the orders' own `email` and `country`. */
const PREFIX = 'audience_';

/** How the customer job feeds its segment audiences. */
export interface CustomerAudiences {
  /** Extra select list for the customer stream (`, ci.phone AS audience_phone, …`); empty without customers-source identifiers. */
  readonly select: string;
  /** The matching join on `customer_features AS f`. */
  readonly join: string;
  readonly writer: AudienceWriter;
}

/**
 * Opens the segment audience files of the customer job, or returns undefined when no segment is
 * configured (`audiences.segments`; the config check makes sure they name segments). Fails when
 * no source gives an e-mail or a phone: every file would be empty.
 *
 * @param mapped identifier fields mapped in the customers source (columns of relation `customer_identifiers`)
 *
 * @example
 * ```ts
 * const audiences = await openCustomerAudiences(results, config, ['phone']);
 * // stream `SELECT f.* ${audiences.select} FROM customer_features AS f ${audiences.join}` and
 * // audiences.writer.offer(segment, customerContact(row)) per customer
 * ```
 */
export async function openCustomerAudiences(
  results: ResultStore,
  config: Config,
  mapped: readonly string[],
): Promise<CustomerAudiences | undefined> {
  const segments = config.audiences.segments;
  if (segments.length === 0) return undefined;
  const identifiers = IDENTIFIER_FIELDS.filter((f) => mapped.includes(f));
  const orders = config.sources.orders.mapping;
  const available = new Set<IdentifierField>(identifiers);
  if (orders['email'] !== undefined) available.add('email');
  if (orders['country'] !== undefined) available.add('country');
  if (!available.has('email') && !available.has('phone')) {
    throw new UserError("audiences: no e-mail or phone to match people on: map 'email' in sources.orders or sources.customers, or 'phone' in sources.customers");
  }
  const specs: AudienceSpec[] = uniqueSlugs(segments.map((s) => ({ key: s, name: s, slug: audienceSlug(s) })));
  const writer = await AudienceWriter.open(results, specs, config.audiences, available);
  if (identifiers.length === 0) return { select: '', join: '', writer };
  return {
    select: identifiers.map((f) => `, ci.${f} AS ${PREFIX}${f}`).join(''),
    join: `LEFT JOIN ${CUSTOMER_IDENTIFIERS_RELATION} AS ci ON ci.customer_id = f.customer_id`,
    writer,
  };
}

/**
 * A customer's identifiers from a row of the customer stream: the e-mail of their orders, else
 * the customers source's; the customers source's country, else their orders' main country; the
 * customers source's phone, names and zip.
 *
 * @example
 * ```ts
 * customerContact({ email: 'ana@example.com', country: 'DE', audience_phone: '+49 30 1234567' });
 * // { email: 'ana@example.com', phone: '+49 30 1234567', country: 'DE', … }
 * ```
 */
export function customerContact(row: SqlRow): Contact {
  return {
    email: text(row['email']) ?? text(row[`${PREFIX}email`]),
    phone: text(row[`${PREFIX}phone`]),
    first_name: text(row[`${PREFIX}first_name`]),
    last_name: text(row[`${PREFIX}last_name`]),
    zip: text(row[`${PREFIX}zip`]),
    country: text(row[`${PREFIX}country`]) ?? text(row['country']),
  };
}

/** Gives audiences whose names slug alike (`VIP` and `V.I.P.`) distinct files. */
export function uniqueSlugs(specs: readonly AudienceSpec[]): AudienceSpec[] {
  const taken = new Set<string>();
  return specs.map((spec) => {
    let slug = spec.slug;
    for (let n = 2; taken.has(slug); n++) slug = `${spec.slug}-${n}`;
    taken.add(slug);
    return { ...spec, slug };
  });
}

function text(value: unknown): string | null {
  return value === null || value === undefined || String(value).trim() === '' ? null : String(value);
}
