import { Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface QueryWorkGroupProps {
  readonly workGroupName: string;
  /** Bucket for query results. */
  readonly resultsBucket: s3.IBucket;
  /** Key prefix of the results in it, ending with `/`. */
  readonly resultsPrefix: string;
  /** Athena cancels a query scanning more than this (minimum 10 MB). */
  readonly bytesScannedCutoffPerQuery: number;
}

/**
 * The Athena workgroup every job query runs in: engine version 3 (Trino), its settings
 * enforced over the client's (so no query can escape the cutoff or write results elsewhere),
 * a bytes-scanned cutoff per query, and results encrypted (SSE-S3) in the results bucket,
 * which expires them. Athena's own CloudWatch metrics stay off: they are billed as custom
 * metrics, and each run reports its bytes scanned itself.
 *
 * @example
 * ```ts
 * const workGroup = new QueryWorkGroup(this, 'WorkGroup', { workGroupName: 'segment-sheets', resultsBucket, resultsPrefix: 'query-results/', bytesScannedCutoffPerQuery: 10_000_000_000 });
 * ```
 */
export class QueryWorkGroup extends Construct {
  readonly workGroupName: string;
  readonly workGroupArn: string;
  readonly resource: athena.CfnWorkGroup;

  constructor(scope: Construct, id: string, props: QueryWorkGroupProps) {
    super(scope, id);
    if (props.bytesScannedCutoffPerQuery < 10_000_000) throw new Error('the bytes-scanned cutoff must be at least 10,000,000 bytes (an Athena limit)');
    this.resource = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.workGroupName,
      description: 'segment-sheets: the scheduled segmentation jobs',
      state: 'ENABLED',
      // Deleting the stack deletes the workgroup even when it holds saved queries.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        publishCloudWatchMetricsEnabled: false,
        resultConfiguration: {
          outputLocation: `s3://${props.resultsBucket.bucketName}/${props.resultsPrefix}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: Stack.of(this).account,
        },
      },
    });
    this.workGroupName = props.workGroupName;
    this.workGroupArn = Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: props.workGroupName });
  }
}
