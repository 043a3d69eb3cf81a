import type { Config } from '../config/configSchema.ts';
import type { ScoredLead } from '../leads/ScoredLead.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import type { AudienceReport } from './AudienceReport.ts';
import { audienceSlug } from './audienceSlug.ts';
import { AudienceWriter } from './AudienceWriter.ts';
import { IDENTIFIER_FIELDS, type Contact, type IdentifierField } from './Contact.ts';

/** Leads written between two flushes of the audience files. */
const FLUSH_EVERY = 10_000;

/**
 * Writes one audience per configured lead tier (`audiences.leadTiers`) and platform, made of the
 * open leads of that tier: `audiences/<platform>/leads-<tier>.csv`. A lead's identifiers are its
 * e-mail and country, plus `phone`, `first_name`, `last_name` and `zip` when the leads mapping
 * has fields of those names. Returns no reports when no tier is configured.
 *
 * @param attributes the leads source's extra mapped fields (where phone and names come from)
 *
 * @example
 * ```ts
 * const reports = await writeLeadAudiences(results, config, scored.leads, ingested.attributes);
 * reports[0]; // { name: 'Leads: Hot', platform: 'google', file: 'audiences/google/leads-hot.csv', members: 12, … }
 * ```
 */
export async function writeLeadAudiences(
  results: ResultStore,
  config: Config,
  leads: readonly ScoredLead[],
  attributes: readonly string[],
): Promise<AudienceReport[]> {
  const tiers = config.audiences.leadTiers;
  if (tiers.length === 0) return [];
  const available = new Set<IdentifierField>(['email']);
  if (config.sources.leads?.mapping['country'] !== undefined) available.add('country');
  for (const field of IDENTIFIER_FIELDS) if (attributes.includes(field)) available.add(field);
  const specs = tiers.map((tier) => ({ key: tier, name: `Leads: ${tier}`, slug: `leads-${audienceSlug(tier)}` }));
  const writer = await AudienceWriter.open(results, specs, config.audiences, available);
  let offered = 0;
  for (const lead of leads) {
    if (lead.record.status !== 'open' || !writer.wants(lead.tier)) continue;
    writer.offer(lead.tier, leadContact(lead));
    if (++offered % FLUSH_EVERY === 0) await writer.flush();
  }
  return writer.close();
}

function leadContact(lead: ScoredLead): Contact {
  const { record } = lead;
  const attribute = (name: string): string | null => {
    const value = record.attributes[name];
    return value === null || value === undefined ? null : String(value);
  };
  return {
    email: record.email,
    country: record.country,
    phone: attribute('phone'),
    first_name: attribute('first_name'),
    last_name: attribute('last_name'),
    zip: attribute('zip'),
  };
}
