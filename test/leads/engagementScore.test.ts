import { describe, expect, it } from 'vitest';
import { compileEngagementScorer, normaliseActivityType } from '../../functions/leads/engagementScore.ts';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { scoreLeads } from '../../functions/leads/scoreLeads.ts';
import { AS_OF, eventsAgo, makeLead } from './leadFixtures.ts';

const config = leadScoringConfigSchema.parse({});
const scorer = compileEngagementScorer(config.engagement);

describe('engagement points', () => {
  it('multiplies points by the decayed count', () => {
    // pricing_page_view: 5 points per event; 2 events a half-life ago count as 1.
    expect(scorer.score({ pricing_page_view: eventsAgo(2, 30) })).toBeCloseTo(5, 10);
    expect(scorer.score({ demo_request: eventsAgo(1, 0), email_click: eventsAgo(2, 0) })).toBeCloseTo(31, 10);
  });

  it('caps each activity type on its own', () => {
    // 100 fresh pricing views would be 500 points; the cap is 20. Email opens cap at 5.
    expect(scorer.score({ pricing_page_view: eventsAgo(100, 0) })).toBe(20);
    expect(scorer.score({ pricing_page_view: eventsAgo(100, 0), email_open: eventsAgo(300, 0) })).toBe(25);
  });

  it('subtracts negative activity, capped too', () => {
    expect(scorer.score({ unsubscribe: eventsAgo(1, 0) })).toBe(-10);
    expect(scorer.score({ careers_page_view: eventsAgo(10, 0), form_submit: eventsAgo(1, 0) })).toBe(0); // -10 + 10
  });

  it('scores unlisted types with otherActivities and matches type names loosely', () => {
    expect(scorer.score({ podcast_listen: eventsAgo(3, 0) })).toBe(3);
    expect(scorer.score({ podcast_listen: eventsAgo(30, 0) })).toBe(5);
    expect(normaliseActivityType('Pricing Page View')).toBe('pricing_page_view');
    expect(scorer.score({ 'Demo Request': eventsAgo(1, 0) })).toBe(25);
  });
});

describe('decay keeps old activity from outranking new', () => {
  it('ranks a lead active this week above one with the same events last year', () => {
    const activity = (ageDays: number) => ({
      demo_request: eventsAgo(1, ageDays),
      pricing_page_view: eventsAgo(4, ageDays),
      email_click: eventsAgo(3, ageDays),
    });
    const lastYear = makeLead({ leadId: 'old', companySize: 200, activity: activity(365) });
    const thisWeek = makeLead({ leadId: 'new', companySize: 200, activity: activity(3) });
    const result = scoreLeads([lastYear, thisWeek], config, AS_OF);
    const [first, second] = result.leads;
    expect(first?.record.leadId).toBe('new');
    expect(second?.record.leadId).toBe('old');
    expect(second?.engagement).toBeLessThan(0.1);
    expect(first?.engagement).toBeGreaterThan(45);
    expect(first?.band).toBe(1);
    expect(second?.band).toBe(4);
  });
});
