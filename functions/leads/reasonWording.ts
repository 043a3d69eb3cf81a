/**
 * The words of the reasons column: how long ago, an activity ("visited pricing 3x, last
 * yesterday"), a fit rule ("company size 50-1,000 (+)", "industry: Software (+)") and a model
 * factor ("country: DE (−)"). Short, so three fit in a cell.
 */
import type { ActivityStat, LeadRecord } from './LeadRecord.ts';
import type { FitRule, RuleCondition } from './leadScoringConfig.ts';
import { fieldLabel, fieldReader, formatCount, type FieldValue } from './leadFields.ts';
import { daysBetween } from './isoDays.ts';

/** Sign appended to a factor that raises priority or odds. */
export const PLUS = '(+)';
/** Sign appended to a factor that lowers them (a true minus sign, as in the brief's examples). */
export const MINUS = '(−)';

/**
 * "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago", "2 years ago".
 *
 * @example
 * ```ts
 * howLongAgo('2025-06-28', '2025-06-30'); // '2 days ago'
 * ```
 */
export function howLongAgo(date: string, asOf: string): string {
  const days = daysBetween(date, asOf);
  if (!(days > 0)) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 61) return `${Math.floor(days / 7)} weeks ago`;
  if (days < 730) return `${Math.round(days / 30.44)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}

/**
 * An activity in words: one event with its date, several with the latest.
 *
 * @example
 * ```ts
 * activityWords('requested demo', { count: 1, decayedCount: 0.95, lastAt: '2025-06-28' }, '2025-06-30'); // 'requested demo 2 days ago'
 * activityWords('visited pricing', { count: 3, decayedCount: 2.9, lastAt: '2025-06-29' }, '2025-06-30'); // 'visited pricing 3x, last yesterday'
 * ```
 */
export function activityWords(label: string, stat: ActivityStat, asOf: string): string {
  if (stat.lastAt === null) return `${label} ${formatCount(stat.count)}x`;
  const when = howLongAgo(stat.lastAt, asOf);
  return stat.count === 1 ? `${label} ${when}` : `${label} ${formatCount(stat.count)}x, last ${when}`;
}

/**
 * A counted fit rule in words, with its sign: the rule's own `reason` when set; else a range as
 * "company size 50-1,000", a value test as "industry: Software" (the lead's value), an empty field
 * as "no company", and a multi-condition rule by its label.
 *
 * @example
 * ```ts
 * ruleWords({ label: 'Mid-size', when: { field: 'company_size', range: { min: 50, max: 1000 } }, points: 15 }, lead); // 'company size 50-1,000 (+)'
 * ```
 */
export function ruleWords(rule: FitRule, record: LeadRecord): string {
  return `${ruleText(rule, record)} ${rule.points >= 0 ? PLUS : MINUS}`;
}

/**
 * A fit rule in words without the sign (the model may weigh the same attribute the other way).
 *
 * @example
 * ```ts
 * ruleText({ label: 'No company', when: { field: 'company', present: false }, points: -5 }, lead); // 'no company'
 * ```
 */
export function ruleText(rule: FitRule, record: LeadRecord): string {
  if (rule.reason !== undefined) return rule.reason;
  const condition = singleCondition(rule.when);
  if (condition === null) return rule.label;
  const label = fieldLabel(condition.field);
  if ('range' in condition) return `${label} ${rangeText(condition.range.min, condition.range.max)}`;
  if ('present' in condition && !condition.present) return `no ${label}`;
  return valueWords(condition.field, fieldReader(condition.field)(record));
}

/**
 * The field a rule tests when it tests one field only (so a rule and a model factor about the
 * same field are not both listed); null for multi-condition rules.
 *
 * @example
 * ```ts
 * ruleField({ label: 'x', when: { field: 'industry', in: ['software'] }, points: 10 }); // 'industry'
 * ```
 */
export function ruleField(rule: FitRule): string | null {
  return singleCondition(rule.when)?.field ?? null;
}

function singleCondition(when: RuleCondition | readonly RuleCondition[]): RuleCondition | null {
  if (!Array.isArray(when)) return when as RuleCondition;
  return when.length === 1 ? (when[0] as RuleCondition) : null;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${rangeNumber(min)}-${rangeNumber(max)}`;
  if (min !== undefined) return `${rangeNumber(min)}+`;
  return `up to ${rangeNumber(max as number)}`;
}

// Compact from 10,000 up ("10M", "10K"): range limits are round numbers, and reasons must stay short.
// Built on first use, like formatCount's formatter (leadFields.ts says why).
let compact: Intl.NumberFormat | undefined;

function rangeNumber(value: number): string {
  // Range limits come from the config, so few values recur for every lead a rule counted for.
  let text = rangeNumbers.get(value);
  if (text === undefined) {
    if (Math.abs(value) < 10_000) text = formatCount(value);
    else {
      compact ??= new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
      text = compact.format(value);
    }
    if (rangeNumbers.size < 10_000) rangeNumbers.set(value, text);
  }
  return text;
}

const rangeNumbers = new Map<number, string>();

/**
 * "industry: Software", "company size: 1,200", "industry: unknown".
 *
 * @example
 * ```ts
 * valueWords('company_size', 1200); // 'company size: 1,200'
 * ```
 */
export function valueWords(field: string, value: FieldValue): string {
  const label = fieldLabel(field);
  if (value === null) return `${label}: unknown`;
  if (typeof value === 'number') return `${label}: ${formatCount(value)}`;
  if (typeof value === 'boolean') return `${label}: ${value ? 'yes' : 'no'}`;
  return `${label}: ${value}`;
}
