import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelayMs, callWithRetries, DEFAULT_RETRY_POLICY, RetriesExhausted } from '../../functions/publishing/google-sheets/retryPolicy.ts';
import { WriteThrottle } from '../../functions/publishing/google-sheets/WriteThrottle.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { buildModel } from './support/sheetModels.ts';

describe('backoff', () => {
  it('doubles from about 1 s up to 64 s, with up to 1 s of jitter', () => {
    const delays = (random: number) => Array.from({ length: 9 }, (_, retry) => backoffDelayMs(retry, { ...DEFAULT_RETRY_POLICY, random: () => random }));

    expect(delays(0)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 64_000, 64_000]);
    expect(delays(0.999)).toEqual([1_999, 2_999, 4_999, 8_999, 16_999, 32_999, 64_000, 64_000, 64_000]);
  });

  it('retries what can succeed later, and only that', async () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 3, sleep: async () => {}, random: () => 0 };
    const failing = (status: number) => {
      let calls = 0;
      return {
        attempt: async () => {
          calls += 1;
          throw Object.assign(new Error(`status ${status}`), { status });
        },
        calls: () => calls,
      };
    };
    for (const status of [429, 500, 502, 503, 504]) {
      const call = failing(status);
      await expect(callWithRetries(call.attempt, policy)).rejects.toBeInstanceOf(RetriesExhausted);
      expect(call.calls(), `status ${status}`).toBe(4);
    }
    for (const status of [400, 401, 403, 404]) {
      const call = failing(status);
      await expect(callWithRetries(call.attempt, policy)).rejects.toBeInstanceOf(RetriesExhausted);
      expect(call.calls(), `status ${status}`).toBe(1);
    }
  });
});

describe('the write throttle', () => {
  it('starts at most N writes in any minute', async () => {
    let now = 0;
    const waits: number[] = [];
    const throttle = new WriteThrottle(2, {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const starts: number[] = [];
    for (let write = 0; write < 5; write += 1) {
      await throttle.acquire();
      starts.push(now);
    }
    expect(starts).toEqual([0, 0, 60_500, 60_500, 121_000]);
  });
});

describe('against Google’s per-user write quota', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.emulator.close();
  });

  /** A clock that moves only when the sink waits: the emulator's quota window and the sink's share it. */
  function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; waited: number[] } {
    let now = 1_000_000;
    const waited: number[] = [];
    return {
      now: () => now,
      sleep: async (ms) => {
        waited.push(ms);
        now += ms;
      },
      waited,
    };
  }

  it('the sink throttles itself and never gets a 429', async () => {
    const clock = fakeClock();
    harness = await startHarness({ writeQuotaPerMinute: 4, now: clock.now });
    const sink = harness.sink({ writeRequestsPerMinute: 4, now: clock.now, sleep: clock.sleep });

    for (const run of [1, 2, 3, 4]) await sink.publish(buildModel({ customersPerSegment: [2], run }));

    expect(harness.emulator.calls.filter((call) => call.status === 429)).toEqual([]);
    expect(harness.emulator.calls.filter((call) => call.route !== 'get' && call.route !== 'values.batchGet')).toHaveLength(12);
    expect(clock.waited.length).toBeGreaterThan(0);
  });

  it('a sink over the quota is answered with 429s and backs off until it gets through', async () => {
    const clock = fakeClock();
    harness = await startHarness({ writeQuotaPerMinute: 2, now: clock.now });
    const sink = harness.sink({ writeRequestsPerMinute: 60, now: clock.now, sleep: clock.sleep });

    const report = await sink.publish(buildModel({ customersPerSegment: [2], run: 1 }));

    expect(harness.emulator.calls.filter((call) => call.status === 429).length).toBeGreaterThan(0);
    expect(report.retries).toBeGreaterThan(0);
    expect(clock.waited.every((ms) => ms >= 1_000 && ms <= 64_000)).toBe(true);
  });
});
