// A namespace import, so bundlers can drop the parts of zod left unused (its 60+ locales: 0.35 MB of the Lambda bundle).
import * as z from 'zod';
import { isoDateSchema, timeZoneSchema } from './commonSchemas.ts';

/**
 * The `aws` section of the configuration file: how the stack is deployed and how the Lambda
 * jobs run. Read by the CDK app at synth time and bundled into each Lambda with the rest of the
 * configuration, so both sides agree. Every field has a default except the export columns,
 * which the Glue tables need.
 *
 * @example
 * ```json
 * "aws": {
 *   "region": "eu-central-1",
 *   "exports": { "orders": { "columns": ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"] } },
 *   "jobs": { "customerSegments": { "schedule": { "cron": "cron(0 6 ? * MON *)", "timeZone": "Europe/Berlin" } } },
 *   "alerts": { "email": "data-team@example.com" }
 * }
 * ```
 */

const timeZone = timeZoneSchema;
const isoDate = isoDateSchema;

const CRON_FIELD = /^[0-9A-Za-z*?,/#LW-]+$/;

/**
 * Whether a text is an EventBridge Scheduler cron expression: `cron(minutes hours day-of-month
 * month day-of-week year)`, six fields, one of the two day fields `?`.
 */
export function isSchedulerCron(expression: string): boolean {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  const fields = match?.[1]?.trim().split(/\s+/) ?? [];
  if (fields.length !== 6 || !fields.every((f) => CRON_FIELD.test(f))) return false;
  return (fields[2] === '?') !== (fields[4] === '?');
}

const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)');

const glueName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected a lowercase Glue/Athena name (letters, digits, underscores)');

/** A key prefix such as `orders/`: no leading slash, ends with a slash. */
const keyPrefix = z
  .string()
  .regex(/^[A-Za-z0-9!_.*'()=-][A-Za-z0-9!_.*'()=/-]*\/$/, 'expected an S3 key prefix ending with "/", e.g. "orders/"');

/** An Athena (Hive DDL) column type for Parquet exports. */
const columnType = z
  .string()
  .regex(
    /^(string|varchar\(\d+\)|char\(\d+\)|boolean|tinyint|smallint|int|integer|bigint|float|double|decimal\(\d+,\s*\d+\)|date|timestamp|binary)$/,
    'expected an Athena column type: string, bigint, int, double, boolean, date, timestamp, decimal(p,s), ...',
  );

const exportColumn = z.union([
  z.string().min(1).max(255),
  z.object({ name: z.string().min(1).max(255), type: columnType }).strict(),
]);

function exportTableSchema(defaultPrefix: string) {
  return z
    .object({
      prefix: keyPrefix.default(defaultPrefix).describe(`Key prefix of this export in the exports bucket. Default "${defaultPrefix}".`),
      columns: z
        .array(exportColumn)
        .min(1)
        .describe(
          'The export\'s columns in file order (CSV: the header names, all read as text; Parquet: names with their types, e.g. {"name": "amount", "type": "double"}).',
        ),
      layout: z
        .enum(['dt-partitions', 'latest-object'])
        .default('dt-partitions')
        .describe('"dt-partitions": files under dt=YYYY-MM-DD/ folders, newest folder read. "latest-object": the newest file under the prefix is read. Default "dt-partitions".'),
      firstPartition: isoDate
        .default('2020-01-01')
        .describe('Oldest dt= partition Athena projects; keep it near the first real export. Default 2020-01-01.'),
    })
    .strict();
}

const scheduleSchema = z
  .object({
    cron: z
      .string()
      .refine(isSchedulerCron, 'expected an EventBridge Scheduler cron expression such as "cron(0 6 ? * MON *)" (6 fields; day-of-month or day-of-week is "?")'),
    timeZone: timeZone.default('UTC').describe('IANA time zone the cron expression is read in. Default UTC.'),
    enabled: z.boolean().default(true).describe('Whether the schedule fires. Default true.'),
  })
  .strict();

function jobSchema(defaultCron: string) {
  return z
    .object({
      schedule: scheduleSchema.prefault({ cron: defaultCron }).describe(`When the job runs. Default ${defaultCron} UTC.`),
      memoryMb: z
        .number()
        .int()
        .min(128)
        .max(10_240)
        .default(1024)
        .describe('Lambda memory in MB; also buys CPU (1769 MB = one vCPU). Default 1024: the heavy work runs in Athena, the function holds feature rows and the sheet model.'),
      timeoutSeconds: z
        .number()
        .int()
        .min(60)
        .max(900)
        .default(900)
        .describe('Lambda timeout in seconds (at most 900). Default 900, the Lambda maximum, since Athena queries queue at busy times.'),
      retryAttempts: z
        .number()
        .int()
        .min(0)
        .max(185)
        .default(2)
        .describe('EventBridge Scheduler retries when invoking the function fails. Default 2.'),
      maxEventAgeSeconds: z
        .number()
        .int()
        .min(60)
        .max(86_400)
        .default(3600)
        .describe('How long a scheduled invocation may wait to be delivered before it goes to the dead-letter queue. Default 3600.'),
    })
    .strict();
}

export const awsConfigSchema = z
  .object({
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region such as "eu-central-1"')
      .default('us-east-1')
      .describe('Region to deploy to. Default us-east-1.'),
    account: z
      .string()
      .regex(/^\d{12}$/, 'expected a 12-digit AWS account id')
      .optional()
      .describe('Account to deploy to. Default: the account of the deploying credentials.'),
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'expected a CloudFormation stack name')
      .default('SegmentSheets')
      .describe('CloudFormation stack name. Default SegmentSheets.'),
    sink: z
      .enum(['sheets', 'none'])
      .default('sheets')
      .describe('Where the Lambda jobs publish: Google Sheets, or nowhere (result files only). Default sheets.'),
    buckets: z
      .object({
        exports: z
          .object({
            name: bucketName.optional().describe('Bucket name. Default: generated by CloudFormation.'),
            existing: z
              .boolean()
              .default(false)
              .describe('Use an existing bucket of that name instead of creating one (its encryption and policies are then yours). Default false.'),
          })
          .strict()
          .refine((b) => !b.existing || b.name !== undefined, 'an existing exports bucket needs its name')
          .prefault({}),
        results: z
          .object({ name: bucketName.optional().describe('Bucket name. Default: generated by CloudFormation.') })
          .strict()
          .prefault({}),
        athenaResults: z
          .object({
            name: bucketName.optional().describe('Bucket name. Default: generated by CloudFormation.'),
            expireAfterDays: z
              .number()
              .int()
              .min(1)
              .max(365)
              .default(7)
              .describe('Days before query results and intermediate tables are deleted. Default 7.'),
          })
          .strict()
          .prefault({}),
        accessLogs: z
          .object({
            name: bucketName.optional().describe('Bucket name. Default: generated by CloudFormation.'),
            expireAfterDays: z.number().int().min(1).max(3650).default(365).describe('Days access logs are kept. Default 365.'),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    exports: z
      .object({
        orders: exportTableSchema('orders/').optional(),
        customers: exportTableSchema('customers/').optional(),
        leads: exportTableSchema('leads/').optional(),
        leadActivities: exportTableSchema('lead-activities/').optional(),
      })
      .strict()
      .prefault({})
      .describe('The exports in the exports bucket, one per configured source; the Glue tables are defined from these.'),
    athena: z
      .object({
        workGroup: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,128}$/, 'expected a workgroup name')
          .default('segment-sheets')
          .describe('Athena workgroup (created by the stack). Default segment-sheets.'),
        database: glueName.default('segment_sheets').describe('Glue database of the export tables. Default segment_sheets.'),
        bytesScannedCutoffPerQuery: z
          .number()
          .int()
          .min(10_000_000)
          .default(10_000_000_000)
          .describe('Athena cancels a query that scans more bytes than this (minimum 10 MB). Default 10 GB, at most $0.05 per query.'),
        queryTimeoutSeconds: z
          .number()
          .int()
          .min(10)
          .max(890)
          .default(600)
          .describe('A query still running after this long is cancelled. Default 600, below the Lambda timeout.'),
      })
      .strict()
      .prefault({}),
    historyTable: z
      .object({
        name: glueName.default('segment_history').describe('Glue table over the segment snapshots, in the athena.database. Default segment_history.'),
        firstPartition: isoDate
          .default('2020-01-01')
          .describe('Oldest as_of date Athena\'s partition projection knows; keep it at or before the first run. Default 2020-01-01.'),
      })
      .strict()
      .prefault({})
      .describe('The Athena table over every run\'s segment snapshot (<resultsPrefix>history/as_of=YYYY-MM-DD/snapshot.csv in the results bucket).'),
    jobs: z
      .object({
        customerSegments: jobSchema('cron(0 6 ? * MON *)').prefault({}),
        leadPriority: jobSchema('cron(0 7 ? * MON-FRI *)').prefault({}),
      })
      .strict()
      .prefault({}),
    alerts: z
      .object({
        email: z.email().optional().describe('Address subscribed to the alarm topic. Default: none (subscribe later).'),
      })
      .strict()
      .prefault({}),
    googleKeySecretName: z
      .string()
      .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'expected a Secrets Manager secret name')
      .default('segment-sheets/google-service-account-key')
      .describe('Name of the secret holding the Google service-account key JSON (created empty by the stack).'),
    resultsPrefix: keyPrefix.default('runs/').describe('Key prefix of result files in the results bucket. Default runs/.'),
  })
  .strict()
  .superRefine((aws, context) => {
    for (const [job, settings] of Object.entries(aws.jobs)) {
      if (aws.athena.queryTimeoutSeconds >= settings.timeoutSeconds) {
        context.addIssue({
          code: 'custom',
          path: ['jobs', job, 'timeoutSeconds'],
          message: `must exceed athena.queryTimeoutSeconds (${aws.athena.queryTimeoutSeconds}) so a slow query is cancelled before the function is stopped`,
        });
      }
    }
  });

/** The `aws` section as written (defaults not applied). */
export type AwsConfigInput = z.input<typeof awsConfigSchema>;
/** The validated `aws` section with defaults applied. */
export type AwsConfig = z.output<typeof awsConfigSchema>;
export type ExportTableConfig = NonNullable<AwsConfig['exports']['orders']>;
export type JobName = keyof AwsConfig['jobs'];
