import {
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { AthenaQueryFailedError } from './AthenaQueryFailedError.ts';
import { AthenaQueryTimeoutError } from './AthenaQueryTimeoutError.ts';
import { ATHENA_API_RETRY, backoffDelay, retryWithBackoff, type Backoff, type Sleep } from './retryWithBackoff.ts';

export interface AthenaQueryRequest {
  readonly sql: string;
  /** Always passed: without it the query runs in `primary`, which has no bytes-scanned cutoff. */
  readonly workGroup: string;
  /** Database unqualified names resolve in. */
  readonly database: string;
  /** Default `AwsDataCatalog`. */
  readonly catalog?: string;
  /**
   * Idempotency token (32-128 characters): a retried start with the same token returns the same
   * query instead of starting a second one.
   */
  readonly clientRequestToken: string;
  /** Values for `?` placeholders, passed by Athena as typed parameters, never pasted into the SQL. */
  readonly executionParameters?: readonly string[];
}

export interface AthenaQueryTiming {
  readonly sleep: Sleep;
  /** Milliseconds clock, e.g. `Date.now`. */
  readonly now: () => number;
  /** A query still running after this long is stopped. */
  readonly timeoutMs: number;
  /** Aborting (e.g. the Lambda is about to time out) stops the running query too. */
  readonly signal?: AbortSignal;
  /** Polling delays. Default 200 ms, doubling, at most 2 s. */
  readonly poll?: Backoff;
  /** Called when an API call is retried (throttling, server error). */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** A query that reached SUCCEEDED. */
export interface CompletedAthenaQuery {
  readonly queryExecutionId: string;
  /** `s3://…/<id>.csv` for statements with results; absent with Athena-managed results. */
  readonly outputLocation?: string;
  readonly statementType?: string;
  readonly substatementType?: string;
  readonly dataScannedBytes: number;
  readonly engineExecutionMs: number;
}

export const DEFAULT_POLL: Backoff = { initialMs: 200, factor: 2, maxMs: 2_000 };

/**
 * Starts a query in a workgroup and waits for it: polls GetQueryExecution with backoff until a
 * final state, retries throttled or failing API calls, and stops the query (StopQueryExecution)
 * when the timeout passes or the signal aborts.
 *
 * @throws {AthenaQueryFailedError} FAILED or CANCELLED, with Athena's state-change reason.
 * @throws {AthenaQueryTimeoutError} stopped for running too long.
 *
 * @example
 * ```ts
 * const done = await runAthenaQuery(athena, {
 *   sql: 'SELECT 1', workGroup: 'segment-sheets', database: 'segment_sheets', clientRequestToken: randomUUID(),
 * }, { sleep: realSleep, now: Date.now, timeoutMs: 600_000 });
 * console.log(done.queryExecutionId, done.dataScannedBytes);
 * ```
 */
export async function runAthenaQuery(
  athena: AthenaClient,
  request: AthenaQueryRequest,
  timing: AthenaQueryTiming,
): Promise<CompletedAthenaQuery> {
  const retry = { sleep: timing.sleep, onRetry: timing.onRetry, ...ATHENA_API_RETRY };
  const poll = timing.poll ?? DEFAULT_POLL;
  const startedAt = timing.now();
  throwIfAborted(timing.signal);
  const started = await retryWithBackoff(
    () =>
      athena.send(
        new StartQueryExecutionCommand({
          QueryString: request.sql,
          WorkGroup: request.workGroup,
          QueryExecutionContext: { Database: request.database, Catalog: request.catalog ?? 'AwsDataCatalog' },
          ClientRequestToken: request.clientRequestToken,
          ExecutionParameters: request.executionParameters ? [...request.executionParameters] : undefined,
        }),
      ),
    retry,
  );
  const id = started.QueryExecutionId;
  if (!id) throw new Error('Athena StartQueryExecution returned no QueryExecutionId');

  for (let attempt = 1; ; attempt++) {
    const execution = await getExecution(athena, id, retry);
    const state = execution.Status?.State;
    if (state === 'SUCCEEDED') {
      return {
        queryExecutionId: id,
        outputLocation: execution.ResultConfiguration?.OutputLocation,
        statementType: execution.StatementType,
        substatementType: execution.SubstatementType,
        dataScannedBytes: execution.Statistics?.DataScannedInBytes ?? 0,
        engineExecutionMs: execution.Statistics?.EngineExecutionTimeInMillis ?? 0,
      };
    }
    if (state === 'FAILED' || state === 'CANCELLED') throw failureOf(id, state, execution);

    const elapsed = timing.now() - startedAt;
    const why = timing.signal?.aborted ? abortReason(timing.signal) : elapsed >= timing.timeoutMs ? `query timeout of ${Math.round(timing.timeoutMs / 1000)} s reached` : undefined;
    if (why !== undefined) throw await stop(athena, id, elapsed, why, retry);
    await timing.sleep(Math.min(backoffDelay(poll, attempt), Math.max(1, timing.timeoutMs - elapsed)));
  }
}

async function getExecution(
  athena: AthenaClient,
  id: string,
  retry: Parameters<typeof retryWithBackoff>[1],
): Promise<QueryExecution> {
  const output = await retryWithBackoff(() => athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id })), retry);
  if (!output.QueryExecution) throw new Error(`Athena GetQueryExecution returned nothing for ${id}`);
  return output.QueryExecution;
}

async function stop(
  athena: AthenaClient,
  id: string,
  elapsed: number,
  why: string,
  retry: Parameters<typeof retryWithBackoff>[1],
): Promise<AthenaQueryTimeoutError> {
  await retryWithBackoff(() => athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id })), retry);
  // The final statistics say how much was scanned (and billed) before the stop.
  let scanned = 0;
  try {
    scanned = (await getExecution(athena, id, retry)).Statistics?.DataScannedInBytes ?? 0;
  } catch {
    // The stop already happened; a missing statistic must not hide the timeout.
  }
  return new AthenaQueryTimeoutError(id, elapsed, why, scanned);
}

function failureOf(id: string, state: 'FAILED' | 'CANCELLED', execution: QueryExecution): AthenaQueryFailedError {
  const athenaError = execution.Status?.AthenaError;
  return new AthenaQueryFailedError({
    queryExecutionId: id,
    state,
    reason:
      execution.Status?.StateChangeReason ??
      athenaError?.ErrorMessage ??
      (state === 'CANCELLED' ? 'cancelled (by a user, the workgroup or the bytes-scanned cutoff)' : 'no reason given'),
    errorCategory: AthenaQueryFailedError.categoryName(athenaError?.ErrorCategory),
    errorType: athenaError?.ErrorType,
    retryable: athenaError?.Retryable ?? false,
    dataScannedBytes: execution.Statistics?.DataScannedInBytes ?? 0,
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error(`not started: ${abortReason(signal)}`);
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'aborted';
}
