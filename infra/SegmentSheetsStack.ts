import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import path from 'node:path';
import type { JobName } from '../functions/config/awsConfig.ts';
import { parseDeploymentConfig } from '../functions/lambda/deploymentConfig.ts';
import { historyPrefix, JOB_NAMES, JOB_SOURCES, jobMarkersPrefix, jobResultsPrefix, jobSlug, QUERY_RESULTS_PREFIX, workDatabaseName } from '../functions/lambda/jobIdentity.ts';
import { exportTables } from '../functions/query-engine/athena/exportTables.ts';
import { AccessLogsBucket } from './constructs/AccessLogsBucket.ts';
import { AlertTopic } from './constructs/AlertTopic.ts';
import { DeadLetterAlarm } from './constructs/DeadLetterAlarm.ts';
import { DeadLetterQueue } from './constructs/DeadLetterQueue.ts';
import { ExportTables } from './constructs/ExportTables.ts';
import { GoogleKeySecret } from './constructs/GoogleKeySecret.ts';
import { HistoryTable } from './constructs/HistoryTable.ts';
import { JobAlarms } from './constructs/JobAlarms.ts';
import { JobFunction } from './constructs/JobFunction.ts';
import { JobPermissions } from './constructs/JobPermissions.ts';
import { JobSchedule } from './constructs/JobSchedule.ts';
import { PrivateBucket } from './constructs/PrivateBucket.ts';
import { QueryWorkGroup } from './constructs/QueryWorkGroup.ts';

export interface SegmentSheetsStackProps extends StackProps {
  /** The configuration file as written (JSON value); validated here and bundled into each function. */
  readonly configInput: unknown;
  /** Where the configuration came from, for error messages. */
  readonly configOrigin: string;
  /** Folder holding package-lock.json, functions/ and sql/. @default - this repository */
  readonly projectRoot?: string;
}

/**
 * Everything segment-sheets runs on in AWS, from one configuration file:
 * - buckets: exports (versioned), results (versioned), Athena results (expiring), access logs;
 * - the Glue database and tables over the exports and over the segment history, and the Athena workgroup;
 * - one function per job (customer segments; lead priority when leads are configured), each on
 *   its schedule, with least-privilege permissions and alarms;
 * - the Google key secret (empty), the dead-letter queue and the alert topic.
 *
 * @example
 * ```ts
 * new SegmentSheetsStack(app, 'SegmentSheets', { configInput: JSON.parse(text), configOrigin: 'segment-sheets.config.json' });
 * ```
 */
export class SegmentSheetsStack extends Stack {
  constructor(scope: Construct, id: string, props: SegmentSheetsStackProps) {
    super(scope, id, props);
    // Log delivery by bucket policy, not ACLs: the buckets disable ACLs (object ownership enforced).
    // Set here so the stack does not depend on cdk.json's feature flags.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const deployment = parseDeploymentConfig(props.configInput, props.configOrigin);
    const { config, aws } = deployment;
    const projectRoot = props.projectRoot ?? path.resolve(import.meta.dirname, '..');
    const tables = exportTables(config, aws);

    const accessLogs = new AccessLogsBucket(this, 'AccessLogs', {
      bucketName: aws.buckets.accessLogs.name,
      expireAfterDays: aws.buckets.accessLogs.expireAfterDays,
    }).bucket;
    const exportsBucket: s3.IBucket = aws.buckets.exports.existing
      ? s3.Bucket.fromBucketName(this, 'ExistingExportsBucket', aws.buckets.exports.name as string)
      : new PrivateBucket(this, 'Exports', { bucketName: aws.buckets.exports.name, accessLogs, accessLogsPrefix: 'exports/' }).bucket;
    const resultsBucket = new PrivateBucket(this, 'Results', { bucketName: aws.buckets.results.name, accessLogs, accessLogsPrefix: 'results/' }).bucket;
    // Query results and the runs' intermediate tables are reproducible: no versions, short expiry.
    const athenaResultsBucket = new PrivateBucket(this, 'AthenaResults', {
      bucketName: aws.buckets.athenaResults.name,
      accessLogs,
      accessLogsPrefix: 'athena-results/',
      versioned: false,
      expireAfterDays: aws.buckets.athenaResults.expireAfterDays,
    }).bucket;

    const exportTablesConstruct = new ExportTables(this, 'ExportTables', { databaseName: aws.athena.database, bucket: exportsBucket, tables });
    const history = new HistoryTable(this, 'HistoryTable', {
      database: exportTablesConstruct.database,
      tableName: aws.historyTable.name,
      bucket: resultsBucket,
      prefix: historyPrefix(aws),
      firstPartition: aws.historyTable.firstPartition,
    });
    const workGroup = new QueryWorkGroup(this, 'QueryWorkGroup', {
      workGroupName: aws.athena.workGroup,
      resultsBucket: athenaResultsBucket,
      resultsPrefix: QUERY_RESULTS_PREFIX,
      bytesScannedCutoffPerQuery: aws.athena.bytesScannedCutoffPerQuery,
    });
    const googleKey = new GoogleKeySecret(this, 'GoogleKey', { secretName: aws.googleKeySecretName }).secret;
    const deadLetters = new DeadLetterQueue(this, 'DeadLetters').queue;
    const alerts = new AlertTopic(this, 'Alerts', { email: aws.alerts.email }).topic;
    new DeadLetterAlarm(this, 'DeadLetterAlarm', { queue: deadLetters, alertTopic: alerts });

    const jobs = JOB_NAMES.filter((job) => job !== 'leadPriority' || config.sources.leads !== undefined);
    for (const jobName of jobs) {
      const settings = aws.jobs[jobName];
      const id = constructId(jobName);
      const job = new JobFunction(this, id, {
        jobName,
        projectRoot,
        deployment,
        environment: {
          EXPORTS_BUCKET: exportsBucket.bucketName,
          RESULTS_BUCKET: resultsBucket.bucketName,
          ATHENA_RESULTS_BUCKET: athenaResultsBucket.bucketName,
          GOOGLE_KEY_SECRET_ARN: googleKey.secretArn,
        },
        memoryMb: settings.memoryMb,
        timeoutSeconds: settings.timeoutSeconds,
        deadLetterQueue: deadLetters,
        maxEventAge: Duration.seconds(settings.maxEventAgeSeconds),
      });
      const readTables = tables.filter((t) => JOB_SOURCES[jobName].includes(t.source));
      new JobPermissions(this, `${id}Permissions`, {
        role: job.role,
        workGroupArn: workGroup.workGroupArn,
        exportsDatabaseName: aws.athena.database,
        exportTableNames: readTables.map((t) => t.tableName),
        workDatabaseName: workDatabaseName(aws, jobName),
        exports: { bucket: exportsBucket, prefixes: readTables.map((t) => t.prefix) },
        athenaResults: { bucket: athenaResultsBucket, prefixes: [QUERY_RESULTS_PREFIX] },
        results: {
          bucket: resultsBucket,
          // The customer job keeps its segment snapshots beside its results.
          prefixes: [jobResultsPrefix(aws, jobName), jobMarkersPrefix(aws, jobName), ...(jobName === 'customerSegments' ? [historyPrefix(aws)] : [])],
        },
        googleKeySecret: aws.sink === 'sheets' ? googleKey : undefined,
      });
      new JobSchedule(this, `${id}Schedule`, {
        function: job.function,
        cron: settings.schedule.cron,
        timeZone: settings.schedule.timeZone,
        enabled: settings.schedule.enabled,
        deadLetterQueue: deadLetters,
        retryAttempts: settings.retryAttempts,
        maxEventAge: Duration.seconds(settings.maxEventAgeSeconds),
        description: `segment-sheets ${jobSlug(jobName)}`,
      });
      new JobAlarms(this, `${id}Alarms`, {
        jobLabel: jobSlug(jobName),
        function: job.function,
        timeout: Duration.seconds(settings.timeoutSeconds),
        alertTopic: alerts,
      });
      new CfnOutput(this, `${id}FunctionName`, { value: job.function.functionName, description: `The ${jobSlug(jobName)} job function` });
    }

    new CfnOutput(this, 'ExportsBucketName', { value: exportsBucket.bucketName, description: 'Put exports here, under their prefixes' });
    new CfnOutput(this, 'ResultsBucketName', { value: resultsBucket.bucketName, description: 'Result files of every run' });
    new CfnOutput(this, 'AthenaResultsBucketName', { value: athenaResultsBucket.bucketName, description: 'Athena query results (expiring)' });
    new CfnOutput(this, 'AccessLogsBucketName', { value: accessLogs.bucketName, description: 'S3 server access logs' });
    new CfnOutput(this, 'GoogleKeySecretArn', { value: googleKey.secretArn, description: 'Put the Google service-account key JSON into this secret' });
    new CfnOutput(this, 'GlueDatabaseName', { value: exportTablesConstruct.database.databaseName, description: 'Glue database of the export tables' });
    new CfnOutput(this, 'HistoryTableName', { value: history.table.tableName, description: 'Athena table of every run\'s customer segments (as_of partitions)' });
    new CfnOutput(this, 'WorkGroupName', { value: workGroup.workGroupName, description: 'Athena workgroup of the jobs' });
    new CfnOutput(this, 'AlertTopicArn', { value: alerts.topicArn, description: 'Alarms notify this topic' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: deadLetters.queueUrl, description: 'Runs that could not be delivered or kept failing' });
  }
}

function constructId(job: JobName): string {
  return job.charAt(0).toUpperCase() + job.slice(1);
}
