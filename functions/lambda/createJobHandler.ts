import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { JobName } from '../config/awsConfig.ts';
import { NullSheetSink } from '../publishing/none/NullSheetSink.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import { systemClock } from '../runtime/Clock.ts';
import { bundledDeployment } from './bundledDeployment.ts';
import type { DeploymentConfig } from './deploymentConfig.ts';
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
 * A job's Lambda handler: middy with Powertools Logger (Lambda context on every line) and
 * Metrics (EMF, flushed after each invocation, with a cold-start metric), over
 * {@link runScheduledJob}. The configuration (validated at synth, see {@link bundledDeployment}),
 * environment and AWS clients are read and built on the first invocation and reused while the
 * function stays warm.
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

  const handler = async (event: unknown, context: JobLambdaContext): Promise<ScheduledJobResult> => {
    warm ??= {
      deployment: bundledDeployment(),
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
        createSink: () => sheetSink(deployment, environment),
      },
    );
  };

  return middy(handler)
    .use(injectLambdaContext(powertoolsLogger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/**
 * Where the Sheets sink module is: in a bundle, the file of its own beside `index.js` that esbuild
 * defines `process.env.SEGMENT_SHEETS_SINK_MODULE` as (infra/lambdaBundling.ts), so the module is
 * not in the code every cold start compiles; unbundled, this folder's source file. Not a string
 * literal, so that esbuild does not bundle it.
 */
const SHEETS_SINK_MODULE = process.env.SEGMENT_SHEETS_SINK_MODULE ?? './lambdaSheetsSink.ts';

/**
 * The sink a run publishes to: none, or the Google Sheet of the configuration's `sinks.sheets`
 * section (`lambdaSheetsSink.ts`, with the bundle's Secrets Manager client), imported by the first
 * run that publishes. esbuild replaces
 * `process.env.SEGMENT_SHEETS_SINK` with the deployment's `aws.sink`, so in a bundle built for
 * `"none"` the condition is constant and the branch is left out. Unbundled the variable is unset
 * and `aws.sink` decides.
 */
async function sheetSink(deployment: DeploymentConfig, environment: LambdaEnvironment): Promise<SheetSink> {
  if (process.env.SEGMENT_SHEETS_SINK !== 'none' && deployment.aws.sink === 'sheets') {
    const [{ lambdaSheetsSink }, { lambdaSecretsManager }] = await Promise.all([
      import(SHEETS_SINK_MODULE) as Promise<typeof import('./lambdaSheetsSink.ts')>,
      import('./lambdaSecretsManager.ts'),
    ]);
    return lambdaSheetsSink(deployment.config, environment.GOOGLE_KEY_SECRET_ARN, lambdaSecretsManager());
  }
  return new NullSheetSink();
}
