import type { Config } from '../config/configSchema.ts';
import { CUSTOMER_IDENTIFIERS_RELATION } from '../ingestion/ingestCustomerAttributes.ts';
import type { ColumnBatch } from '../query-engine/ColumnBatch.ts';
import type { SqlValue } from '../query-engine/QueryEngine.ts';
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
 * // audiences.writer.offer(segment, contactOf(row)) per customer, contactOf = customerContactColumn(batch)
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
 * The identifiers of the customers in a batch of the customer stream, by row index: the e-mail
 * of their orders, else the customers source's; the customers source's country, else their
 * orders' main country; the customers source's phone, names and zip.
 *
 * @example
 * ```ts
 * const contactOf = customerContactColumn(batch); // columns email, country, audience_phone, …
 * contactOf(0); // { email: 'ana@example.com', phone: '+49 30 1234567', country: 'DE', … }
 * ```
 */
export function customerContactColumn(batch: ColumnBatch): (row: number) => Contact {
  // Identifier columns are in the stream only when the customers source maps them.
  const column = (name: string): readonly SqlValue[] | undefined => (batch.has(name) ? batch.column(name) : undefined);
  const [email, audienceEmail, phone, firstName, lastName, zip, audienceCountry, country] = [
    'email', `${PREFIX}email`, `${PREFIX}phone`, `${PREFIX}first_name`, `${PREFIX}last_name`, `${PREFIX}zip`, `${PREFIX}country`, 'country',
  ].map(column);
  return (row) => ({
    email: text(email?.[row]) ?? text(audienceEmail?.[row]),
    phone: text(phone?.[row]),
    first_name: text(firstName?.[row]),
    last_name: text(lastName?.[row]),
    zip: text(zip?.[row]),
    country: text(audienceCountry?.[row]) ?? text(country?.[row]),
  });
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
