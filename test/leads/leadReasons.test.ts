import { describe, expect, it } from 'vitest';
import type { ModelContribution } from '../../functions/leads/conversionModel.ts';
import { compileEngagementScorer } from '../../functions/leads/engagementScore.ts';
import { compileFitGrader } from '../../functions/leads/fitGrading.ts';
import { leadReasons } from '../../functions/leads/leadReasons.ts';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import type { LeadRecord } from '../../functions/leads/LeadRecord.ts';
import { activityWords, howLongAgo, ruleWords } from '../../functions/leads/reasonWording.ts';
import { AS_OF, eventsAgo, makeLead } from './leadFixtures.ts';

const config = leadScoringConfigSchema.parse({});
const grader = compileFitGrader(config.fit);
const engagement = compileEngagementScorer(config.engagement);
const context = { asOf: AS_OF, engagement, grader };

function reasonsOf(record: LeadRecord, modelFactors: ModelContribution[] = []): string[] {
  return leadReasons({ record, fit: grader.grade(record), modelFactors }, context);
}

describe('wording', () => {
  it('says how long ago in words', () => {
    expect(howLongAgo('2025-06-30', AS_OF)).toBe('today');
    expect(howLongAgo('2025-06-29T18:00:00Z', AS_OF)).toBe('yesterday');
    expect(howLongAgo('2025-06-28', AS_OF)).toBe('2 days ago');
    expect(howLongAgo('2025-06-09', AS_OF)).toBe('3 weeks ago');
    expect(howLongAgo('2025-02-28', AS_OF)).toBe('4 months ago');
    expect(howLongAgo('2022-06-30', AS_OF)).toBe('3 years ago');
    expect(howLongAgo('2025-07-02', AS_OF)).toBe('today'); // clock skew
  });

  it('words one event with its date and several with a count', () => {
    expect(activityWords('requested demo', eventsAgo(1, 2), AS_OF)).toBe('requested demo 2 days ago');
    expect(activityWords('visited pricing', eventsAgo(3, 1), AS_OF)).toBe('visited pricing 3x, last yesterday');
    expect(activityWords('opened email', { count: 1200, decayedCount: 0, lastAt: null }, AS_OF)).toBe('opened email 1,200x');
  });

  it('words rules by their field, range or value, with the sign', () => {
    const [sizeSmall, industry, noCompany] = [
      config.fit.rules.find((r) => r.label === 'Company size under 10'),
      config.fit.rules.find((r) => r.label === 'Target industry'),
      config.fit.rules.find((r) => r.label === 'No company name'),
    ];
    const lead = makeLead({ industry: 'Software', companySize: 7, company: null });
    expect(sizeSmall && ruleWords(sizeSmall, lead)).toBe('company size up to 9 (−)');
    expect(industry && ruleWords(industry, lead)).toBe('industry: Software (+)');
    expect(noCompany && ruleWords(noCompany, lead)).toBe('no company (−)');
    expect(ruleWords({ label: 'x', when: { field: 'company_size', range: { min: 50, max: 1000 } }, points: 15 }, lead)).toBe(
      'company size 50-1,000 (+)',
    );
    expect(ruleWords({ label: 'x', when: { field: 'budget', range: { min: 10000 } }, points: 10, reason: 'has budget' }, lead)).toBe(
      'has budget (+)',
    );
  });
});

describe('choosing reasons', () => {
  it('gives the three largest rule points, largest first', () => {
    const lead = makeLead({
      industry: 'Software', // +10
      companySize: 200, // +15
      title: 'Marketing Manager', // +6
      activity: { demo_request: eventsAgo(1, 2), email_open: eventsAgo(2, 0) }, // ≈ 23.9, 2
    });
    expect(reasonsOf(lead)).toEqual(['requested demo 2 days ago', 'company size 50-1,000 (+)', 'industry: Software (+)']);
  });

  it('puts a disqualifier first', () => {
    const lead = makeLead({ title: 'Student', companySize: 200, activity: { pricing_page_view: eventsAgo(3, 1) } });
    expect(reasonsOf(lead)).toEqual(['disqualified: student or intern title', 'company size 50-1,000 (+)', 'visited pricing 3x, last yesterday']);
  });

  it('marks negative activity and skips activity that has decayed to nothing', () => {
    const lead = makeLead({ activity: { unsubscribe: eventsAgo(1, 5), webinar: eventsAgo(2, 400) } });
    expect(reasonsOf(lead)).toEqual(['unsubscribed 5 days ago (−)']);
  });

  it('alternates rule points with model factors and says each subject once', () => {
    const lead = makeLead({ industry: 'Software', companySize: 200, country: 'DE', activity: { pricing_page_view: eventsAgo(2, 3) } });
    const factors: ModelContribution[] = [
      { source: { kind: 'categorical', field: 'industry' }, logOdds: 0.9 }, // same subject as the industry rule
      { source: { kind: 'categorical', field: 'country' }, logOdds: -0.4 },
    ];
    // Rules by points: size 15, industry 10, pricing ≈ 9.3. Model: industry 0.9, country −0.4.
    // Taken in turn: size (rule), industry (model), industry rule skipped (said), country (model).
    expect(reasonsOf(lead, factors)).toEqual(['company size 50-1,000 (+)', 'industry: Software (+)', 'country: DE (−)']);
  });

  it('gives a lead with nothing notable no reasons rather than noise', () => {
    expect(reasonsOf(makeLead())).toEqual([]);
  });
});

describe('range wording', () => {
  it('writes large limits compactly', () => {
    const lead = makeLead({ annualRevenue: 20_000_000, budget: 12_000 });
    expect(reasonsOf(lead)).toEqual(['annual revenue 10M+ (+)', 'budget 10K+ (+)']);
  });
});
