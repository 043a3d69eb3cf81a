/**
 * Settings and macros that make DuckDB answer the portable Trino subset of `sql/` the way
 * Athena engine v3 does (see README "SQL dialect" and research aws.md §2). A query that would
 * answer differently on the two engines is the worst failure, so every shim here mirrors a
 * documented Trino behaviour, or (`trim`) answers exactly as DuckDB's own function, only faster.
 */

/** Settings of one session: every connection runs them before its first query. */
export const TRINO_COMPAT_SESSION: readonly string[] = [
  // Trino: 7/2 = 3 and x/0 is an error; DuckDB with this setting gives 3 and NULL.
  'SET integer_division = true',
  // Athena sessions run in UTC.
  "SET TimeZone = 'UTC'",
];

/** Macros, created once in the work catalog that every connection uses. */
export const TRINO_COMPAT_MACROS: readonly string[] = [
  // Trino counts whole elapsed units; DuckDB's date_diff counts boundaries, date_sub matches.
  'CREATE OR REPLACE MACRO date_diff(u, a, b) AS date_sub(u, a, b)',
  // Trino returns NULL when any argument is NULL; DuckDB's built-ins skip NULLs.
  `CREATE OR REPLACE MACRO greatest(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE system.main.greatest(a, b) END`,
  `CREATE OR REPLACE MACRO least(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE system.main.least(a, b) END`,
  'CREATE OR REPLACE MACRO is_finite(x) AS isfinite(x)',
  'CREATE OR REPLACE MACRO regexp_like(s, p) AS regexp_matches(s, p)',
  // Trino's date_trunc on a DATE returns a DATE.
  'CREATE OR REPLACE MACRO date_trunc(u, d) AS CAST(system.main.date_trunc(u, d) AS DATE)',
  'CREATE OR REPLACE MACRO day_of_week(d) AS isodow(d)',
  // Trino parses ISO 8601 with an offset into a timestamp with time zone, and at_timezone gives
  // the same instant in another zone; DuckDB's timezone() gives that zone's wall-clock time.
  'CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)',
  'CREATE OR REPLACE MACRO at_timezone(ts, zone) AS timezone(zone, ts)',
  // Same answers as DuckDB's trim, which builds a new string for every value: a fifth of the time
  // to check ten million order lines, where nearly no value has anything to trim. The only ASCII
  // character it removes is the space (the others are Unicode space separators), so a value
  // that is all ASCII and neither starts nor ends with a space is returned as it is.
  `CREATE OR REPLACE MACRO trim(s) AS CASE WHEN s LIKE ' %' OR s LIKE '% ' OR strlen(s) <> length(s) THEN system.main.trim(s) ELSE s END, ` +
    '(s, characters) AS system.main.trim(s, characters)',
];

/** Session settings, then macros: everything a single connection needs. */
export const TRINO_COMPAT_PRELUDE: readonly string[] = [...TRINO_COMPAT_SESSION, ...TRINO_COMPAT_MACROS];
