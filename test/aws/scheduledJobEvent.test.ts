import { describe, expect, it } from 'vitest';
import { scheduledJobEventSchema } from '../../functions/lambda/scheduledJobEvent.ts';

/** The first issue as the handler reports it: `<path>: <message>`. */
function firstIssue(event: unknown): string | undefined {
  const parsed = scheduledJobEventSchema.safeParse(event);
  if (parsed.success) return undefined;
  const [issue] = parsed.error.issues;
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

describe('the event a job function is invoked with', () => {
  it('reads what the schedule sends, keeps unknown fields and defaults force to false', () => {
    expect(scheduledJobEventSchema.parse({ scheduledTime: '2024-05-06T04:00:00Z', 'detail-type': 'Scheduled Event' })).toEqual({
      scheduledTime: '2024-05-06T04:00:00Z',
      'detail-type': 'Scheduled Event',
      force: false,
    });
    expect(scheduledJobEventSchema.parse({})).toEqual({ force: false });
    expect(scheduledJobEventSchema.parse({ asOf: '2024-02-29', force: true })).toEqual({ asOf: '2024-02-29', force: true });
    expect(scheduledJobEventSchema.parse({ scheduledTime: '2024-05-06T06:00:00+02:00' }).scheduledTime).toBe('2024-05-06T06:00:00+02:00');
  });

  it('names the field and what was expected when the event is wrong', () => {
    expect(firstIssue({ scheduledTime: 'next monday' })).toBe('scheduledTime: expected an ISO date-time such as 2024-05-06T04:00:00Z');
    expect(firstIssue({ asOf: '31.05.2024' })).toBe('asOf: expected a date as YYYY-MM-DD');
    expect(firstIssue({ asOf: 20240531 })).toBe('asOf: expected a date as YYYY-MM-DD');
    expect(firstIssue({ force: 'yes' })).toBe('force: expected true or false');
    expect(firstIssue('run now')).toBe(': expected an object');
  });

  it('refuses dates that do not exist, which Date.parse would roll over', () => {
    expect(firstIssue({ asOf: '2024-02-30' })).toBe('asOf: expected a real calendar date');
    expect(firstIssue({ asOf: '2023-02-29' })).toBe('asOf: expected a real calendar date');
  });
});
