const WINDOW_MS = 60_000;
/** Slack so our window and Google's per-minute bucket do not disagree at the edge. */
const SAFETY_MS = 500;

/**
 * Keeps writes under Google's per-user quota (60 write requests per minute): at most `perMinute`
 * writes start in any 60-second window; a write beyond that waits for the oldest to leave it.
 *
 * @example
 * ```ts
 * const throttle = new WriteThrottle(60, { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
 * await throttle.acquire(); // then send the write
 * ```
 */
export class WriteThrottle {
  private readonly perMinute: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(perMinute: number, clock: { now: () => number; sleep: (ms: number) => Promise<void> }) {
    if (!(perMinute >= 1)) throw new RangeError('perMinute must be at least 1');
    this.perMinute = perMinute;
    this.now = clock.now;
    this.sleep = clock.sleep;
  }

  /** Resolves when a write may start, and counts it. Concurrent callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - WINDOW_MS - SAFETY_MS) this.starts.shift();
      if (this.starts.length < this.perMinute) {
        this.starts.push(now);
        return;
      }
      await this.sleep((this.starts[0] ?? now) + WINDOW_MS + SAFETY_MS - now);
    }
  }
}
