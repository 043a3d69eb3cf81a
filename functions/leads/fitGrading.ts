/**
 * Fit grading: who the lead is, from attributes only (no decay). Rules add or subtract points,
 * alternatives in a group count once, and any disqualifier makes the grade F whatever the points.
 * Each counted rule is kept with its points so reasons can say which attributes mattered.
 */
import type { LeadRecord } from './LeadRecord.ts';
import type { FitConfig, FitRule } from './leadScoringConfig.ts';
import { compileCondition, type LeadPredicate } from './ruleCondition.ts';

export type FitGrade = 'A' | 'B' | 'C' | 'D' | 'F';

/** A rule that counted for a lead. */
export interface FitContribution {
  /** Index of the rule in `config.rules`. */
  readonly ruleIndex: number;
  readonly rule: FitRule;
  readonly points: number;
}

export interface FitResult {
  readonly grade: FitGrade;
  /** Sum of the counted rules' points (also computed for F, for the record). */
  readonly points: number;
  /** Label of the first matching disqualifier, or null. */
  readonly disqualifiedBy: string | null;
  /** Index of that disqualifier in {@link FitGrader.disqualifierLabels}, or -1. */
  readonly disqualifierIndex: number;
  readonly contributions: readonly FitContribution[];
}

export interface FitGrader {
  /** Labels of the disqualifiers in the order they are tried (competitor first when configured). */
  readonly disqualifierLabels: readonly string[];
  readonly rules: readonly FitRule[];
  grade(record: LeadRecord): FitResult;
}

interface CompiledRule {
  readonly index: number;
  readonly rule: FitRule;
  readonly matches: LeadPredicate;
  /** Index of the rule's group, or -1 when it stands alone. */
  readonly group: number;
}

interface CompiledDisqualifier {
  readonly label: string;
  readonly matches: LeadPredicate;
}

/** Results are shared under a numeric key, a bit per rule times the disqualifiers: exact below 2^53. */
const MAX_SHARED_RULES = 40;
const MAX_SHARED_DISQUALIFIERS = 4096;

/** Label of the built-in competitor disqualifier. */
export const COMPETITOR_LABEL = 'competitor domain';

/**
 * Compiles the fit config into a grader.
 *
 * @example
 * ```ts
 * const grader = compileFitGrader(leadScoringConfigSchema.parse({}).fit);
 * grader.grade(lead); // { grade: 'A', points: 37, disqualifiedBy: null, … }
 * ```
 */
export function compileFitGrader(config: FitConfig): FitGrader {
  const groupNames = [...new Set(config.rules.flatMap((r) => (r.group === undefined ? [] : [r.group])))];
  const rules: CompiledRule[] = config.rules.map((rule, index) => ({
    index,
    rule,
    matches: compileCondition(rule.when),
    group: rule.group === undefined ? -1 : groupNames.indexOf(rule.group),
  }));
  const disqualifiers = compileDisqualifiers(config);
  const { A, B, C } = config.grades;
  // Reused between calls: grading is synchronous, and a fresh set per lead costs at a million leads.
  const groupDone = new Uint8Array(groupNames.length);
  const counted = new Uint8Array(rules.length);
  // A result depends only on which rules counted and which disqualifier matched, and leads share
  // a few hundred such combinations: one shared (immutable) result per combination spares a
  // million results and their contribution lists. Keyed by a bit per rule while they fit a number.
  const shared = new Map<number, FitResult>();
  const shareable = rules.length <= MAX_SHARED_RULES && disqualifiers.length < MAX_SHARED_DISQUALIFIERS;

  const result = (disqualifierIndex: number): FitResult => {
    const contributions: FitContribution[] = [];
    let points = 0;
    for (const { index, rule } of rules) {
      if (counted[index] === 0) continue;
      points += rule.points;
      contributions.push({ ruleIndex: index, rule, points: rule.points });
    }
    const disqualifiedBy = disqualifierIndex >= 0 ? (disqualifiers[disqualifierIndex]?.label ?? null) : null;
    const letter: FitGrade = disqualifiedBy !== null ? 'F' : points >= A ? 'A' : points >= B ? 'B' : points >= C ? 'C' : 'D';
    return { grade: letter, points, disqualifiedBy, disqualifierIndex, contributions };
  };

  const grade = (record: LeadRecord): FitResult => {
    groupDone.fill(0);
    counted.fill(0);
    let key = 0;
    for (const { index, matches, group } of rules) {
      if (group >= 0 && groupDone[group] === 1) continue;
      if (!matches(record)) continue;
      if (group >= 0) groupDone[group] = 1;
      counted[index] = 1;
      key += 2 ** index;
    }
    const disqualifierIndex = disqualifiers.findIndex((d) => d.matches(record));
    if (!shareable) return result(disqualifierIndex);
    key = key * (disqualifiers.length + 1) + disqualifierIndex + 1;
    let found = shared.get(key);
    if (found === undefined) {
      found = result(disqualifierIndex);
      shared.set(key, found);
    }
    return found;
  };

  return { disqualifierLabels: disqualifiers.map((d) => d.label), rules: config.rules, grade };
}

function compileDisqualifiers(config: FitConfig): CompiledDisqualifier[] {
  const compiled: CompiledDisqualifier[] = [];
  if (config.competitorDomains.length > 0) {
    compiled.push({ label: COMPETITOR_LABEL, matches: competitorTest(config.competitorDomains) });
  }
  for (const d of config.disqualifiers) {
    if (d.b2bOnly && !config.b2b) continue;
    compiled.push({ label: d.label, matches: compileCondition(d.when) });
  }
  return compiled;
}

/** Email or company domain equal to a competitor's domain or one of its subdomains. */
function competitorTest(domains: readonly string[]): LeadPredicate {
  const competitors = domains.map((d) => d.toLowerCase());
  const isCompetitor = (domain: string | null): boolean => {
    if (domain === null) return false;
    const d = domain.trim().toLowerCase();
    return competitors.some((c) => d === c || d.endsWith(`.${c}`));
  };
  return (r) => isCompetitor(r.emailDomain) || isCompetitor(r.domain);
}
