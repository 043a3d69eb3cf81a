import { describe, expect, it } from 'vitest';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';

describe('lead scoring config', () => {
  it('has a complete default', () => {
    const config = leadScoringConfigSchema.parse({});
    expect(config.fit.grades).toEqual({ A: 35, B: 20, C: 8 });
    expect(config.fit.b2b).toBe(true);
    expect(config.fit.disqualifiers.map((d) => d.label)).toEqual(['malformed email', 'student or intern title', 'personal (free-mail) email']);
    expect(config.engagement.halfLifeDays).toBe(30);
    expect(config.engagement.bands).toEqual({ method: 'thresholds', thresholds: [35, 15, 3] });
    expect(config.engagement.activities.demo_request).toEqual({ points: 25, cap: 25, label: 'requested demo' });
    expect(config.model).toMatchObject({ windowDays: 90, minConversions: 50, l2: 1, validationShare: 0.25, refit: true });
    expect(config.priority.matrix.A).toEqual(['Hot', 'Hot', 'Warm', 'Nurture']);
    expect(config.sheet).toMatchObject({ priorityTabName: 'Lead Priority', segmentsTabName: 'Lead Segments', rowCap: 10_000, ownerTabs: false });
  });

  it('keeps given values and fills the rest', () => {
    const config = leadScoringConfigSchema.parse({ engagement: { halfLifeDays: 14 }, model: { windowDays: 60 } });
    expect(config.engagement.halfLifeDays).toBe(14);
    expect(config.engagement.activities.email_open?.points).toBe(1);
    expect(config.model.windowDays).toBe(60);
    expect(config.model.minConversions).toBe(50);
  });

  it('returns fresh defaults on every parse', () => {
    const a = leadScoringConfigSchema.parse({});
    const b = leadScoringConfigSchema.parse({});
    expect(a.fit.rules).not.toBe(b.fit.rules);
    expect(a.engagement.activities).not.toBe(b.engagement.activities);
  });

  it('names the bad field', () => {
    const bad = [
      [{ fit: { grades: { A: 10, B: 20 } } }, ['fit', 'grades']],
      [{ engagement: { bands: { method: 'thresholds', thresholds: [1, 5, 10] } } }, ['engagement', 'bands']],
      [{ model: { validationShare: 1.5 } }, ['model', 'validationShare']],
      [{ fit: { rules: [{ label: 'x', when: { field: 'Company Size', range: { min: 1 } }, points: 1 }] } }, ['fit', 'rules', 0, 'when']],
      [{ fit: { rules: [{ label: 'x', when: { field: 'company_size', range: {} }, points: 1 }] } }, ['fit', 'rules', 0, 'when']],
      [{ fit: { competitorDomains: ['not a domain'] } }, ['fit', 'competitorDomains', 0]],
      [{ priority: { matrix: { A: ['Hot', 'Hot', 'Hot'] } } }, ['priority', 'matrix', 'A']],
      [{ sheet: { rowCap: 0 } }, ['sheet', 'rowCap']],
      [{ unknownSection: {} }, []],
    ] as const;
    for (const [input, path] of bad) {
      const parsed = leadScoringConfigSchema.safeParse(input);
      expect(parsed.success, JSON.stringify(input)).toBe(false);
      expect(parsed.error?.issues[0]?.path.slice(0, path.length)).toEqual(path);
    }
  });
});
