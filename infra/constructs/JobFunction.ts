import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as lambdaNodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import path from 'node:path';
import type { JobName } from '../../functions/config/awsConfig.ts';
import type { DeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import { jobSlug } from '../../functions/lambda/jobIdentity.ts';
import type { LambdaEnvironment } from '../../functions/lambda/lambdaEnvironment.ts';
import {
  LAMBDA_BANNER,
  LAMBDA_ENTRIES,
  LAMBDA_ESBUILD_TARGET,
  LAMBDA_EXTERNAL_MODULES,
  LAMBDA_LEGAL_COMMENTS,
  LAMBDA_MAIN_FIELDS,
  lambdaDefine,
  sheetsSinkBundlingCommand,
  SQL_DIR_ON_LAMBDA,
  SQL_FOLDER_IN_BUNDLE,
} from '../lambdaBundling.ts';

export interface JobFunctionProps {
  readonly jobName: JobName;
  /** Folder holding package-lock.json, functions/ and sql/. */
  readonly projectRoot: string;
  /** The validated configuration (`parseDeploymentConfig`); bundled into the function (see `deploymentDefine`). */
  readonly deployment: DeploymentConfig;
  /** Deploy-time values the handler reads from its environment. */
  readonly environment: LambdaEnvironment;
  /**
   * Memory in MB. The heavy lifting runs in Athena; the function holds feature rows, scores
   * and the sheet model, and memory also buys CPU for the analysis.
   */
  readonly memoryMb: number;
  /** Timeout in seconds; Athena queries are stopped 20 s before it. */
  readonly timeoutSeconds: number;
  /** Receives the event of a run that still failed after Lambda's retries. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Lambda's retries of a failed asynchronous (scheduled) run. @default 2 */
  readonly retryAttempts?: number;
  /** How long an invocation may wait in Lambda's queue. @default 1 hour */
  readonly maxEventAge?: Duration;
  /** @default 3 months */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * One scheduled job as a Lambda function: Node.js 24 on arm64, bundled by esbuild as one minified
 * CommonJS file with the validated configuration inlined, the `sql/` files and, when it publishes
 * to Sheets, the Sheets sink file beside the handler (infra/lambdaBundling.ts says what goes where
 * and why), reserved
 * concurrency 1 (one writer per Sheet, and the run marker relies on it), its own log group and
 * a role with no managed policies: {@link JobPermissions} adds exactly what the job needs.
 *
 * @example
 * ```ts
 * const job = new JobFunction(this, 'CustomerSegments', { jobName: 'customerSegments', projectRoot, deployment, environment, memoryMb: 1024, timeoutSeconds: 900, deadLetterQueue });
 * ```
 */
export class JobFunction extends Construct {
  readonly function: lambdaNodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: JobFunctionProps) {
    super(scope, id);
    const slug = jobSlug(props.jobName);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `segment-sheets ${slug} job`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambdaNodejs.NodejsFunction(this, 'Function', {
      description: `segment-sheets: ${slug} job`,
      entry: path.join(props.projectRoot, LAMBDA_ENTRIES[props.jobName]),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      reservedConcurrentExecutions: 1,
      role: this.role,
      logGroup: this.logGroup,
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(1),
      onFailure: new destinations.SqsDestination(props.deadLetterQueue),
      environment: { ...props.environment, SEGMENT_SHEETS_SQL_DIR: SQL_DIR_ON_LAMBDA },
      bundling: {
        // As lambdaBuildOptions has them, which the benchmark builds with. CommonJS, as
        // LAMBDA_OUTPUT_FORMAT explains.
        format: lambdaNodejs.OutputFormat.CJS,
        minify: true,
        target: LAMBDA_ESBUILD_TARGET,
        mainFields: [...LAMBDA_MAIN_FIELDS],
        externalModules: [...LAMBDA_EXTERNAL_MODULES],
        esbuildArgs: { '--legal-comments': LAMBDA_LEGAL_COMMENTS },
        banner: LAMBDA_BANNER,
        define: lambdaDefine(props.deployment),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `cp -R "${path.join(inputDir, 'sql')}" "${path.join(outputDir, SQL_FOLDER_IN_BUNDLE)}"`,
            // The Google Sheets sink in a file of its own, for a function that publishes to Sheets.
            ...(props.deployment.aws.sink === 'sheets' ? [sheetsSinkBundlingCommand(inputDir, outputDir)] : []),
          ],
        },
      },
    });
  }
}
