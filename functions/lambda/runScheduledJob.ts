import type { AthenaClient } from '@aws-sdk/client-athena';
import type { S3Client } from '@aws-sdk/client-s3';
import type { JobName } from '../config/awsConfig.ts';
import type { Config } from '../config/configSchema.ts';
import type { JobContext } from '../jobs/JobContext.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import { AthenaQueryEngine } from '../query-engine/athena/AthenaQueryEngine.ts';
import { exportTables } from '../query-engine/athena/exportTables.ts';
import type { Backoff, Sleep } from '../query-engine/athena/retryWithBackoff.ts';
import { S3ResultStore } from '../result-files/s3/S3ResultStore.ts';
import { S3SnapshotStore } from '../segment-history/s3/S3SnapshotStore.ts';
import type { Clock } from '../runtime/Clock.ts';
import type { Logger, Progress } from '../runtime/Logger.ts';
import { UserError } from '../runtime/UserError.ts';
import { CountingResultStore } from './CountingResultStore.ts';
import type { DeploymentConfig } from './deploymentConfig.ts';
import { historyPrefix, jobMarkersPrefix, jobResultsPrefix, jobSlug, workDatabaseName } from './jobIdentity.ts';
import type { LambdaEnvironment } from './lambdaEnvironment.ts';
import { MarkedSheetSink } from './MarkedSheetSink.ts';
import { dateInTimeZone, scheduledJobEventSchema } from './scheduledJobEvent.ts';
import { ScheduledRunMarker } from './ScheduledRunMarker.ts';

/** A job as the CLI runs it: the same function, given AWS adapters here. */
export type JobFunction = (ctx: JobContext) => Promise<{ readonly runReport: Record<string, unknown> }>;

/** Metric units this module records, as Powertools' `MetricUnit` spells them. */
export type RunMetricUnit = 'Milliseconds' | 'Count' | 'Bytes';

/** Where run metrics go; Powertools `Metrics` fits. */
export interface RunMetricsRecorder {
  addMetric(name: string, unit: RunMetricUnit, value: number): unknown;
}

export interface ScheduledJobDependencies {
  readonly jobName: JobName;
  readonly job: JobFunction;
  readonly deployment: DeploymentConfig;
  readonly environment: LambdaEnvironment;
  readonly athena: AthenaClient;
  readonly s3: S3Client;
  /** Builds the sink the run publishes to (Google Sheets, or none). Called only for a run that goes ahead. */
  readonly createSink: () => Promise<SheetSink>;
  readonly clock: Clock;
  readonly logger: Logger & Progress;
  readonly metrics: RunMetricsRecorder;
  /** Injected for tests: Athena polling waits and delays. */
  readonly sleep?: Sleep;
  readonly poll?: Backoff;
}

/** The Lambda invocation, as far as the run needs it. */
export interface JobInvocation {
  readonly requestId: string;
  /** `context.getRemainingTimeInMillis`. */
  readonly remainingTimeMs: () => number;
}

export type ScheduledJobResult =
  | {
      readonly status: 'succeeded';
      readonly job: string;
      readonly asOf: string;
      readonly scheduledTime?: string;
      readonly attempt: number;
      readonly results: string;
      readonly durationMs: number;
    }
  | { readonly status: 'skipped'; readonly job: string; readonly scheduledTime: string; readonly reason: string };

/** Queries still running this long before the Lambda timeout are stopped, leaving time to record the failure. */
const STOP_BEFORE_TIMEOUT_MS = 20_000;

/**
 * One scheduled (or manual) run of a job on AWS: validates the event, claims the run marker of
 * its schedule time (a re-delivery of a run that published or succeeded does nothing), builds
 * the Athena engine, the S3 result store and the sink, runs the same job function the CLI runs,
 * and records the run's metrics: duration, result rows, quarantined rows, Athena bytes scanned,
 * Sheets write requests. A failure is marked on the marker (so the next delivery may take over)
 * and rethrown, so Lambda counts an error and the alarm fires.
 *
 * @example
 * ```ts
 * const result = await runScheduledJob({ scheduledTime: '2024-05-06T04:00:00Z' }, { requestId, remainingTimeMs }, dependencies);
 * ```
 */
export async function runScheduledJob(
  rawEvent: unknown,
  invocation: JobInvocation,
  dependencies: ScheduledJobDependencies,
): Promise<ScheduledJobResult> {
  const { deployment, environment, jobName, logger, metrics, clock } = dependencies;
  const { aws } = deployment;
  const slug = jobSlug(jobName);
  const parsed = scheduledJobEventSchema.safeParse(rawEvent ?? {});
  if (!parsed.success) throw new UserError(`invalid event: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const event = parsed.data;
  const startedAt = clock.now();
  const scheduledTime = event.scheduledTime === undefined ? undefined : new Date(event.scheduledTime).toISOString().replace('.000Z', 'Z');
  const asOf =
    event.asOf ?? deployment.config.asOf ?? dateInTimeZone(new Date(scheduledTime ?? startedAt), aws.jobs[jobName].schedule.timeZone);

  const marker =
    scheduledTime === undefined || event.force
      ? undefined
      : new ScheduledRunMarker({
          s3: dependencies.s3,
          bucket: environment.RESULTS_BUCKET,
          key: `${jobMarkersPrefix(aws, jobName)}${scheduledTime}.json`,
          job: slug,
          scheduledTime,
          invocationId: invocation.requestId,
          now: () => clock.now(),
        });
  let attempt = 1;
  if (marker) {
    const claim = await marker.claim();
    if (claim.outcome === 'skip') {
      logger.info('run skipped', { job: slug, scheduledTime, reason: claim.reason });
      metrics.addMetric('RunSkipped', 'Count', 1);
      return { status: 'skipped', job: slug, scheduledTime: scheduledTime as string, reason: claim.reason };
    }
    attempt = claim.attempt;
  }
  logger.info('run started', { job: slug, asOf, scheduledTime, attempt });

  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new Error('the function is about to time out')),
    Math.max(0, invocation.remainingTimeMs() - STOP_BEFORE_TIMEOUT_MS),
  );
  const engine = new AthenaQueryEngine({
    athena: dependencies.athena,
    s3: dependencies.s3,
    workGroup: aws.athena.workGroup,
    exportsDatabase: aws.athena.database,
    exportsBucket: environment.EXPORTS_BUCKET,
    exportTables: exportTables(deployment.config, aws),
    workDatabase: workDatabaseName(aws, jobName),
    queryTimeoutMs: aws.athena.queryTimeoutSeconds * 1000,
    signal: deadline.signal,
    logger,
    sleep: dependencies.sleep,
    poll: dependencies.poll,
  });
  const runFolder = `${(scheduledTime ?? startedAt.toISOString()).replace(/:/g, '-')}${attempt > 1 ? `-attempt-${attempt}` : ''}`;
  const results = new CountingResultStore(
    new S3ResultStore({ s3: dependencies.s3, bucket: environment.RESULTS_BUCKET, prefix: jobResultsPrefix(aws, jobName), runId: runFolder, now: () => clock.now() }),
  );
  try {
    const sink = new MarkedSheetSink(await dependencies.createSink(), marker);
    const context: JobContext = {
      config: configOnAws(deployment, environment),
      asOf,
      engine,
      results,
      history: new S3SnapshotStore({ s3: dependencies.s3, bucket: environment.RESULTS_BUCKET, prefix: historyPrefix(aws) }),
      sink,
      clock,
      logger,
      progress: logger,
    };
    await dependencies.job(context);
    await marker?.mark('succeeded');
    const durationMs = clock.now().getTime() - startedAt.getTime();
    const stats = engine.stats();
    metrics.addMetric('RunSucceeded', 'Count', 1);
    metrics.addMetric('RunDuration', 'Milliseconds', durationMs);
    metrics.addMetric('ResultRows', 'Count', results.resultRows());
    metrics.addMetric('QuarantinedRows', 'Count', results.quarantinedRows());
    metrics.addMetric('AthenaBytesScanned', 'Bytes', stats.bytesScanned);
    metrics.addMetric('SheetsRequests', 'Count', sink.lastReport?.writeRequests ?? 0);
    logger.info('run succeeded', {
      job: slug,
      asOf,
      durationMs,
      results: results.location,
      athenaQueries: stats.queries,
      athenaBytesScanned: stats.bytesScanned,
      athenaEstimatedCostUsd: stats.estimatedCostUsd,
    });
    return { status: 'succeeded', job: slug, asOf, scheduledTime, attempt, results: results.location, durationMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    metrics.addMetric('RunFailed', 'Count', 1);
    metrics.addMetric('AthenaBytesScanned', 'Bytes', engine.stats().bytesScanned);
    logger.error('run failed', { job: slug, asOf, scheduledTime, attempt, error: message, errorName: error instanceof Error ? error.name : undefined });
    await marker?.mark('failed', message).catch((markError: unknown) => {
      logger.warn('could not mark the run failed', { error: markError instanceof Error ? markError.message : String(markError) });
    });
    await results.abort().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    await engine.close();
  }
}

/** The deployed configuration with each source read from its prefix in the exports bucket. */
function configOnAws(deployment: DeploymentConfig, environment: LambdaEnvironment): Config {
  const { config, aws } = deployment;
  const sources = Object.fromEntries(
    Object.entries(config.sources).map(([kind, source]) => {
      const prefix = aws.exports[kind as keyof typeof aws.exports]?.prefix;
      return [kind, source && prefix ? { ...source, path: `s3://${environment.EXPORTS_BUCKET}/${prefix}` } : source];
    }),
  ) as Config['sources'];
  return { ...config, sources, output: { ...config.output, sink: aws.sink } };
}

