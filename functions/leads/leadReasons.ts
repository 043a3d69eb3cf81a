/**
 * Up to three reasons per lead, in plain words, most important first: a disqualifier if any, then
 * the largest rule points (fit rules and engagement by activity type) alternating with the model's
 * largest factors, each subject said once.
 *
 * Candidates are ranked by weight first and put into words only when chosen, since a lead has a
 * dozen candidates and three reasons.
 */
import type { ModelContribution } from './conversionModel.ts';
import type { EngagementScorer } from './engagementScore.ts';
import type { FitContribution, FitGrader, FitResult } from './fitGrading.ts';
import type { ActivityStat, LeadRecord } from './LeadRecord.ts';
import { normaliseActivityType } from './engagementScore.ts';
import { fieldReader } from './leadFields.ts';
import { MINUS, PLUS, activityWords, ruleField, ruleText, ruleWords, valueWords } from './reasonWording.ts';

/** Most reasons per lead. */
export const MAX_REASONS = 3;
/** Engagement points below this are too small to mention. */
const MIN_POINTS = 0.5;
/** Model factors below this (in log-odds, about ±10% odds) are too small to mention. */
export const MIN_LOG_ODDS = 0.1;

type Candidate =
  | { readonly kind: 'rule'; readonly key: string; readonly weight: number; readonly contribution: FitContribution }
  | { readonly kind: 'activity'; readonly key: string; readonly weight: number; readonly type: string; readonly points: number }
  | { readonly kind: 'model'; readonly key: string; readonly weight: number; readonly factor: ModelContribution };

export interface ReasonInputs {
  readonly record: LeadRecord;
  readonly fit: FitResult;
  /** The model's factors for this lead, largest first (empty when rules only). */
  readonly modelFactors: readonly ModelContribution[];
}

export interface ReasonContext {
  readonly asOf: string;
  readonly engagement: EngagementScorer;
  readonly grader: FitGrader;
}

/**
 * The reasons of one lead.
 *
 * @example
 * ```ts
 * leadReasons({ record, fit, modelFactors: [] }, { asOf: '2025-06-30', engagement, grader });
 * // ['requested demo 2 days ago', 'company size 50-1,000 (+)', 'visited pricing 3x, last yesterday']
 * ```
 */
export function leadReasons(inputs: ReasonInputs, context: ReasonContext): string[] {
  const { record, fit } = inputs;
  const reasons: string[] = [];
  const seen: string[] = [];
  if (fit.disqualifiedBy !== null) {
    reasons.push(`disqualified: ${fit.disqualifiedBy}`);
    seen.push('disqualified');
  }
  const rules = ruleCandidates(record, fit, context);
  const model = inputs.modelFactors.map((factor): Candidate => ({
    kind: 'model',
    key: factorKey(factor, context.grader),
    weight: Math.abs(factor.logOdds),
    factor,
  }));
  let r = 0;
  let m = 0;
  while (reasons.length < MAX_REASONS && (r < rules.length || m < model.length)) {
    const next = (r <= m && r < rules.length) || m >= model.length ? rules[r++] : model[m++];
    if (next === undefined || seen.includes(next.key)) continue;
    const text = render(next, record, context);
    if (text === null) continue;
    seen.push(next.key);
    reasons.push(text);
  }
  return reasons;
}

/** Rule candidates kept per lead: the reasons, plus room for subjects already said. */
const RULE_CANDIDATES = 2 * MAX_REASONS;

/**
 * Fit rules and engagement by type, largest points first, at most {@link RULE_CANDIDATES}. A
 * candidate that cannot make the list is rejected before it is built: at a million leads the
 * objects would cost more than the choice.
 */
function ruleCandidates(record: LeadRecord, fit: FitResult, context: ReasonContext): Candidate[] {
  const candidates: Candidate[] = [];
  for (const contribution of fit.contributions) {
    const weight = Math.abs(contribution.points);
    if (!makesTheList(candidates, weight)) continue;
    const key = ruleKey(contribution.ruleIndex, ruleField(contribution.rule));
    insertByWeight(candidates, { kind: 'rule', key, weight, contribution });
  }
  for (const type in record.activity) {
    const stat = record.activity[type];
    if (stat === undefined || stat.count <= 0) continue;
    const points = context.engagement.points(type, stat);
    const weight = Math.abs(points);
    if (weight < MIN_POINTS || !makesTheList(candidates, weight)) continue;
    insertByWeight(candidates, { kind: 'activity', key: activityKey(type), weight, type, points });
  }
  return candidates;
}

function makesTheList(candidates: readonly Candidate[], weight: number): boolean {
  return candidates.length < RULE_CANDIDATES || weight > (candidates[candidates.length - 1] as Candidate).weight;
}

/** Inserts after every candidate at least as heavy (so ties keep arrival order) and trims the list. */
function insertByWeight(candidates: Candidate[], candidate: Candidate): void {
  let at = candidates.length;
  while (at > 0 && (candidates[at - 1] as Candidate).weight < candidate.weight) at--;
  candidates.splice(at, 0, candidate);
  if (candidates.length > RULE_CANDIDATES) candidates.pop();
}

function render(candidate: Candidate, record: LeadRecord, context: ReasonContext): string | null {
  switch (candidate.kind) {
    case 'rule':
      return ruleWords(candidate.contribution.rule, record);
    case 'activity': {
      const stat = record.activity[candidate.type] as ActivityStat;
      const words = activityWords(context.engagement.labelOf(candidate.type), stat, context.asOf);
      return candidate.points < 0 ? `${words} ${MINUS}` : words;
    }
    case 'model':
      return factorWords(candidate.factor, record, context);
  }
}

/** A model factor in words; null when there is nothing to say (no such activity on record). */
function factorWords(factor: ModelContribution, record: LeadRecord, context: ReasonContext): string | null {
  const sign = factor.logOdds >= 0 ? PLUS : MINUS;
  const source = factor.source;
  switch (source.kind) {
    case 'numeric':
    case 'categorical':
      return `${valueWords(source.field, fieldReader(source.field)(record))} ${sign}`;
    case 'flag':
      return `${source.flag === 'free_mail' ? 'free-mail address' : 'email looks invalid'} ${sign}`;
    case 'rule': {
      const rule = context.grader.rules[source.ruleIndex];
      return rule === undefined ? null : `${ruleText(rule, record)} ${sign}`;
    }
    case 'disqualifier':
      return `disqualified: ${context.grader.disqualifierLabels[source.disqualifierIndex] ?? ''}`;
    case 'activity': {
      const stat = statOfType(record, source.activityType);
      if (stat === null) return null;
      const words = activityWords(context.engagement.labelOf(source.activityType), stat, context.asOf);
      return factor.logOdds < 0 ? `${words} ${MINUS}` : words;
    }
  }
}

/** What a factor is about, matching the keys of rule candidates so a subject is said once. */
function factorKey(factor: ModelContribution, grader: FitGrader): string {
  const source = factor.source;
  switch (source.kind) {
    case 'numeric':
    case 'categorical':
      return `field:${source.field}`;
    case 'flag':
      return `flag:${source.flag}`;
    case 'rule': {
      const rule = grader.rules[source.ruleIndex];
      return ruleKey(source.ruleIndex, rule === undefined ? null : ruleField(rule));
    }
    case 'disqualifier':
      return 'disqualified';
    case 'activity':
      return activityKey(source.activityType);
  }
}

function ruleKey(ruleIndex: number, field: string | null): string {
  return field === null ? `rule:${ruleIndex}` : `field:${field}`;
}

const activityKeys = new Map<string, string>();

/** Key of an activity type; raw spellings of one type share it. Remembered, types are few. */
function activityKey(type: string): string {
  let key = activityKeys.get(type);
  if (key === undefined) {
    key = `activity:${normaliseActivityType(type)}`;
    if (activityKeys.size < 10_000) activityKeys.set(type, key);
  }
  return key;
}

/** The lead's activity of a (normalised) type, merging raw types that normalise alike. */
function statOfType(record: LeadRecord, normalisedType: string): ActivityStat | null {
  let merged: ActivityStat | null = null;
  for (const type in record.activity) {
    const stat = record.activity[type];
    if (stat === undefined || normaliseActivityType(type) !== normalisedType) continue;
    merged =
      merged === null
        ? stat
        : {
            count: merged.count + stat.count,
            decayedCount: merged.decayedCount + stat.decayedCount,
            lastAt: latest(merged.lastAt, stat.lastAt),
          };
  }
  return merged;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
