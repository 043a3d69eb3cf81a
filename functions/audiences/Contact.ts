/**
 * Identifier fields an audience can carry, by their canonical names: the customers source maps
 * them (`sources.customers.mapping`), orders give `email` and `country`, leads give `email`,
 * `country` and any of the others mapped as extra lead fields.
 */
export const IDENTIFIER_FIELDS = ['email', 'phone', 'first_name', 'last_name', 'zip', 'country'] as const;

export type IdentifierField = (typeof IDENTIFIER_FIELDS)[number];

/**
 * One person's raw identifiers as exported (not yet normalised); a field missing or null is not
 * known. Raw values live only in memory for the row being written: audience files get hashes.
 */
export type Contact = Partial<Record<IdentifierField, string | null>>;
