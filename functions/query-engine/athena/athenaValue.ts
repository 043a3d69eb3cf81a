import type { SqlValue } from '../QueryEngine.ts';

const NUMERIC = /^(tinyint|smallint|integer|int|bigint|real|float|double|decimal)/;

/**
 * Normalises one Athena result value (always text, or null) by its column type, following the
 * port's rules and the DuckDB adapter's spelling: numbers as `number`, booleans as `boolean`,
 * dates as `YYYY-MM-DD`, timestamps as `YYYY-MM-DD HH:MM:SS[.fff]` (trailing zero fractions
 * dropped, as DuckDB prints them), UTC timestamps with zone as `…+00`, anything else as text.
 *
 * @example
 * ```ts
 * normaliseAthenaValue('42', 'bigint');                       // 42
 * normaliseAthenaValue('2024-05-01 10:00:00.000', 'timestamp'); // '2024-05-01 10:00:00'
 * normaliseAthenaValue(null, 'varchar');                      // null
 * ```
 */
export function normaliseAthenaValue(text: string | null | undefined, type: string): SqlValue {
  if (text === null || text === undefined) return null;
  const lower = type.toLowerCase();
  if (NUMERIC.test(lower)) return Number(text);
  if (lower === 'boolean') return text === 'true';
  if (lower.startsWith('timestamp')) return normaliseTimestamp(text);
  return text;
}

function normaliseTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\.(\d+))?(?: (UTC|Z|\+00:00))?$/.exec(text);
  if (!match) return text;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return `${match[1]}${fraction ? `.${fraction}` : ''}${match[3] ? '+00' : ''}`;
}
