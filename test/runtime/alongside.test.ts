import { describe, expect, it } from 'vitest';
import { alongside } from '../../functions/runtime/alongside.ts';

/** A promise settled after `ms`, recording when it settled. */
function later<T>(ms: number, outcome: { value: T } | { error: Error }, settled: string[], name: string): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      settled.push(name);
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.value);
    }, ms),
  );
}

describe('alongside', () => {
  it.each([
    { case: 'both succeed', main: { value: 42 }, beside: { value: 'done' }, expected: { value: 42 } },
    { case: 'main fails', main: { error: new Error('scoring failed') }, beside: { value: 'done' }, expected: { error: 'scoring failed' } },
    { case: 'beside fails', main: { value: 42 }, beside: { error: new Error('scan failed') }, expected: { error: 'scan failed' } },
    { case: 'both fail: main first', main: { error: new Error('scoring failed') }, beside: { error: new Error('scan failed') }, expected: { error: 'scoring failed' } },
  ])('$case: settles both, then answers as main would or with the failure', async ({ main, beside, expected }) => {
    const settled: string[] = [];
    // The side work takes longer: the call must still wait for it.
    const outcome = await alongside(later<number>(5, main, settled, 'main'), later(30, beside, settled, 'beside')).then(
      (value) => ({ value }),
      (error: Error) => ({ error: error.message }),
    );
    settled.push('returned');
    expect(outcome).toEqual(expected);
    expect(settled).toEqual(['main', 'beside', 'returned']);
  });

  it('runs both at once: the wall time is the longer one, not the sum', async () => {
    const settled: string[] = [];
    const start = performance.now();
    await alongside(later(120, { value: 1 }, settled, 'main'), later(120, { value: 2 }, settled, 'beside'));
    expect(performance.now() - start).toBeLessThan(230);
  });
});
