/**
 * The fixed word lists and category weights the sample files draw from. Weights are relative;
 * each list's order is part of the generator's output, so changing one changes every file.
 *
 * @example
 * ```ts
 * import { CHANNELS, CHANNEL_WEIGHTS } from './vocabulary.ts';
 * CHANNELS[rng.pick(CHANNEL_WEIGHTS)]; // 'web'
 * ```
 */
import { cumulativeWeights } from './random.ts';

export const FIRST_NAMES: readonly string[] = [
  'james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth',
  'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen',
  'daniel', 'nancy', 'matthew', 'lisa', 'anthony', 'betty', 'mark', 'sandra', 'paul', 'ashley',
  'oliver', 'emma', 'lucas', 'mia', 'noah', 'sophie', 'liam', 'chloe', 'felix', 'lea',
];

export const LAST_NAMES: readonly string[] = [
  'smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez',
  'hernandez', 'lopez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee',
  'thompson', 'white', 'harris', 'clark', 'lewis', 'walker', 'young', 'allen', 'king', 'wright',
  'mueller', 'schmidt', 'dubois', 'bernard', 'jansen', 'devries', 'fernandez', 'obrien', 'nguyen', 'kowalski',
];

/** Customer e-mail domains; `example.*` keep most addresses obviously synthetic. */
export const CUSTOMER_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'example.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'example.org',
];
export const CUSTOMER_EMAIL_DOMAIN_WEIGHTS = cumulativeWeights([35, 25, 10, 10, 8, 7, 5]);

/** Countries shared by customers and leads; the first eight are the customer countries. */
export const COUNTRIES: readonly string[] = ['US', 'GB', 'DE', 'FR', 'CA', 'AU', 'NL', 'ES', 'IN', 'SG', 'BR', 'MX'];
export const REGION_OF_COUNTRY: readonly string[] = [
  'North America', 'EMEA', 'EMEA', 'EMEA', 'North America', 'APAC', 'EMEA', 'EMEA', 'APAC', 'APAC', 'LATAM', 'LATAM',
];
/** Countries whose customers may pay in EUR. */
export const EURO_COUNTRY = [false, false, true, true, false, false, true, true, false, false, false, false] as const;
export const CUSTOMER_COUNTRY_WEIGHTS = cumulativeWeights([60, 12, 4, 3, 9, 7, 3, 2]);
export const LEAD_COUNTRY_WEIGHTS = cumulativeWeights([45, 10, 7, 5, 6, 4, 3, 3, 6, 3, 4, 4]);

export const CHANNELS: readonly string[] = ['web', 'app', 'store', 'marketplace'];
export const CHANNEL_WEIGHTS = cumulativeWeights([45, 25, 18, 12]);

export const PRODUCT_CATEGORIES: readonly string[] = [
  'apparel', 'footwear', 'accessories', 'home', 'beauty', 'electronics', 'sports', 'toys',
];
export const PRODUCT_CATEGORY_WEIGHTS = cumulativeWeights([22, 12, 14, 13, 11, 10, 10, 8]);

export const AGE_BANDS: readonly string[] = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
export const AGE_BAND_WEIGHTS = cumulativeWeights([14, 27, 22, 17, 12, 8]);
export const GENDERS: readonly string[] = ['female', 'male', 'non-binary', 'undisclosed'];
export const GENDER_WEIGHTS = cumulativeWeights([49, 45, 2, 4]);
export const INCOME_BANDS: readonly string[] = ['<25k', '25k-50k', '50k-75k', '75k-100k', '100k-150k', '150k+'];
export const INCOME_BAND_WEIGHTS = cumulativeWeights([12, 22, 24, 18, 15, 9]);
export const PREFERRED_CONTACTS: readonly string[] = ['email', 'sms', 'phone', 'post', 'none'];
export const PREFERRED_CONTACT_WEIGHTS = cumulativeWeights([55, 20, 8, 5, 12]);

export const PRICE_SENSITIVITIES: readonly string[] = ['low', 'medium', 'high'];
/** Price sensitivity given the customer is discount-driven: mostly high. */
export const PRICE_SENSITIVITY_IF_DISCOUNT_DRIVEN: readonly number[] = [0.05, 0.25, 0.7];
/** Price sensitivity of full-price customers: mostly low or medium. */
export const PRICE_SENSITIVITY_OTHERWISE: readonly number[] = [0.45, 0.4, 0.15];

export const INDUSTRIES: readonly string[] = [
  'Software', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Education', 'Government', 'Other',
];
export const INDUSTRY_WEIGHTS = cumulativeWeights([20, 12, 12, 14, 14, 10, 6, 12]);

export const LEAD_SOURCES: readonly string[] = ['organic', 'paid_search', 'referral', 'event', 'outbound', 'partner'];
export const LEAD_SOURCE_WEIGHTS = cumulativeWeights([30, 20, 12, 10, 18, 10]);
/** Shift of a lead's latent intent by source: referrals and events bring warmer leads. */
export const LEAD_SOURCE_INTENT_SHIFT: readonly number[] = [0, 0, 0.3, 0.2, -0.3, 0.1];

export const SALES_OWNERS: readonly string[] = [
  'alex.morgan@sales.example.com',
  'priya.shah@sales.example.com',
  'diego.alvarez@sales.example.com',
  'hannah.becker@sales.example.com',
  'kenji.watanabe@sales.example.com',
];

/** Job titles; some contain a comma so the leads file exercises CSV quoting. */
export const LEAD_TITLES: readonly string[] = [
  'CEO', 'Founder', 'CTO', 'VP Marketing', 'VP Sales', 'Head of Growth', 'Marketing Manager',
  'Data Analyst', 'Software Engineer', 'Operations Manager', 'Director, Customer Insights',
  'CRM Manager', 'Consultant', 'Intern',
];
export const LEAD_TITLE_WEIGHTS = cumulativeWeights([5, 4, 5, 8, 6, 8, 14, 12, 8, 9, 6, 7, 5, 3]);
export const STUDENT_TITLE = 'Student';

export const FREE_MAIL_DOMAINS: readonly string[] = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'];
export const FREE_MAIL_DOMAIN_WEIGHTS = cumulativeWeights([50, 20, 15, 15]);

/** Companies of competitors: their people sign up to look at the product. */
export const COMPETITOR_COMPANIES: readonly (readonly [name: string, domain: string, country: string])[] = [
  ['RivalSegments', 'rivalsegments.com', 'US'],
  ['SheetSync Pro', 'sheetsyncpro.io', 'GB'],
  ['CohortCloud, Inc.', 'cohortcloud.com', 'US'],
];
/** Where student leads study (their title is `STUDENT_TITLE`). */
export const STUDENT_COMPANIES: readonly (readonly [name: string, domain: string, country: string])[] = [
  ['State University', 'stateu.edu', 'US'],
  ['Madrid Technical University', 'mtu.edu', 'ES'],
];

export const COMPANY_PREFIXES: readonly string[] = [
  'Acme', 'Blue', 'North', 'Bright', 'Silver', 'Summit', 'Pioneer', 'Granite', 'Harbor', 'Maple',
  'Quantum', 'Red', 'Cedar', 'Atlas', 'Nova', 'Orbit', 'Prairie', 'Coastal', 'Iron', 'Golden',
  'Vertex', 'Apex', 'Crescent', 'Evergreen', 'Falcon', 'Horizon', 'Lumen', 'Meridian', 'Oak', 'Polar',
];
export const COMPANY_MIDDLES: readonly string[] = [
  'River', 'Peak', 'Stone', 'Bridge', 'Field', 'Wave', 'Light', 'Forge', 'Point', 'Path',
  'Line', 'Gate', 'Works', 'Leaf', 'Star', 'Ridge', 'Lake', 'Port', 'Hill', 'Spring',
];
export const COMPANY_NOUNS: readonly string[] = [
  'Analytics', 'Systems', 'Foods', 'Logistics', 'Health', 'Capital', 'Labs', 'Retail', 'Energy', 'Media',
  'Software', 'Partners', 'Industries', 'Learning', 'Consulting', 'Bank', 'Motors', 'Supply', 'Networks', 'Studios',
];
/** Legal suffixes; `, Inc.` needs quoting in CSV. */
export const COMPANY_SUFFIXES: readonly string[] = ['', ' Inc.', ', Inc.', ' Ltd', ' GmbH', ' LLC', ' Group'];
export const COMPANY_SUFFIX_WEIGHTS = cumulativeWeights([40, 15, 10, 12, 8, 10, 5]);
export const COMPANY_TLDS: readonly string[] = ['com', 'io', 'co', 'net'];
export const COMPANY_TLD_WEIGHTS = cumulativeWeights([70, 12, 10, 8]);
