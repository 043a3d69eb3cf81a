/**
 * Lead segmentation breakdowns: for each value of each dimension (industry, company size band,
 * country, source, any attribute), how many leads, how the open ones split over the tiers, how
 * engaged they are, and how often such leads converted in the past.
 */
import type { BreakdownsConfig } from './leadScoringConfig.ts';
import type { ScoredLead } from './ScoredLead.ts';
import { fieldReader } from './leadFields.ts';
import { TIER_ORDER, type LeadTier } from './priorityMatrix.ts';

/** Row of the values beyond `maxValues`. */
export const OTHER_VALUE = '(other)';
/** Row of the leads without a value. */
export const MISSING_VALUE = '(missing)';

export interface BreakdownRow {
  readonly value: string;
  /** All leads with this value. */
  readonly leads: number;
  readonly openLeads: number;
  /** Share of the open leads in each tier (0 when there are no open leads). */
  readonly tierShares: Readonly<Record<LeadTier, number>>;
  /** Mean engagement score of the open leads; null without open leads. */
  readonly meanEngagement: number | null;
  /** Leads with a known outcome (labelled and at least one window old). */
  readonly knownOutcomes: number;
  /** Converted share of those; null when none. */
  readonly conversionRate: number | null;
}

export interface Breakdown {
  readonly dimension: string;
  /** Largest first, then "(other)" and "(missing)"; company size bands in size order. */
  readonly rows: readonly BreakdownRow[];
}

interface Tally {
  display: string;
  leads: number;
  open: number;
  /** Open leads per tier, in {@link TIER_ORDER}. */
  tiers: number[];
  engagementSum: number;
  known: number;
  converted: number;
}

/** What breakdowns need of each lead, read once: each dimension is another pass over the leads. */
interface LeadFacts {
  readonly open: Uint8Array;
  readonly tier: Uint8Array;
  readonly engagement: Float64Array;
  readonly known: Uint8Array;
  readonly converted: Uint8Array;
}

/**
 * Breakdowns for every configured dimension.
 *
 * @example
 * ```ts
 * const [byIndustry] = leadBreakdowns(scored, config.breakdowns, (lead) => hasKnownOutcome(lead.record, asOf, 90));
 * byIndustry.rows[0]; // { value: 'Software', leads: 412, openLeads: 130, tierShares: { Hot: 0.12, … }, … }
 * ```
 */
export function leadBreakdowns(
  leads: readonly ScoredLead[],
  config: BreakdownsConfig,
  knownOutcome: (lead: ScoredLead) => boolean,
): Breakdown[] {
  const facts = leadFacts(leads, knownOutcome);
  return config.dimensions.map((dimension) => breakdownBy(leads, facts, dimension, config));
}

function leadFacts(leads: readonly ScoredLead[], knownOutcome: (lead: ScoredLead) => boolean): LeadFacts {
  const n = leads.length;
  const facts = {
    open: new Uint8Array(n),
    tier: new Uint8Array(n),
    engagement: new Float64Array(n),
    known: new Uint8Array(n),
    converted: new Uint8Array(n),
  };
  leads.forEach((lead, i) => {
    facts.open[i] = lead.record.status === 'open' ? 1 : 0;
    facts.tier[i] = TIER_ORDER.indexOf(lead.tier);
    facts.engagement[i] = lead.engagement;
    facts.known[i] = knownOutcome(lead) ? 1 : 0;
    facts.converted[i] = lead.record.converted === true ? 1 : 0;
  });
  return facts;
}

function breakdownBy(leads: readonly ScoredLead[], facts: LeadFacts, dimension: string, config: BreakdownsConfig): Breakdown {
  const read = fieldReader(dimension, config.companySizeBands);
  const tallies = new Map<string, Tally>();
  // Raw values repeat; remembering their tally skips normalising the text for every lead.
  const tallyOfRaw = new Map<string | number | boolean | null, Tally>();
  leads.forEach((lead, i) => {
    const value = read(lead.record);
    let tally = tallyOfRaw.get(value);
    if (tally === undefined) {
      const key = value === null ? MISSING_VALUE : String(value).trim().toLowerCase();
      tally = tallies.get(key);
      if (tally === undefined) {
        tally = emptyTally(value === null ? MISSING_VALUE : String(value).trim());
        tallies.set(key, tally);
      }
      if (tallyOfRaw.size < 100_000) tallyOfRaw.set(value, tally);
    }
    addLead(tally, facts, i);
  });
  const missing = tallies.get(MISSING_VALUE);
  tallies.delete(MISSING_VALUE);
  const values = [...tallies.values()];
  if (dimension === 'company_size_band') {
    // Few bands with a natural order: all of them, smallest companies first.
    const rows = values.sort((a, b) => bandLowerLimit(a.display) - bandLowerLimit(b.display)).map(toRow);
    if (missing !== undefined) rows.push(toRow(missing));
    return { dimension, rows };
  }
  const ranked = values.sort((a, b) => b.leads - a.leads || (a.display < b.display ? -1 : 1));
  const shown = ranked.slice(0, config.maxValues);
  const rest = ranked.slice(config.maxValues);
  const rows = shown.map(toRow);
  if (rest.length > 0) rows.push(toRow(rest.reduce(mergeTallies, emptyTally(OTHER_VALUE))));
  if (missing !== undefined) rows.push(toRow(missing));
  return { dimension, rows };
}

/** "1,000-4,999" → 1000, "5,000+" → 5000. */
function bandLowerLimit(label: string): number {
  return Number(label.replaceAll(',', '').split(/[-+]/)[0]);
}

function emptyTally(display: string): Tally {
  return { display, leads: 0, open: 0, tiers: TIER_ORDER.map(() => 0), engagementSum: 0, known: 0, converted: 0 };
}

function addLead(tally: Tally, facts: LeadFacts, i: number): void {
  tally.leads++;
  if (facts.open[i] === 1) {
    tally.open++;
    const tier = facts.tier[i] as number;
    tally.tiers[tier] = (tally.tiers[tier] as number) + 1;
    tally.engagementSum += facts.engagement[i] as number;
  }
  if (facts.known[i] === 1) {
    tally.known++;
    tally.converted += facts.converted[i] as number;
  }
}

function mergeTallies(into: Tally, other: Tally): Tally {
  into.leads += other.leads;
  into.open += other.open;
  other.tiers.forEach((n, t) => {
    into.tiers[t] = (into.tiers[t] as number) + n;
  });
  into.engagementSum += other.engagementSum;
  into.known += other.known;
  into.converted += other.converted;
  return into;
}

function toRow(tally: Tally): BreakdownRow {
  const share = (tier: LeadTier): number => (tally.open === 0 ? 0 : (tally.tiers[TIER_ORDER.indexOf(tier)] as number) / tally.open);
  return {
    value: tally.display,
    leads: tally.leads,
    openLeads: tally.open,
    tierShares: {
      Hot: share('Hot'),
      Warm: share('Warm'),
      Nurture: share('Nurture'),
      Low: share('Low'),
      Disqualified: share('Disqualified'),
    },
    meanEngagement: tally.open === 0 ? null : tally.engagementSum / tally.open,
    knownOutcomes: tally.known,
    conversionRate: tally.known === 0 ? null : tally.converted / tally.known,
  };
}
