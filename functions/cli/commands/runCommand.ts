import { runCustomerSegmentsJob } from '../../jobs/runCustomerSegmentsJob.ts';
import type { Config } from '../../config/configSchema.ts';
import type { Logger, Progress } from '../../runtime/Logger.ts';
import { buildLocalJobContext } from '../buildLocalJobContext.ts';
import { summaryTable } from '../summaryTable.ts';

/**
 * `segment-sheets run`: runs the customer job on DuckDB and prints a short summary to stdout.
 * Resolves to the run report written to `run.json`.
 */
export async function runCommand(config: Config, asOf: string, logger: Logger, progress: Progress, out: NodeJS.WritableStream = process.stdout): Promise<Record<string, unknown>> {
  const context = await buildLocalJobContext(config, asOf, logger, progress);
  try {
    const { runReport } = await runCustomerSegmentsJob(context);
    const rfm = runReport['rfm'] as { segments: { segment: string; customers: number; revenue: number }[] };
    out.write(`\n${summaryTable(rfm.segments)}\n\nResults in ${context.results.location}\n`);
    return runReport;
  } finally {
    await context.engine.close();
  }
}
