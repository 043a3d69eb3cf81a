import type { AudienceReport } from '../audiences/AudienceReport.ts';
import { writeLeadAudiences } from '../audiences/leadAudiences.ts';
import { ingestLeads, LEAD_RELATIONS } from '../ingestion/ingestLeads.ts';
import { ingestOrders, ORDER_RELATIONS } from '../ingestion/ingestOrders.ts';
import { leadTabs } from '../leads/leadTabs.ts';
import { leadTierCounts, type TierCount } from '../leads/leadTierCounts.ts';
import type { LeadScoringResult } from '../leads/LeadScoringResult.ts';
import type { SourceCounts } from '../ingestion/SourceCounts.ts';
import type { SheetTab } from '../publishing/SheetModel.ts';
import { LEADS_CSV_COLUMNS, leadsCsvRow } from '../leads/leadsCsv.ts';
import { scoreLeads } from '../leads/scoreLeads.ts';
import type { ScoredLead } from '../leads/ScoredLead.ts';
import type { ResultStore } from '../result-files/ResultStore.ts';
import { buildRunLogTab } from '../publishing/tabs/runLogTab.ts';
import type { JobContext } from './JobContext.ts';
import { readLeadRecords } from './readLeadRecords.ts';
import { StageTimer } from './stageTimer.ts';

export interface LeadPriorityOutcome {
  /** What `run.json` holds. */
  readonly runReport: Record<string, unknown>;
}

/**
 * The lead job: leads export (+ activities, + the orders for conversion labels) → one record
 * per lead → fit grade, decayed engagement, priority tier, conversion model and reasons →
 * `leads.csv`, the Lead Priority (and per-owner) and Lead Segments tabs, and `run.json`. Runs on
 * its own schedule; its tabs sit beside the customer job's in the same Sheet.
 *
 * Result files become visible only when everything succeeded.
 */
/** What the lead scoring contributes to a run: its tabs, tier counts and report sections. */
/** Held-out scores of the model's validation slice (the newest leads whose outcome is known). */
export const LEAD_MODEL_VALIDATION_FILE = 'lead_model_validation.csv';

export interface LeadPart {
  readonly tabs: readonly SheetTab[];
  readonly tierCounts: readonly TierCount[];
  readonly sources: Readonly<Record<string, SourceCounts & { duplicateRows?: number }>>;
  readonly summary: LeadScoringResult['summary'];
  readonly modelNote: string;
  readonly leads: number;
  /** The lead-tier audience files written (none unless `audiences.leadTiers` lists some). */
  readonly audiences: readonly AudienceReport[];
}

/**
 * Scores the leads and writes `leads.csv`, without publishing: the lead job publishes the
 * result on its own, and `--job all` adds it to the customer job's workbook and Summary.
 *
 * @param orders the orders' row accounting when `orders` is already built (else it is ingested
 *   here, for the conversion labels)
 */
export async function prepareLeadPart(ctx: JobContext, timer: StageTimer, orders?: SourceCounts): Promise<LeadPart> {
  const { config, engine, results, asOf } = ctx;
  const orderCounts = orders ?? await timer.stage('load', 'Reading orders (for conversions)', async () => {
    const ingestedOrders = await ingestOrders(engine, config, asOf, results);
    await ingestedOrders.writeQuarantine();
    return ingestedOrders.counts;
  }, (c) => `${c.rowsUsed.toLocaleString('en-US')} rows used`);
  const ingested = await timer.stage('load', 'Reading leads and activities', () => ingestLeads(engine, config, asOf, results),
    (l) => `${l.leads.rowsUsed.toLocaleString('en-US')} lead rows, ${(l.activities?.rowsUsed ?? 0).toLocaleString('en-US')} activities`);
  // Orders ingested here served only the conversion labels, now in lead_conversions: their memory
  // goes back to the system while the records are read.
  if (!orders) for (const relation of ORDER_RELATIONS) await engine.drop(relation);
  const records = await timer.stage('features', 'Building lead records', () =>
    readLeadRecords(engine, ingested.attributes, {
      asOf,
      halfLifeDays: config.leads.engagement.halfLifeDays,
      withActivityStats: ingested.activities !== undefined,
    }), (r) => `${r.length.toLocaleString('en-US')} leads`);
  // The records hold all the job needs from the engine: its relations' memory goes back to the
  // system before scoring builds on the heap.
  for (const relation of LEAD_RELATIONS) await engine.drop(relation);
  const scored = await timer.stage('scoring', 'Scoring leads', async () => scoreLeads(records, config.leads, asOf),
    (s) => (s.model.status === 'trained' ? `model AUC ${s.model.auc.toFixed(3)}` : 'rules only'));
  await timer.stage('render', 'Writing leads.csv', async () => {
    await writeLeadsCsv(results, scored.leads);
    const slice = scored.validationSlice;
    if (slice) {
      // The model's check, repeatable outside: held-out scores of the newest known-outcome leads.
      const validation = await results.createCsv(LEAD_MODEL_VALIDATION_FILE, ['lead_id', 'p_convert_holdout']);
      await validation.write(slice.leadIds.map((id, i) => [id, Math.round((slice.scores[i] as number) * 10_000) / 10_000]));
      await validation.close();
    }
  });
  const audiences = config.audiences.leadTiers.length === 0 ? [] : await timer.stage('render', 'Writing lead audiences',
    () => writeLeadAudiences(results, config, scored.leads, ingested.attributes), (a) => `${a.length} files`);
  return {
    tabs: leadTabs(scored, config.leads.sheet),
    tierCounts: leadTierCounts(scored.leads),
    sources: {
      ...(orders ? {} : { orders: orderCounts }),
      leads: { ...ingested.leads, duplicateRows: ingested.duplicateRows },
      ...(ingested.activities ? { leadActivities: ingested.activities } : {}),
    },
    summary: scored.summary,
    modelNote: scored.model.status === 'trained'
      ? `model AUC ${scored.model.auc.toFixed(3)}, top-decile lift ${scored.model.topDecileLift.toFixed(2)}`
      : `rules only: ${scored.model.reason}`,
    leads: records.length,
    audiences,
  };
}

/** Rows per write of leads.csv. */
const CSV_BATCH_ROWS = 1000;

/**
 * Writes `leads.csv`, one row per lead in the given order. Small batches: a row (and its reasons,
 * worded now) is garbage before the next young-generation collection, instead of surviving into
 * the old generation and growing the heap by hundreds of megabytes over a million leads.
 *
 * @example
 * ```ts
 * await writeLeadsCsv(results, scored.leads);
 * ```
 */
export async function writeLeadsCsv(results: ResultStore, leads: readonly ScoredLead[]): Promise<void> {
  const writer = await results.createCsv('leads.csv', LEADS_CSV_COLUMNS);
  for (let i = 0; i < leads.length; i += CSV_BATCH_ROWS) await writer.write(leads.slice(i, i + CSV_BATCH_ROWS).map(leadsCsvRow));
  await writer.close();
}

/**
 * The lead job: leads export (+ activities, + the orders for conversion labels) → one record
 * per lead → fit grade, decayed engagement, priority tier, conversion model and reasons →
 * `leads.csv`, the Lead Priority (and per-owner) and Lead Segments tabs, and `run-leads.json`.
 * Runs on its own schedule; its tabs sit beside the customer job's in the same Sheet.
 *
 * Result files become visible only when everything succeeded.
 */
export async function runLeadPriorityJob(ctx: JobContext): Promise<LeadPriorityOutcome> {
  const { config, engine, results, asOf } = ctx;
  const startedAt = ctx.clock.now();
  const timer = new StageTimer(ctx.clock, ctx.progress);
  try {
    const part = await prepareLeadPart(ctx, timer);
    const leadSources = Object.entries(part.sources).filter(([k]) => k !== 'orders').map(([, v]) => v);
    const runLog = buildRunLogTab(
      {
        runAt: startedAt.toISOString().replace('T', ' ').slice(0, 19),
        asOf,
        job: 'leads',
        status: 'succeeded',
        rowsRead: leadSources.reduce((n, c) => n + c.rowsRead, 0),
        rowsUsed: leadSources.reduce((n, c) => n + c.rowsUsed, 0),
        rowsQuarantined: leadSources.reduce((n, c) => n + c.rowsQuarantined, 0),
        customers: part.leads,
        durationSeconds: Math.round((ctx.clock.now().getTime() - startedAt.getTime()) / 100) / 10,
        note: part.modelNote,
      },
      config.output.runLogKeep,
    );
    const model = { title: config.name, currency: config.reportingCurrency, tabs: [...part.tabs, runLog] };
    const publish = await timer.stage('render', `Publishing (${ctx.sink.name})`, () => ctx.sink.publish(model));
    const finishedAt = ctx.clock.now();
    const runReport = {
      tool: 'segment-sheets',
      job: 'leads',
      status: 'succeeded',
      asOf,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      sources: part.sources,
      leads: part.summary,
      ...(part.audiences.length > 0 ? { audiences: part.audiences } : {}),
      engine: engine.stats(),
      publish,
      timingsMs: timer.timingsMs,
    };
    await results.writeFile('run-leads.json', `${JSON.stringify(runReport, null, 2)}\n`);
    await results.commit();
    return { runReport };
  } catch (error) {
    await results.abort();
    throw error;
  }
}
