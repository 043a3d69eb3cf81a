import type { SheetModel } from '../publishing/SheetModel.ts';
import type { PublishReport, SheetSink } from '../publishing/SheetSink.ts';
import type { ScheduledRunMarker } from './ScheduledRunMarker.ts';

/**
 * A {@link SheetSink} that publishes at most once per scheduled run: before publishing it checks
 * that this invocation still holds the run marker and nothing was published for it; after, it
 * marks the run `published`, so a re-delivery of the same schedule time skips the run. It also
 * keeps the publish report for the run's metrics.
 *
 * @example
 * ```ts
 * const sink = new MarkedSheetSink(googleSheetsSink, marker);
 * await sink.publish(model); // throws instead of publishing twice
 * sink.lastReport?.writeRequests;
 * ```
 */
export class MarkedSheetSink implements SheetSink {
  private readonly inner: SheetSink;
  private readonly marker: ScheduledRunMarker | undefined;
  private report: PublishReport | undefined;

  /** @param marker none for a manual run (no schedule time): publishes unguarded. */
  constructor(inner: SheetSink, marker: ScheduledRunMarker | undefined) {
    this.inner = inner;
    this.marker = marker;
  }

  get name(): string {
    return this.inner.name;
  }

  get lastReport(): PublishReport | undefined {
    return this.report;
  }

  async publish(model: SheetModel): Promise<PublishReport> {
    await this.marker?.assertMayPublish();
    this.report = await this.inner.publish(model);
    await this.marker?.mark('published');
    return this.report;
  }
}
