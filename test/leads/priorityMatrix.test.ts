import { describe, expect, it } from 'vitest';
import { leadScoringConfigSchema } from '../../functions/leads/leadScoringConfig.ts';
import { leadPriority } from '../../functions/leads/priorityMatrix.ts';

const config = leadScoringConfigSchema.parse({}).priority;

describe('grade × engagement matrix', () => {
  it('maps every cell of the default matrix to its tier', () => {
    const expected: Record<string, string> = {
      A1: 'Hot', A2: 'Hot', A3: 'Warm', A4: 'Nurture',
      B1: 'Hot', B2: 'Warm', B3: 'Nurture', B4: 'Nurture',
      C1: 'Warm', C2: 'Nurture', C3: 'Nurture', C4: 'Low',
      D1: 'Nurture', D2: 'Low', D3: 'Low', D4: 'Low',
    };
    for (const grade of ['A', 'B', 'C', 'D'] as const) {
      for (const band of [1, 2, 3, 4] as const) {
        const p = leadPriority(grade, band, config);
        expect(p.cell).toBe(`${grade}${band}`);
        expect(p.tier, p.cell).toBe(expected[p.cell]);
      }
    }
  });

  it('attaches the tier’s next action', () => {
    expect(leadPriority('A', 1, config).nextAction).toBe('Call within 1 business day');
    expect(leadPriority('B', 2, config).nextAction).toBe('Add to a sales sequence this week');
    expect(leadPriority('C', 3, config).nextAction).toBe('Keep in the newsletter / nurture track');
    expect(leadPriority('D', 4, config).nextAction).toBe('No sales action; review next run');
  });

  it('puts grade F in Disqualified whatever the engagement', () => {
    expect(leadPriority('F', 1, config)).toEqual({ cell: 'F', tier: 'Disqualified', nextAction: 'No action (disqualified)' });
  });

  it('follows a configured matrix and actions', () => {
    const custom = leadScoringConfigSchema.parse({
      priority: {
        matrix: { A: ['Hot', 'Hot', 'Hot', 'Hot'], B: ['Warm', 'Warm', 'Warm', 'Warm'], C: ['Low', 'Low', 'Low', 'Low'], D: ['Low', 'Low', 'Low', 'Low'] },
        actions: { Hot: 'Ring now' },
      },
    }).priority;
    expect(leadPriority('A', 4, custom)).toEqual({ cell: 'A4', tier: 'Hot', nextAction: 'Ring now' });
    expect(leadPriority('B', 1, custom).nextAction).toBe('Add to a sales sequence this week');
  });
});
