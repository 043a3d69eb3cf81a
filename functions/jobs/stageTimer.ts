import type { Clock } from '../runtime/Clock.ts';
import type { Progress } from '../runtime/Logger.ts';

/**
 * Times the stages of a job and reports each through {@link Progress}; the timings go to
 * `run.json`.
 *
 * @example
 * ```ts
 * const timer = new StageTimer(clock, progress);
 * const counts = await timer.stage('load', 'Reading orders', () => ingestOrders(...), (c) => `${c.rowsUsed} rows`);
 * ```
 */
export class StageTimer {
  readonly timingsMs: Record<string, number> = {};
  private readonly clock: Clock;
  private readonly progress: Progress;

  constructor(clock: Clock, progress: Progress) {
    this.clock = clock;
    this.progress = progress;
  }

  async stage<T>(key: string, label: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    const done = this.progress.step(label);
    const start = this.clock.now().getTime();
    try {
      const result = await work();
      done(describe?.(result));
      return result;
    } catch (error) {
      done('failed');
      throw error;
    } finally {
      this.timingsMs[key] = (this.timingsMs[key] ?? 0) + (this.clock.now().getTime() - start);
    }
  }
}
