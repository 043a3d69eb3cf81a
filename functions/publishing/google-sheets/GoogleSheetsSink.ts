import { randomUUID } from 'node:crypto';
import type { sheets_v4 } from '@googleapis/sheets';
import type { SheetModel } from '../SheetModel.ts';
import type { PublishReport, SheetSink } from '../SheetSink.ts';
import { checkCellBudget } from './cellBudget.ts';
import { commitRequests } from './commitRequests.ts';
import { GoogleSheetsError, PublishFailedError, SheetsApiError } from './errors.ts';
import { resolveSinkOptions, type GoogleSheetsSinkOptions, type ResolvedSinkOptions } from './GoogleSheetsSinkOptions.ts';
import { IdAllocator } from './IdAllocator.ts';
import { PublishProgress } from './PublishProgress.ts';
import { DEFAULT_RETRY_POLICY } from './retryPolicy.ts';
import { withRunLogHistory } from './runLog.ts';
import { createSheetsApi, type SheetsApi } from './sheetsApiClient.ts';
import { SheetsGateway } from './SheetsGateway.ts';
import { readSpreadsheetSnapshot, type SpreadsheetSnapshot } from './spreadsheetSnapshot.ts';
import { leftoverStagingRequests, stagingRequests } from './stagingRequests.ts';
import { layoutTab, type TabLayout } from './tabLayout.ts';
import { planTabs, type TabPlan } from './tabPlan.ts';
import { chunkValueWrites } from './valueChunks.ts';
import { validateSheetModel } from './validateSheetModel.ts';
import { WriteReceipt } from './WriteReceipt.ts';
import { WriteThrottle } from './WriteThrottle.ts';

/** {@link PublishReport} with the Sheets-specific counts. */
export interface GoogleSheetsPublishReport extends PublishReport {
  readonly readRequests: number;
  /** Calls that were retried (429, 5xx, timeouts, network). */
  readonly retries: number;
  readonly runId: string;
  /** Most cells the spreadsheet held during the publish (staging copies included). */
  readonly peakCells: number;
}

/** The sink, with its richer report. */
export interface GoogleSheetsSink extends SheetSink {
  publish(model: SheetModel): Promise<GoogleSheetsPublishReport>;
}

interface TabWork {
  readonly plan: TabPlan;
  readonly layout: TabLayout;
}

/** Room for the write receipt and the JSON envelope around a switch-over batch. */
const COMMIT_ENVELOPE_BYTES = 4_096;
/** Google refuses more than 100,000 subrequests per batchUpdate; stay far below. */
const MAX_SUBREQUESTS_PER_BATCH = 20_000;

/**
 * A {@link SheetSink} that publishes into a Google Sheet. Each run writes every tab into a hidden
 * staging tab, then switches all tabs over in one atomic batchUpdate that pastes the values into
 * the live tabs (keeping their sheet ids). Readers see the previous complete result or the new one;
 * a run that fails leaves at most hidden staging tabs, removed by the next run.
 *
 * @example
 * ```ts
 * const sink = createGoogleSheetsSink({ spreadsheetId: '1AbC…', credentials: await loadServiceAccountKeyFromFile('sa.json') });
 * const report = await sink.publish(model);
 * console.log(report.writeRequests); // e.g. 3
 * ```
 */
export function createGoogleSheetsSink(options: GoogleSheetsSinkOptions): GoogleSheetsSink {
  const settings = resolveSinkOptions(options);
  const client = createSheetsApi({
    credentials: settings.credentials,
    requestTimeoutMs: settings.requestTimeoutMs,
    ...(settings.rootUrl !== undefined && { rootUrl: settings.rootUrl }),
  });
  // One throttle per sink: the quota is per user, across publishes of this process.
  const throttle = new WriteThrottle(settings.writeRequestsPerMinute, { now: settings.now, sleep: settings.sleep });
  return {
    name: 'sheets',
    publish: (model) => publishModel(model, settings, client, throttle),
  };
}

async function publishModel(
  model: SheetModel,
  settings: ResolvedSinkOptions,
  client: SheetsApi,
  throttle: WriteThrottle,
): Promise<GoogleSheetsPublishReport> {
  const started = settings.now();
  validateSheetModel(model);
  const gateway = new SheetsGateway({
    api: client.api,
    spreadsheetId: settings.spreadsheetId,
    identity: client.identity,
    policy: { ...DEFAULT_RETRY_POLICY, maxRetries: settings.maxRetries, sleep: settings.sleep, random: settings.random },
    throttle,
  });
  const runId = randomUUID().slice(0, 8);
  const prepared = await preparePublish(model, gateway, runId, settings.cellLimit);
  await stageAndSwitch(prepared, gateway, runId, settings.maxPayloadBytes);
  return {
    sink: 'sheets',
    location: `https://docs.google.com/spreadsheets/d/${settings.spreadsheetId}/edit`,
    tabs: prepared.work.length,
    cells: prepared.work.reduce((sum, { layout }) => sum + layout.width * layout.height, 0),
    writeRequests: gateway.counters.writes,
    readRequests: gateway.counters.reads,
    retries: gateway.counters.retries,
    durationMs: settings.now() - started,
    runId,
    peakCells: prepared.peakCells,
  };
}

interface PreparedPublish {
  readonly snapshot: SpreadsheetSnapshot;
  readonly ids: IdAllocator;
  readonly work: readonly TabWork[];
  readonly peakCells: number;
}

/** Reads what is there (1–2 read requests) and plans every tab; refuses before any write if it cannot work. */
async function preparePublish(model: SheetModel, gateway: SheetsGateway, runId: string, cellLimit: number): Promise<PreparedPublish> {
  const snapshot = await readSpreadsheetSnapshot(gateway);
  const ids = new IdAllocator(snapshot.usedIds);
  const plans = await withRunLogHistory(planTabs(model, snapshot, ids, runId), gateway);
  const work = plans.map((plan) => ({ plan, layout: layoutTab(plan.tab) }));
  const { peakCells } = checkCellBudget(snapshot, work, cellLimit);
  return { snapshot, ids, work, peakCells };
}

/**
 * Writes the staging tabs, then switches the live tabs over. On failure removes this run's
 * staging tabs (best effort) and throws an error that says what readers see now.
 */
async function stageAndSwitch(prepared: PreparedPublish, gateway: SheetsGateway, runId: string, maxPayloadBytes: number): Promise<void> {
  const { snapshot, ids, work } = prepared;
  const receipt = new WriteReceipt(gateway, snapshot.receiptMetadataId, ids, runId);
  const progress = new PublishProgress(work.map(({ plan }) => plan.tab.name));
  try {
    await receipt.batchUpdate(stagingRequests(snapshot, work, runId));
    const values = work.map(({ plan, layout }) => ({ title: plan.stagingTitle, width: layout.width, rows: layout.rows }));
    for (const data of chunkValueWrites(values, maxPayloadBytes)) await gateway.writeValues(data);
    for (const group of commitGroups(work, ids, runId, maxPayloadBytes)) {
      progress.committing(group.tabs);
      await receipt.batchUpdate(group.requests).catch((error: unknown) => {
        if (wasRefused(error)) progress.rejected();
        throw error;
      });
      progress.done(group.tabs);
    }
  } catch (error) {
    await removeStaging(gateway, runId);
    const reason = error instanceof Error ? error.message : String(error);
    throw new PublishFailedError(`Publishing to Google Sheets failed: ${reason} Spreadsheet state: ${progress.describe()}.`, {
      cause: error,
    });
  }
}

/**
 * Switch-over requests, all tabs in one batchUpdate when they fit the payload budget; otherwise
 * split between tabs (each tab's switch-over stays whole, so each tab is still atomic).
 */
function commitGroups(
  work: readonly TabWork[],
  ids: IdAllocator,
  runId: string,
  maxPayloadBytes: number,
): { tabs: string[]; requests: sheets_v4.Schema$Request[] }[] {
  const groups: { tabs: string[]; requests: sheets_v4.Schema$Request[]; bytes: number }[] = [];
  for (const { plan, layout } of work) {
    const requests = commitRequests(plan, layout, ids, runId);
    const bytes = Buffer.byteLength(JSON.stringify(requests));
    const last = groups[groups.length - 1];
    const fits = last && last.bytes + bytes + COMMIT_ENVELOPE_BYTES <= maxPayloadBytes && last.requests.length + requests.length <= MAX_SUBREQUESTS_PER_BATCH;
    if (last && fits) {
      last.tabs.push(plan.tab.name);
      last.requests.push(...requests);
      last.bytes += bytes;
    } else {
      groups.push({ tabs: [plan.tab.name], requests, bytes });
    }
  }
  return groups;
}

/** A 4xx answer: Google refused the batch, so none of it was applied (batches are atomic). */
function wasRefused(error: unknown): boolean {
  if (error instanceof SheetsApiError) return error.status !== undefined && error.status >= 400 && error.status < 500;
  return error instanceof GoogleSheetsError;
}

/** Best effort after a failure: delete this run's staging tabs (the next run would, too). */
async function removeStaging(gateway: SheetsGateway, runId: string): Promise<void> {
  try {
    const cleanup = gateway.withRetries(1);
    const requests = leftoverStagingRequests(await readSpreadsheetSnapshot(cleanup), runId);
    if (requests.length > 0) await cleanup.batchUpdate(requests);
  } catch {
    // The original failure is what matters; hidden staging tabs are harmless and removed next run.
  }
}
