/**
 * The companies leads work for: a table of synthetic firms with firmographics (industry,
 * employees, revenue, country) drawn once, so leads of the same company agree on them.
 *
 * @example
 * ```ts
 * const companies = makeCompanies(new Random(42, 2), 1000);
 * companies[0]?.fields; // 'Acme River Analytics Inc.,acmeriveranalytics.com,Software,...,'
 * ```
 */
import { csvField } from './CsvFileWriter.ts';
import type { Random } from './random.ts';
import {
  COMPANY_MIDDLES,
  COMPANY_NOUNS,
  COMPANY_PREFIXES,
  COMPANY_SUFFIX_WEIGHTS,
  COMPANY_SUFFIXES,
  COMPANY_TLD_WEIGHTS,
  COMPANY_TLDS,
  COUNTRIES,
  INDUSTRIES,
  INDUSTRY_WEIGHTS,
  LEAD_COUNTRY_WEIGHTS,
  REGION_OF_COUNTRY,
} from './vocabulary.ts';

/** A company leads work for; several leads can share one. */
export interface Company {
  readonly domain: string;
  /** Index into `INDUSTRIES`. */
  readonly industry: number;
  readonly size: number;
  /** Index into `COUNTRIES`. */
  readonly country: number;
  /** Its leads.csv columns company … region, each followed by a comma. */
  readonly fields: string;
}

/**
 * A company with its leads.csv columns pre-joined.
 * @example makeCompany('Acme', 'acme.com', 0, 120, 9_000_000, 0).fields; // 'Acme,acme.com,Software,120,9000000,US,North America,'
 */
export function makeCompany(name: string, domain: string, industry: number, size: number, revenue: number, country: number): Company {
  const fields =
    csvField(name) + ',' + domain + ',' + INDUSTRIES[industry] + ',' + size + ',' + revenue + ',' + COUNTRIES[country] + ',' +
    REGION_OF_COUNTRY[country] + ',';
  return { domain, industry, size, country, fields };
}

/**
 * Up to `wanted` companies with distinct names (the name space holds 12,000).
 * @example makeCompanies(new Random(1), 10).length; // 10
 */
export function makeCompanies(rng: Random, wanted: number): Company[] {
  const distinctNames = COMPANY_PREFIXES.length * COMPANY_MIDDLES.length * COMPANY_NOUNS.length;
  const count = Math.min(wanted, distinctNames);
  const companies: Company[] = [];
  for (let j = 0; j < count; j++) {
    // Walk the name space with a stride so small tables still mix all three word lists.
    const code = (j * 7919) % distinctNames;
    const prefix = COMPANY_PREFIXES[code % COMPANY_PREFIXES.length] as string;
    const middle = COMPANY_MIDDLES[Math.floor(code / COMPANY_PREFIXES.length) % COMPANY_MIDDLES.length] as string;
    const noun = COMPANY_NOUNS[Math.floor(code / (COMPANY_PREFIXES.length * COMPANY_MIDDLES.length))] as string;
    const size = Math.max(1, Math.round(Math.exp(rng.uniform(0, Math.log(10_000)))));
    const revenuePerEmployee = Math.exp(rng.normal(Math.log(150_000), 0.6));
    const name = prefix + ' ' + middle + ' ' + noun + COMPANY_SUFFIXES[rng.pick(COMPANY_SUFFIX_WEIGHTS)];
    const domain = (prefix + middle + noun).toLowerCase() + '.' + COMPANY_TLDS[rng.pick(COMPANY_TLD_WEIGHTS)];
    const industry = rng.pick(INDUSTRY_WEIGHTS);
    const revenue = Math.max(1000, Math.round((size * revenuePerEmployee) / 1000) * 1000);
    companies.push(makeCompany(name, domain, industry, size, revenue, rng.pick(LEAD_COUNTRY_WEIGHTS)));
  }
  return companies;
}
