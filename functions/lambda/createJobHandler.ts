import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { JobName } from '../config/awsConfig.ts';
import type { Config } from '../config/configSchema.ts';
import { googleSheetsConfigSchema, type GoogleSheetsConfig } from '../publishing/google-sheets/googleSheetsConfigSchema.ts';
import { NullSheetSink } from '../publishing/none/NullSheetSink.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import { systemClock } from '../runtime/Clock.ts';
import { UserError } from '../runtime/UserError.ts';
import { parseDeploymentConfig, type DeploymentConfig } from './deploymentConfig.ts';
import { jobSlug } from './jobIdentity.ts';
import { readLambdaEnvironment, type LambdaEnvironment } from './lambdaEnvironment.ts';
import { PowertoolsLoggerAdapter } from './PowertoolsLoggerAdapter.ts';
import { runScheduledJob, type JobFunction, type ScheduledJobResult } from './runScheduledJob.ts';

export interface JobHandlerOptions {
  readonly jobName: JobName;
  readonly job: JobFunction;
}

/** The parts of the Lambda context the handler uses. */
export interface JobLambdaContext {
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** Namespace of the run metrics in CloudWatch. */
export const METRICS_NAMESPACE = 'SegmentSheets';

/**
 * The configuration bundled into the function: esbuild replaces `process.env.SEGMENT_SHEETS_CONFIG`
 * with the file's JSON text at bundle time (the stack's `define`), so the function carries the
 * exact file that was synthesised; outside a bundle the variable can be set by hand.
 */
function bundledConfigText(): string {
  const text = process.env.SEGMENT_SHEETS_CONFIG;
  if (text === undefined || text === '') throw new Error('no configuration bundled (SEGMENT_SHEETS_CONFIG)');
  return text;
}

/**
 * A job's Lambda handler: middy with Powertools Logger (Lambda context on every line) and
 * Metrics (EMF, flushed after each invocation, with a cold-start metric), over
 * {@link runScheduledJob}. The configuration, environment and AWS clients are built on the first
 * invocation and reused while the function stays warm.
 *
 * @example
 * ```ts
 * export const handler = createJobHandler({ jobName: 'customerSegments', job: runCustomerSegmentsJob });
 * ```
 */
export function createJobHandler(options: JobHandlerOptions) {
  const service = jobSlug(options.jobName);
  const powertoolsLogger = new PowertoolsLogger({ serviceName: service });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  const logger = new PowertoolsLoggerAdapter(powertoolsLogger);
  let warm: { deployment: DeploymentConfig; environment: LambdaEnvironment; athena: AthenaClient; s3: S3Client } | undefined;
  const secrets: SecretsManagerSlot = {};

  const handler = async (event: unknown, context: JobLambdaContext): Promise<ScheduledJobResult> => {
    warm ??= {
      deployment: parseDeploymentConfig(JSON.parse(bundledConfigText()), 'bundled configuration'),
      environment: readLambdaEnvironment(process.env),
      athena: new AthenaClient({ maxAttempts: 5 }),
      s3: new S3Client({ maxAttempts: 5 }),
    };
    const { deployment, environment, athena, s3 } = warm;
    return runScheduledJob(
      event,
      { requestId: context.awsRequestId, remainingTimeMs: () => context.getRemainingTimeInMillis() },
      {
        jobName: options.jobName,
        job: options.job,
        deployment,
        environment,
        athena,
        s3,
        clock: systemClock,
        logger,
        metrics,
        createSink: () => sheetSink(deployment, environment, secrets),
      },
    );
  };

  return middy(handler)
    .use(injectLambdaContext(powertoolsLogger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/** The Secrets Manager client, made by the first run that publishes to Sheets and kept while the function is warm. */
interface SecretsManagerSlot {
  client?: SecretsManagerClient;
}

/**
 * The sink a run publishes to: none, or the Google Sheet of the configuration's `sinks.sheets`
 * section with the key from the stack's secret (whatever key source the section names for local
 * runs). The Secrets Manager client keeps the key cached while the function is warm.
 *
 * The Google client libraries (about a third of the bundle) and the Secrets Manager SDK are loaded
 * here rather than with the module: only a run that was claimed and publishes to Sheets needs
 * them, so a function deployed with `aws.sink: "none"` never loads them, and a re-delivered
 * schedule that is skipped ends before they would be loaded. For a run that does publish the load
 * moves from the init phase to the invocation; it is not saved, and nothing waits on it sooner.
 */
async function sheetSink(deployment: DeploymentConfig, environment: LambdaEnvironment, secrets: SecretsManagerSlot): Promise<SheetSink> {
  if (deployment.aws.sink === 'none') return new NullSheetSink();
  const sheets: GoogleSheetsConfig = { ...sheetsSection(deployment.config), key: { secretId: environment.GOOGLE_KEY_SECRET_ARN } };
  const [{ SecretsManagerClient }, { googleSheetsSinkOptionsFromConfig }, { createGoogleSheetsSink }] = await Promise.all([
    import('@aws-sdk/client-secrets-manager'),
    import('../publishing/google-sheets/googleSheetsConfig.ts'),
    import('../publishing/google-sheets/GoogleSheetsSink.ts'),
  ]);
  secrets.client ??= new SecretsManagerClient({});
  return createGoogleSheetsSink(await googleSheetsSinkOptionsFromConfig(sheets, { secretsManager: secrets.client }));
}

function sheetsSection(config: Config): GoogleSheetsConfig {
  // Read loosely: the section belongs to the product configuration's `sinks`.
  const section = (config as unknown as { sinks?: { sheets?: unknown } }).sinks?.sheets;
  if (section === undefined) throw new UserError('sinks.sheets: name the spreadsheet to publish to, or set aws.sink to "none"');
  const parsed = googleSheetsConfigSchema.safeParse(section);
  if (!parsed.success) throw new UserError(`sinks.sheets.${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
