import type { SheetModel } from '../SheetModel.ts';
import type { PublishReport, SheetSink } from '../SheetSink.ts';

/** `--sink none`: builds nothing, publishes nothing; result files are still written. */
export class NullSheetSink implements SheetSink {
  readonly name = 'none';

  async publish(model: SheetModel): Promise<PublishReport> {
    const cells = model.tabs.reduce((n, t) => n + t.blocks.reduce((m, b) => m + b.columns.length * (b.rows.length + 1), 0), 0);
    return { sink: this.name, location: '', tabs: model.tabs.length, cells, writeRequests: 0, durationMs: 0 };
  }
}
