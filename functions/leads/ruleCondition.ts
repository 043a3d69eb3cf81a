/**
 * Turns config conditions (`in`, `range`, `containsWords`, `equals`, `present`) into fast
 * predicates over a lead. Text compares case-insensitively and trimmed; a missing value fails
 * every test except `present: false`.
 */
import type { LeadRecord } from './LeadRecord.ts';
import type { RuleCondition } from './leadScoringConfig.ts';
import { fieldReader, type FieldValue } from './leadFields.ts';

/** A compiled condition. */
export type LeadPredicate = (record: LeadRecord) => boolean;

/**
 * Compiles one condition, or a list that must all hold.
 *
 * @example
 * ```ts
 * const isMidSize = compileCondition({ field: 'company_size', range: { min: 50, max: 1000 } });
 * isMidSize(lead); // true for 120 employees
 * ```
 */
export function compileCondition(when: RuleCondition | readonly RuleCondition[]): LeadPredicate {
  if (!isConditionList(when)) return compileOne(when);
  const parts = when.map(compileOne);
  return (record) => parts.every((test) => test(record));
}

function isConditionList(when: RuleCondition | readonly RuleCondition[]): when is readonly RuleCondition[] {
  return Array.isArray(when);
}

function compileOne(condition: RuleCondition): LeadPredicate {
  const read = fieldReader(condition.field);
  if ('present' in condition) {
    const wanted = condition.present;
    return (r) => (read(r) !== null) === wanted;
  }
  if ('in' in condition) {
    const accepted = new Set(condition.in.map(normaliseScalar));
    return memoisedByValue(read, (value) => accepted.has(normaliseScalar(value)));
  }
  if ('equals' in condition) {
    const wanted = normaliseScalar(condition.equals);
    return memoisedByValue(read, (value) => normaliseScalar(value) === wanted);
  }
  if ('range' in condition) {
    const min = condition.range.min ?? Number.NEGATIVE_INFINITY;
    const max = condition.range.max ?? Number.POSITIVE_INFINITY;
    return (r) => {
      const value = asNumber(read(r));
      return value !== null && value >= min && value <= max;
    };
  }
  const phrases = condition.containsWords.map(wordText);
  return (r) => {
    const value = read(r);
    if (value === null) return false;
    const text = wordText(String(value));
    return phrases.some((phrase) => text.includes(phrase));
  };
}

/**
 * A value test remembered per distinct value: field values repeat across leads (a few industries,
 * countries, sources), and normalising the text for each lead would allocate for nothing.
 */
function memoisedByValue(read: (r: LeadRecord) => FieldValue, test: (value: string | number | boolean) => boolean): LeadPredicate {
  const known = new Map<string | number | boolean, boolean>();
  return (r) => {
    const value = read(r);
    if (value === null) return false;
    let result = known.get(value);
    if (result === undefined) {
      result = test(value);
      if (known.size < 100_000) known.set(value, result);
    }
    return result;
  };
}

/** Text lower-cased and trimmed; numbers and booleans as their text, so `"50"` equals `50`. */
function normaliseScalar(value: string | number | boolean): string {
  return String(value).trim().toLowerCase();
}

function asNumber(value: FieldValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const parsed = Number(value);
    return value.trim() !== '' && Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

let lastWordInput = '';
let lastWordOutput = ' ';

/**
 * Text as space-separated lower-case words with a space at both ends, so a phrase matches only on
 * word boundaries. Remembers the last input because the rules on one field run back to back.
 */
function wordText(text: string): string {
  if (text !== lastWordInput) {
    lastWordInput = text;
    lastWordOutput = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  }
  return lastWordOutput;
}
