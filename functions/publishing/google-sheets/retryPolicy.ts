import { classifyFailure, type ApiFailure } from './apiFailure.ts';

export interface RetryPolicy {
  /** Attempts after the first; each waits {@link backoffDelayMs}. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1): the jitter source. */
  readonly random: () => number;
}

/** Google's recommended truncated exponential backoff: about 1 s, 2 s, 4 s … up to 64 s. */
export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'sleep' | 'random'> = {
  maxRetries: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 64_000,
};

/**
 * Delay before retry number `retry` (0 for the first retry): `min(base · 2^retry + jitter, max)`,
 * with up to one second of random jitter so concurrent clients do not retry in lockstep.
 *
 * @example
 * ```ts
 * backoffDelayMs(0, { ...DEFAULT_RETRY_POLICY, random: () => 0.5 }); // 1500
 * ```
 */
export function backoffDelayMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const exponential = policy.baseDelayMs * 2 ** retry;
  return Math.min(policy.maxDelayMs, exponential + Math.floor(policy.random() * 1_000));
}

export interface RetryHooks<T> {
  /** Called before each retry (for counting and logging). */
  readonly onRetry?: (failure: ApiFailure, retry: number, delayMs: number) => void;
  /**
   * Called after an ambiguous failure, before resending: a result means the call did take effect
   * and must not be sent again; `undefined` means send it again.
   */
  readonly recover?: (failure: ApiFailure) => Promise<T | undefined>;
}

/** Thrown when retries run out or the failure is not retryable; carries the classified failure. */
export class RetriesExhausted extends Error {
  readonly failure: ApiFailure;
  readonly attempts: number;

  constructor(failure: ApiFailure, attempts: number, cause: unknown) {
    super(failure.message, { cause });
    this.failure = failure;
    this.attempts = attempts;
  }
}

/** Runs `attempt` until it succeeds, retrying retryable failures with backoff. */
export async function callWithRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks<T> = {}): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const failure = classifyFailure(error);
      if (!failure.retryable || retry >= policy.maxRetries) throw new RetriesExhausted(failure, retry + 1, error);
      const delayMs = backoffDelayMs(retry, policy);
      hooks.onRetry?.(failure, retry, delayMs);
      await policy.sleep(delayMs);
      if (failure.ambiguous && hooks.recover) {
        const recovered = await hooks.recover(failure);
        if (recovered !== undefined) return recovered;
      }
    }
  }
}
