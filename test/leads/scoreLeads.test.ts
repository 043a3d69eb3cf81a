import { describe, expect, it } from 'vitest';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { compileEngagementScorer } from '../../functions/leads/engagementScore.ts';
import { compileFitGrader } from '../../functions/leads/fitGrading.ts';
import { leadReasons } from '../../functions/leads/leadReasons.ts';
import { scoreLeads } from '../../functions/leads/scoreLeads.ts';
import { AS_OF, eventsAgo, makeLead } from './leadFixtures.ts';
import { simulateLeads } from './simulateLeads.ts';

const config = leadScoringConfigSchema.parse({});

describe('scoreLeads', () => {
  const records = [
    makeLead({ leadId: 'b-quiet', companySize: 200, title: 'Manager' }), // B4 Nurture, engagement 0
    makeLead({ leadId: 'b-active', companySize: 200, title: 'Manager', activity: { email_click: eventsAgo(2, 0) } }), // B3 Nurture, 6
    makeLead({ leadId: 'a-hot', companySize: 200, title: 'CEO', budget: 10_000, activity: { demo_request: eventsAgo(1, 0), meeting: eventsAgo(1, 0) } }),
    makeLead({ leadId: 'won', status: 'converted', converted: true, createdAt: '2025-01-02', convertedAt: '2025-02-01' }),
    makeLead({ leadId: 'gmail', freeMail: true, email: 'x@gmail.com', emailDomain: 'gmail.com' }),
    makeLead({ leadId: 'old-open', createdAt: '2024-01-01', converted: false }),
  ];
  const result = scoreLeads(records, config, AS_OF);

  it('orders open leads by tier, then engagement, then closed leads', () => {
    expect(result.leads.map((l) => l.record.leadId)).toEqual(['a-hot', 'b-active', 'b-quiet', 'old-open', 'gmail', 'won']);
    expect(result.leads.map((l) => l.priority)).toEqual(['A1', 'B3', 'B4', 'D4', 'F', 'D4']);
  });

  it('gives closed leads no next action whatever their cell', () => {
    expect(result.leads.find((l) => l.record.leadId === 'won')?.nextAction).toBe('None: already converted');
  });

  it('summarises counts for run.json, as plain JSON', () => {
    const s = result.summary;
    expect(s.leads).toBe(6);
    expect(s.byStatus).toEqual({ open: 5, disqualified: 0, converted: 1 });
    expect(s.byGrade).toEqual({ A: 1, B: 2, C: 0, D: 2, F: 1 });
    expect(s.byTier).toEqual({ Hot: 1, Warm: 0, Nurture: 2, Low: 1, Disqualified: 1 });
    expect(s.disqualified).toEqual({ 'personal (free-mail) email': 1 });
    expect(s.model.status).toBe('rules-only');
    expect(s.predictedLeads).toBe(0);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('with percentile bands, bands the open leads among themselves', () => {
    const percentiles = leadScoringConfigSchema.parse({ engagement: { bands: { method: 'percentiles', topShares: [0.2, 0.4, 0.6] } } });
    const ranked = scoreLeads(records, percentiles, AS_OF);
    // Open scores: a-hot 45, b-active 6, others 0 → a-hot band 1 (top 20%), b-active band 2 (1 of 5 above it).
    expect(ranked.leads.find((l) => l.record.leadId === 'b-active')?.band).toBe(2);
    expect(ranked.leads.find((l) => l.record.leadId === 'a-hot')?.band).toBe(1);
    expect(JSON.parse(JSON.stringify(ranked.summary))).toEqual(ranked.summary);
  });

  it('handles no leads at all', () => {
    const empty = scoreLeads([], config, AS_OF);
    expect(empty.leads).toEqual([]);
    expect(empty.model.status).toBe('rules-only');
    expect(JSON.parse(JSON.stringify(empty.summary))).toEqual(empty.summary);
  });

  it('reports a trained model as plain JSON too', () => {
    const trained = scoreLeads(simulateLeads({ count: 3000, asOf: AS_OF, seed: 2 }).map((s) => s.record), config, AS_OF);
    expect(trained.summary.model.status).toBe('trained');
    expect(trained.summary.predictedLeads).toBeGreaterThan(0);
    expect(trained.summary.model.status === 'trained' && trained.summary.model.topCoefficients).toHaveLength(12);
    expect(JSON.parse(JSON.stringify(trained.summary))).toEqual(trained.summary);
  });
});

describe('reasons worded when read', () => {
  const asOf = AS_OF;
  const records = simulateLeads({ count: 3000, asOf, seed: 2 }).map((s) => s.record);
  const result = scoreLeads(records, config, asOf);
  const engagement = compileEngagementScorer(config.engagement);
  const grader = compileFitGrader(config.fit);

  it('gives the same reasons on every read, rules and engagement for leads without p_convert', () => {
    const unpredicted = result.leads.filter((l) => l.pConvert === null).slice(0, 200);
    expect(unpredicted.length).toBeGreaterThan(0);
    for (const lead of unpredicted) {
      expect(lead.reasons).toEqual(leadReasons({ record: lead.record, fit: lead.fit, modelFactors: [] }, { asOf, engagement, grader }));
      expect(lead.reasons).toEqual(lead.reasons);
    }
  });

  it('words the model factors of leads with p_convert into their reasons', () => {
    const predicted = result.leads.filter((l) => l.pConvert !== null);
    expect(predicted.length).toBeGreaterThan(0);
    // Some predicted lead has a reason that only the model gives: a categorical value with its sign.
    expect(predicted.some((l) => l.reasons.some((r) => /^(source|country|region)\b.*\((\+|−)\)$/.test(r)))).toBe(true);
    for (const lead of predicted.slice(0, 200)) {
      expect(lead.reasons.length).toBeGreaterThan(0);
      expect(lead.reasons.length).toBeLessThanOrEqual(3);
      expect(lead.reasons).toEqual(lead.reasons);
    }
  });
});

describe('scoreLeads input checks', () => {
  it('refuses an as-of date that is not YYYY-MM-DD', () => {
    expect(() => scoreLeads([], config, '30/06/2025')).toThrow('scoreLeads: as-of date must be YYYY-MM-DD, got "30/06/2025"');
  });
});
