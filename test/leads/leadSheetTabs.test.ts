import { describe, expect, it } from 'vitest';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { leadPriorityTab, ownerPriorityTabs } from '../../functions/leads/leadPriorityTab.ts';
import { leadSegmentsTab } from '../../functions/leads/leadSegmentsTab.ts';
import { leadTabs } from '../../functions/leads/leadTabs.ts';
import { leadTierCounts } from '../../functions/leads/leadTierCounts.ts';
import { scoreLeads } from '../../functions/leads/scoreLeads.ts';
import { AS_OF, eventsAgo, makeLead } from './leadFixtures.ts';
import { simulateLeads } from './simulateLeads.ts';

const config = leadScoringConfigSchema.parse({});

// Rules only (no history): A1 hot, B2 warm, D4 low, F disqualified, a converted lead, a second owner.
const records = [
  makeLead({ leadId: 'low', owner: null }),
  makeLead({ leadId: 'dq', title: 'Student', activity: { demo_request: eventsAgo(1, 1) } }),
  makeLead({
    leadId: 'hot',
    companySize: 200,
    title: 'CEO',
    budget: 20_000,
    lastActivityAt: '2025-06-29T10:00:00Z',
    activity: { demo_request: eventsAgo(1, 1), pricing_page_view: eventsAgo(3, 1) },
  }),
  makeLead({ leadId: 'warm', owner: 'lee', companySize: 200, title: 'Marketing Manager', activity: { form_submit: eventsAgo(2, 3) } }),
  makeLead({ leadId: 'won', status: 'converted', converted: true, createdAt: '2025-05-01', companySize: 200, title: 'CEO' }),
];
const result = scoreLeads(records, config, AS_OF);

describe('Lead Priority tab', () => {
  const tab = leadPriorityTab(result, config.sheet);
  const block = tab.blocks[0];
  const column = (key: string) => block?.columns.findIndex((c) => c.key === key) ?? -1;

  it('lists open leads only, best tier first', () => {
    expect(tab.name).toBe('Lead Priority');
    expect(tab.role).toBe('lead-priority');
    expect(block?.rows.map((r) => r[0])).toEqual(['hot', 'warm', 'low', 'dq']);
    expect(block?.rows.map((r) => r[column('tier')])).toEqual(['Hot', 'Warm', 'Low', 'Disqualified']);
    expect(block?.rows.map((r) => r[column('priority')])).toEqual(['A1', 'B2', 'D4', 'F']);
  });

  it('has typed columns with header notes, colours rows by tier', () => {
    expect(block?.colourBy).toBe('tier');
    expect(block?.columns.map((c) => c.key)).toEqual([
      'lead_id', 'email', 'company', 'owner', 'grade', 'engagement_score', 'priority', 'tier', 'p_convert', 'reasons', 'last_activity_at', 'next_action',
    ]);
    expect(block?.columns.find((c) => c.key === 'p_convert')?.type).toBe('percent');
    expect(block?.columns.find((c) => c.key === 'last_activity_at')?.type).toBe('date');
    expect(block?.columns.find((c) => c.key === 'engagement_score')?.note).toContain('halved every 30 days');
    for (const row of block?.rows ?? []) expect(row).toHaveLength(block?.columns.length ?? 0);
  });

  it('fills the cells people read', () => {
    const hot = block?.rows[0] ?? [];
    expect(hot[column('owner')]).toBe('kim');
    expect(hot[column('last_activity_at')]).toBe('2025-06-29');
    expect(hot[column('next_action')]).toBe('Call within 1 business day');
    expect(hot[column('p_convert')]).toBeNull();
    expect(String(hot[column('reasons')])).toMatch(/^requested demo yesterday; /);
    expect(block?.rows[2]?.[column('owner')]).toBe('Unassigned');
  });

  it('states the model state in the notes', () => {
    expect(tab.notes.some((n) => n.startsWith('Rules only: 0 conversions among leads older than 90 days, need 50'))).toBe(true);
  });

  it('caps rows and points to leads.csv', () => {
    const capped = leadPriorityTab(result, { ...config.sheet, rowCap: 2 });
    expect(capped.blocks[0]?.rows).toHaveLength(2);
    expect(capped.cap).toEqual({ totalRows: 4, shownRows: 2, fullListIn: 'leads.csv' });
    expect(tab.cap).toBeUndefined();
  });
});

describe('owner tabs', () => {
  it('are off by default', () => {
    expect(ownerPriorityTabs(result, config.sheet)).toEqual([]);
  });

  it('give each owner their open leads in the same order, biggest list first', () => {
    const tabs = ownerPriorityTabs(result, { ...config.sheet, ownerTabs: true });
    expect(tabs.map((t) => t.name)).toEqual(['Leads - kim', 'Leads - Unassigned', 'Leads - lee']);
    expect(tabs[0]?.blocks[0]?.rows.map((r) => r[0])).toEqual(['hot', 'dq']);
    expect(tabs.every((t) => t.role === 'lead-priority')).toBe(true);
  });

  it('make owner names safe and unique as tab names', () => {
    const odd = scoreLeads([makeLead({ leadId: 'a', owner: 'a/b' }), makeLead({ leadId: 'b', owner: 'a b' })], config, AS_OF);
    const names = ownerPriorityTabs(odd, { ...config.sheet, ownerTabs: true }).map((t) => t.name);
    expect(names).toEqual(['Leads - a b', 'Leads - a b (2)']);
  });
});

describe('Lead Segments tab and tier counts', () => {
  it('has one block and one tier chart per dimension with values', () => {
    const tab = leadSegmentsTab(result, config.sheet);
    expect(tab.role).toBe('lead-segments');
    expect(tab.blocks.map((b) => b.title)).toEqual(['By company size band']);
    expect(tab.notes.join(' ')).toContain('No values for: industry, country, region, source');
    expect(tab.charts).toEqual([
      {
        title: 'Open leads by tier and company size band',
        kind: 'bar',
        block: 0,
        categoryKey: 'value',
        seriesKeys: ['hot_share', 'warm_share', 'nurture_share', 'low_share', 'disqualified_share'],
      },
    ]);
    const [band, missing] = tab.blocks[0]?.rows ?? [];
    expect(band?.slice(0, 5)).toEqual(['200-999', 3, 2, 0.5, 0.5]); // hot, warm open; won converted
    expect(missing?.slice(0, 3)).toEqual(['(missing)', 2, 2]);
  });

  it('counts open leads per tier for the Summary', () => {
    expect(leadTierCounts(result.leads)).toEqual([
      { tier: 'Hot', leads: 1 },
      { tier: 'Warm', leads: 1 },
      { tier: 'Nurture', leads: 0 },
      { tier: 'Low', leads: 1 },
      { tier: 'Disqualified', leads: 1 },
    ]);
  });

  it('assembles all lead tabs in order', () => {
    const names = leadTabs(result, { ...config.sheet, ownerTabs: true }).map((t) => t.name);
    expect(names).toEqual(['Lead Priority', 'Leads - kim', 'Leads - Unassigned', 'Leads - lee', 'Lead Segments']);
  });
});

describe('with a trained model', () => {
  it('shows p_convert and the validation figures in the notes', () => {
    const trained = scoreLeads(simulateLeads({ count: 4000, asOf: AS_OF, seed: 9 }).map((s) => s.record), config, AS_OF);
    expect(trained.model.status).toBe('trained');
    const tab = leadPriorityTab(trained, config.sheet);
    const note = tab.notes.find((n) => n.startsWith('p_convert = chance of converting within 90 days'));
    expect(note).toMatch(/AUC 0\.\d\d/);
    const p = tab.blocks[0]?.rows.map((r) => r[8]).filter((v) => v !== null) as number[];
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
  });
});
