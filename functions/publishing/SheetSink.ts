import type { SheetModel } from './SheetModel.ts';

/** What a sink reports after publishing; goes into `run.json`. */
export interface PublishReport {
  /** `xlsx`, `sheets` or `none`. */
  readonly sink: string;
  /** Where the result is: a file path or a spreadsheet URL. */
  readonly location: string;
  readonly tabs: number;
  readonly cells: number;
  /** Write requests sent (Google Sheets); 0 for file sinks. */
  readonly writeRequests: number;
  readonly durationMs: number;
}

/**
 * Port: renders a {@link SheetModel} somewhere people read it. Implementations must publish
 * atomically: readers see the previous complete result or the new one, never a mix.
 */
export interface SheetSink {
  readonly name: string;
  publish(model: SheetModel): Promise<PublishReport>;
}
