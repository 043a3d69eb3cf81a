import { runCustomerSegmentsJob } from '../../jobs/runCustomerSegmentsJob.ts';
import { runLeadPriorityJob } from '../../jobs/runLeadPriorityJob.ts';
import type { Config } from '../../config/configSchema.ts';
import type { Logger, Progress } from '../../runtime/Logger.ts';
import { buildLocalJobContext } from '../buildLocalJobContext.ts';
import { summaryTable } from '../summaryTable.ts';

/**
 * `segment-sheets run`: runs the customer job (`--job leads`: the lead job; `--job all`: both,
 * in one workbook) on DuckDB and prints a short summary to stdout. Resolves to the run report.
 */
export async function runCommand(config: Config, asOf: string, logger: Logger, progress: Progress, out: NodeJS.WritableStream = process.stdout, job: 'customers' | 'leads' | 'all' = 'customers'): Promise<Record<string, unknown>> {
  const context = await buildLocalJobContext(config, asOf, logger, progress, job === 'leads' ? 'leads.xlsx' : 'segments.xlsx');
  try {
    if (job === 'leads') {
      const { runReport } = await runLeadPriorityJob(context);
      out.write(`\n${leadLines(runReport['leads'] as LeadSummary)}\n\nResults in ${context.results.location}\n`);
      return runReport;
    }
    const { runReport } = await runCustomerSegmentsJob(context, { includeLeads: job === 'all' });
    const rfm = runReport['rfm'] as { segments: { segment: string; customers: number; revenue: number }[] };
    out.write(`\n${summaryTable(rfm.segments)}\n`);
    if (runReport['leads']) out.write(`\n${leadLines(runReport['leads'] as LeadSummary)}\n`);
    out.write(`\nResults in ${context.results.location}\n`);
    return runReport;
  } finally {
    await context.engine.close();
  }
}

interface LeadSummary {
  readonly byTier: Record<string, number>;
  readonly model: { status: string; auc?: number; reason?: string };
}

/** Two lines on the leads: count per tier, and the conversion model's state. */
function leadLines(leads: LeadSummary): string {
  const tiers = Object.entries(leads.byTier).map(([tier, n]) => `${tier} ${n.toLocaleString('en-US')}`).join(', ');
  const model = leads.model.status === 'trained' ? `model AUC ${leads.model.auc?.toFixed(3)}` : `rules only (${leads.model.reason})`;
  return `Leads by tier: ${tiers}\n${model}`;
}
