/** Waits; injected so tests run without real delays. */
export type Sleep = (milliseconds: number) => Promise<void>;

export const realSleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Exponential backoff: `initialMs`, then times `factor`, never above `maxMs`. */
export interface Backoff {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/** The delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, attempt - 1));
}

export interface RetryOptions {
  readonly sleep: Sleep;
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly backoff: Backoff;
  /** Called before each wait, e.g. to log. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** The retry settings for Athena API calls: 8 attempts, 0.5 s doubling to at most 10 s (about 40 s in all). */
export const ATHENA_API_RETRY: Omit<RetryOptions, 'sleep'> = {
  attempts: 8,
  backoff: { initialMs: 500, factor: 2, maxMs: 10_000 },
};

const THROTTLING_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

/**
 * Whether an AWS error is worth retrying: throttling (Athena's `TooManyRequestsException` also
 * means "too many queries queued or running") or a server-side failure (5xx).
 */
export function isThrottlingOrServerError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const status = shape.$metadata?.httpStatusCode ?? 0;
  return (
    THROTTLING_NAMES.has(shape.name ?? '') ||
    shape.$retryable?.throttling === true ||
    shape.name === 'InternalServerException' ||
    status === 429 ||
    status >= 500
  );
}

/**
 * Runs an operation, retrying throttling and server errors with exponential backoff. Other
 * errors, and the last retryable one, are thrown as they are.
 *
 * The SDK retries a few times on its own; Athena's concurrent-query limit can last longer than
 * that, so its calls get this longer, explicit policy on top.
 *
 * @example
 * ```ts
 * const out = await retryWithBackoff(() => athena.send(new StartQueryExecutionCommand(input)), { sleep: realSleep, ...ATHENA_API_RETRY });
 * ```
 */
export async function retryWithBackoff<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= options.attempts || !isThrottlingOrServerError(error)) throw error;
      const delay = backoffDelay(options.backoff, attempt);
      options.onRetry?.(error, attempt, delay);
      await options.sleep(delay);
    }
  }
}
