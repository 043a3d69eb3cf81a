import { describe, expect, it } from 'vitest';
import { hasKnownOutcome } from '../../functions/leads/knownOutcome.ts';
import { leadBreakdowns } from '../../functions/leads/leadBreakdowns.ts';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import type { ScoredLead } from '../../functions/leads/ScoredLead.ts';
import type { LeadTier } from '../../functions/leads/priorityMatrix.ts';
import { AS_OF, makeLead } from './leadFixtures.ts';

/** A scored lead with just the fields breakdowns read. */
function scored(overrides: Parameters<typeof makeLead>[0], tier: LeadTier, engagement: number): ScoredLead {
  return {
    record: makeLead(overrides),
    fit: { grade: 'B', points: 20, disqualifiedBy: null, disqualifierIndex: -1, contributions: [] },
    engagement,
    band: 2,
    priority: 'B2',
    tier,
    nextAction: '',
    pConvert: null,
    reasons: [],
  };
}

const config = leadScoringConfigSchema.parse({ breakdowns: { dimensions: ['industry', 'company_size_band', 'tier_source'], maxValues: 2 } }).breakdowns;
const known = (lead: ScoredLead) => hasKnownOutcome(lead.record, AS_OF, 90);

const leads: ScoredLead[] = [
  scored({ industry: 'Software', companySize: 5 }, 'Hot', 40),
  scored({ industry: 'software ', companySize: 60 }, 'Warm', 20), // same value up to case and spaces
  scored({ industry: 'Software', companySize: 60 }, 'Warm', 0),
  scored({ industry: 'Software', createdAt: '2024-01-01', status: 'converted', converted: true }, 'Hot', 0),
  scored({ industry: 'Software', createdAt: '2024-01-01', status: 'disqualified', converted: false }, 'Low', 0),
  scored({ industry: 'Retail', companySize: 1000 }, 'Low', 2),
  scored({ industry: 'Retail', createdAt: '2024-02-01', status: 'converted', converted: true }, 'Hot', 0),
  scored({ industry: 'Mining' }, 'Nurture', 6),
  scored({ industry: 'Energy' }, 'Disqualified', 1),
  scored({ industry: null }, 'Low', 0),
  // Converted but younger than the window: not a known outcome yet.
  scored({ industry: 'Retail', createdAt: '2025-06-01', status: 'converted', converted: true }, 'Hot', 0),
];

describe('lead breakdowns', () => {
  const [byIndustry, bySize, byMissing] = leadBreakdowns(leads, config, known);

  it('counts leads, open leads and the tier mix of the open ones per value', () => {
    const software = byIndustry?.rows[0];
    expect(software?.value).toBe('Software');
    expect(software?.leads).toBe(5);
    expect(software?.openLeads).toBe(3);
    expect(software?.tierShares).toEqual({ Hot: 1 / 3, Warm: 2 / 3, Nurture: 0, Low: 0, Disqualified: 0 });
    expect(software?.meanEngagement).toBeCloseTo(20, 12);
  });

  it('computes conversion rates from known outcomes only', () => {
    const [software, retail] = byIndustry?.rows ?? [];
    expect(software?.knownOutcomes).toBe(2);
    expect(software?.conversionRate).toBe(0.5);
    expect(retail?.value).toBe('Retail');
    expect(retail?.leads).toBe(3);
    expect(retail?.knownOutcomes).toBe(1);
    expect(retail?.conversionRate).toBe(1);
  });

  it('groups values beyond maxValues as (other) and lists (missing) last', () => {
    expect(byIndustry?.rows.map((r) => [r.value, r.leads])).toEqual([
      ['Software', 5],
      ['Retail', 3],
      ['(other)', 2],
      ['(missing)', 1],
    ]);
    const other = byIndustry?.rows[2];
    expect(other?.tierShares.Nurture).toBe(0.5);
    expect(other?.tierShares.Disqualified).toBe(0.5);
    expect(other?.conversionRate).toBeNull();
  });

  it('bands company size, all bands in size order', () => {
    expect(bySize?.rows.map((r) => [r.value, r.leads])).toEqual([
      ['1-9', 1],
      ['50-199', 2],
      ['1,000-4,999', 1],
      ['(missing)', 7],
    ]);
  });

  it('reads any attribute, all missing when unmapped', () => {
    expect(byMissing?.rows.map((r) => r.value)).toEqual(['(missing)']);
  });
});
