import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../acknowledgeNagFinding.ts';

/** A bucket and the key prefixes (each ending with `/`) a job may use in it. */
export interface BucketPrefixes {
  readonly bucket: s3.IBucket;
  readonly prefixes: readonly string[];
}

export interface JobPermissionsProps {
  readonly role: iam.IRole;
  /** The workgroup the job's queries run in. */
  readonly workGroupArn: string;
  /** Glue database of the export tables, and the tables the job reads. */
  readonly exportsDatabaseName: string;
  readonly exportTableNames: readonly string[];
  /** The Glue database the job re-creates at each run for its own relations. */
  readonly workDatabaseName: string;
  /** Export prefixes the job reads. */
  readonly exports: BucketPrefixes;
  /** The workgroup's result location (query results and CTAS tables): read and written by Athena as the job. */
  readonly athenaResults: BucketPrefixes;
  /** The job's result folders and run markers. */
  readonly results: BucketPrefixes;
  /** The Google key secret, when the job publishes to Google Sheets. */
  readonly googleKeySecret?: secretsmanager.ISecret;
}

/**
 * The least privileges of one job, as one policy on its role. Athena runs queries with the
 * caller's permissions, so the role carries what Athena touches on the job's behalf too:
 * - Athena: start, stop, poll, read results, in the one workgroup (GetWorkGroup is required to start a query).
 * - Glue: read the export tables; create, replace and drop the job's own work database and its tables.
 * - S3: read the export prefixes; read and write the workgroup's result prefix; read, write and
 *   delete the job's result and marker prefixes; list only those prefixes.
 * - Secrets Manager: read the Google key secret, nothing else.
 *
 * Object-level grants end in `/*` (keys are generated per run): each such wildcard is
 * acknowledged for cdk-nag with its prefix named, and no other wildcard is allowed.
 *
 * @example
 * ```ts
 * new JobPermissions(this, 'Permissions', { role, workGroupArn, exportsDatabaseName, exportTableNames, workDatabaseName, exports, athenaResults, results, googleKeySecret });
 * ```
 */
export class JobPermissions extends Construct {
  readonly policy: iam.Policy;

  constructor(scope: Construct, id: string, props: JobPermissionsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const glueArn = (resource: string, resourceName?: string) => stack.formatArn({ service: 'glue', resource, resourceName });
    const catalog = glueArn('catalog');
    const workTables = glueArn('table', `${props.workDatabaseName}/*`);
    const statements: iam.PolicyStatement[] = [
      new iam.PolicyStatement({
        sid: 'RunQueriesInTheWorkGroup',
        actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetWorkGroup'],
        resources: [props.workGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadTheExportTables',
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: [
          catalog,
          glueArn('database', props.exportsDatabaseName),
          ...props.exportTableNames.map((table) => glueArn('table', `${props.exportsDatabaseName}/${table}`)),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'ManageTheJobWorkDatabase',
        actions: [
          'glue:CreateDatabase',
          'glue:DeleteDatabase',
          'glue:GetDatabase',
          'glue:CreateTable',
          'glue:UpdateTable',
          'glue:DeleteTable',
          'glue:BatchDeleteTable',
          'glue:GetTable',
          'glue:GetTables',
          'glue:GetPartition',
          'glue:GetPartitions',
        ],
        resources: [catalog, glueArn('database', props.workDatabaseName), workTables],
      }),
      ...bucketStatements('Exports', props.exports, ['s3:GetObject']),
      ...bucketStatements('AthenaResults', props.athenaResults, [
        's3:GetObject',
        's3:PutObject',
        's3:AbortMultipartUpload',
        's3:ListMultipartUploadParts',
      ], ['s3:ListBucketMultipartUploads']),
      // Listing too, so a missing run marker reads as "not found" rather than "access denied".
      ...bucketStatements('Results', props.results, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']),
    ];
    if (props.googleKeySecret) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadTheGoogleKey',
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [props.googleKeySecret.secretArn],
        }),
      );
    }
    this.policy = new iam.Policy(this, 'Policy', { statements });
    this.policy.attachToRole(props.role);

    for (const access of [props.exports, props.athenaResults, props.results]) {
      for (const prefix of access.prefixes) {
        acknowledgeWildcardResource(
          this,
          access.bucket.arnForObjects(`${prefix}*`),
          `Objects under ${prefix} get names at run time (exports by date, query results by query id, result files by run); the grant is limited to that one prefix.`,
        );
      }
    }
    acknowledgeWildcardResource(
      this,
      workTables,
      "The job's work database is dropped and re-created at every run, with tables named by the job; the grant is limited to that one database.",
    );
  }
}

/** Object actions on the prefixes, listing restricted to them, and the bucket's location. */
function bucketStatements(
  name: string,
  access: BucketPrefixes,
  objectActions: readonly string[],
  bucketActions: readonly string[] = [],
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: `Objects${name}`,
      actions: [...objectActions],
      resources: access.prefixes.map((prefix) => access.bucket.arnForObjects(`${prefix}*`)),
    }),
    new iam.PolicyStatement({
      sid: `List${name}`,
      actions: ['s3:ListBucket'],
      resources: [access.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': access.prefixes.flatMap((prefix) => [prefix, `${prefix}*`]) } },
    }),
    // These requests carry no prefix, so they cannot share the listing's condition.
    new iam.PolicyStatement({
      sid: `Locate${name}`,
      actions: ['s3:GetBucketLocation', ...bucketActions],
      resources: [access.bucket.bucketArn],
    }),
  ];
}
