/**
 * A job {@link Progress} that measures each stage: wall time, and the highest resident set size
 * (RSS: JS heap, buffers and DuckDB's native memory alike) and JS heap seen while it ran,
 * sampled every 25 ms.
 */
import type { Progress } from '../../functions/runtime/Logger.ts';

export interface MeasuredStage {
  readonly label: string;
  readonly ms: number;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
}

const SAMPLE_MS = 25;

/**
 * A progress whose stages push their measurements into `stages` as they end.
 *
 * @example
 * ```ts
 * const stages: MeasuredStage[] = [];
 * await runCustomerSegmentsJob({ ...ctx, progress: measuringProgress(stages) });
 * stages[0]; // { label: 'Reading orders', ms: 5840, peakRssBytes: …, peakHeapBytes: … }
 * ```
 */
export function measuringProgress(stages: MeasuredStage[]): Progress {
  return {
    step(label) {
      const start = performance.now();
      let peakRss = 0;
      let peakHeap = 0;
      const sample = (): void => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      };
      sample();
      const timer = setInterval(sample, SAMPLE_MS);
      return () => {
        clearInterval(timer);
        sample();
        stages.push({ label, ms: performance.now() - start, peakRssBytes: peakRss, peakHeapBytes: peakHeap });
      };
    },
  };
}
