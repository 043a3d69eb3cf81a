import { describe, expect, it } from 'vitest';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { LEADS_CSV_COLUMNS, leadsCsvRow } from '../../functions/leads/leadsCsv.ts';
import { scoreLeads } from '../../functions/leads/scoreLeads.ts';
import { AS_OF, eventsAgo, makeLead } from './leadFixtures.ts';

describe('leads.csv rows', () => {
  const config = leadScoringConfigSchema.parse({});
  const result = scoreLeads(
    [
      makeLead({
        leadId: 'L-9',
        companySize: 200,
        title: 'CEO',
        industry: 'Software',
        country: 'DE',
        source: 'webinar',
        lastActivityAt: '2025-06-29',
        activity: { demo_request: eventsAgo(1, 0) },
      }),
      makeLead({ leadId: 'L-8', title: 'Intern', status: 'disqualified', converted: false, createdAt: '2024-01-01' }),
    ],
    config,
    AS_OF,
  );
  const rows = result.leads.map((lead) => Object.fromEntries(LEADS_CSV_COLUMNS.map((c, i) => [c, leadsCsvRow(lead)[i]])));

  it('has one value per column, in column order', () => {
    for (const lead of result.leads) expect(leadsCsvRow(lead)).toHaveLength(LEADS_CSV_COLUMNS.length);
    expect(LEADS_CSV_COLUMNS.slice(0, 4)).toEqual(['lead_id', 'email', 'company', 'owner']);
    expect(new Set(LEADS_CSV_COLUMNS).size).toBe(LEADS_CSV_COLUMNS.length);
  });

  it('writes the scores of an open lead', () => {
    expect(rows[0]).toMatchObject({
      lead_id: 'L-9',
      status: 'open',
      grade: 'A', // 15 + 15 + 10 = 40
      fit_points: 40,
      disqualified_by: null,
      engagement_score: 25,
      engagement_band: 2,
      priority: 'A2',
      tier: 'Hot',
      p_convert: null,
      // Demo 25 points; size and title 15 each (rule order breaks the tie); industry 10 is fourth.
      reasons: 'requested demo today; company size 50-1,000 (+); title: CEO (+)',
      next_action: 'Call within 1 business day',
      created_at: '2025-06-01',
      last_activity_at: '2025-06-29',
      industry: 'Software',
      company_size: 200,
      country: 'DE',
      source: 'webinar',
      title: 'CEO',
    });
  });

  it('writes a closed lead with its disqualifier and no action', () => {
    expect(rows[1]).toMatchObject({
      lead_id: 'L-8',
      status: 'disqualified',
      grade: 'F',
      disqualified_by: 'student or intern title',
      tier: 'Disqualified',
      next_action: 'None: disqualified in the CRM',
      converted: false,
    });
  });
});
