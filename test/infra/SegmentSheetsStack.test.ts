import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SegmentSheetsStack } from '../../infra/SegmentSheetsStack.ts';
import { SNAPSHOT_COLUMNS } from '../../functions/segment-history/SnapshotRow.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** A deployment with both jobs, a CSV export in dt= folders and a Parquet export read by newest object. */
const configInput = {
  sources: {
    orders: { path: 'exports/orders.csv', delimiter: ';', mapping: { customer_id: 'CustomerID', order_date: 'InvoiceDate', amount: 'Amount' } },
    leads: { path: 'exports/leads.parquet', format: 'parquet', mapping: { lead_id: 'LeadId', email: 'Email', created_at: 'Created' } },
  },
  aws: {
    region: 'eu-central-1',
    account: '123456789012',
    exports: {
      orders: { columns: ['CustomerID', 'InvoiceDate', 'Amount'], firstPartition: '2024-01-01' },
      leads: {
        prefix: 'crm/leads/',
        layout: 'latest-object',
        columns: [
          { name: 'LeadId', type: 'string' },
          { name: 'Email', type: 'string' },
          { name: 'Created', type: 'timestamp' },
          { name: 'Score', type: 'double' },
        ],
      },
    },
    athena: { bytesScannedCutoffPerQuery: 5_000_000_000 },
    jobs: {
      customerSegments: { schedule: { cron: 'cron(0 6 ? * MON *)', timeZone: 'Europe/Berlin' }, memoryMb: 1536, timeoutSeconds: 840 },
      leadPriority: { schedule: { cron: 'cron(30 7 ? * MON-FRI *)', timeZone: 'America/New_York', enabled: false } },
    },
    alerts: { email: 'ops@example.com' },
  },
};

let stack: Stack;
let template: Template;

beforeAll(() => {
  // Bundling is skipped here (the bundled synth has its own test): template and checks only.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new SegmentSheetsStack(app, 'SegmentSheets', { env: { region: 'eu-central-1', account: '123456789012' }, configInput, configOrigin: 'test', projectRoot });
  template = Template.fromStack(stack);
});

function resourcesOf(type: string): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}

/** The logical id of the one resource of a type whose construct path contains `pathPart`. */
function logicalIdOf(type: string, pathPart: string): string {
  const found = stack.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === type && c.node.path.includes(pathPart));
  if (found.length !== 1) throw new Error(`${found.length} ${type} under ${pathPart}`);
  return stack.resolve(stack.getLogicalId(found[0] as CfnResource)) as string;
}

/** Every statement of the policies attached to a role. */
function statementsOfRole(roleLogicalId: string): Record<string, unknown>[] {
  return Object.values(resourcesOf('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties['Roles']).includes(roleLogicalId))
    .flatMap((p) => (p.Properties['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement);
}

describe('the segment-sheets stack', () => {
  it('passes the cdk-nag AwsSolutions checks with only the acknowledged, reasoned exceptions', () => {
    const report = new AwsSolutionsChecks(stack).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId ?? r.locations.join()).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('keeps every bucket encrypted, private, TLS-only and logged, and versions the ones holding data', () => {
    const buckets = resourcesOf('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(4);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    }
    for (const policy of Object.values(resourcesOf('AWS::S3::BucketPolicy'))) {
      expect(policy.Properties['PolicyDocument']).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      });
    }
    expect(Object.keys(resourcesOf('AWS::S3::BucketPolicy'))).toHaveLength(4);
    const logs = logicalIdOf('AWS::S3::Bucket', 'AccessLogs');
    for (const name of ['Exports', 'Results', 'AthenaResults']) {
      const bucket = buckets[logicalIdOf('AWS::S3::Bucket', `/${name}/`)] as { Properties: Record<string, unknown> };
      expect(bucket.Properties['LoggingConfiguration']).toEqual({ DestinationBucketName: { Ref: logs }, LogFilePrefix: `${name === 'AthenaResults' ? 'athena-results' : name.toLowerCase()}/` });
      expect(bucket.Properties['VersioningConfiguration']).toEqual(name === 'AthenaResults' ? undefined : { Status: 'Enabled' });
    }
    const athenaResults = buckets[logicalIdOf('AWS::S3::Bucket', '/AthenaResults/')] as { Properties: Record<string, unknown> };
    expect(athenaResults.Properties['LifecycleConfiguration']).toEqual({
      Rules: expect.arrayContaining([{ Id: 'expire-objects', ExpirationInDays: 7, Status: 'Enabled' }]),
    });
  });

  it('defines the export tables with partition projection for dt= folders, text CSV columns and typed Parquet', () => {
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'segment_sheets' } });
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: Match.anyValue(),
      TableInput: {
        Name: 'orders_export',
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [{ Name: 'dt', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.dt.type': 'date',
          'projection.dt.range': '2024-01-01,NOW',
          'projection.dt.format': 'yyyy-MM-dd',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/orders/dt=${dt}/']] },
          'skip.header.line.count': '1',
          classification: 'csv',
        }),
        StorageDescriptor: Match.objectLike({
          Columns: [
            { Name: 'customerid', Type: 'string' },
            { Name: 'invoicedate', Type: 'string' },
            { Name: 'amount', Type: 'string' },
          ],
          Location: { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/orders/']] },
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde', Parameters: { separatorChar: ';', quoteChar: '"' } },
        }),
      },
    });
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: {
        Name: 'leads_export',
        PartitionKeys: Match.absent(),
        Parameters: Match.objectLike({ classification: 'parquet', 'projection.enabled': Match.absent() }),
        StorageDescriptor: Match.objectLike({
          Columns: [
            { Name: 'leadid', Type: 'string' },
            { Name: 'email', Type: 'string' },
            { Name: 'created', Type: 'timestamp' },
            { Name: 'score', Type: 'double' },
          ],
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        }),
      },
    });
  });

  it('defines the segment history table over the results bucket, partitioned by as_of with projection', () => {
    const resultsBucket = { Ref: logicalIdOf('AWS::S3::Bucket', '/Results/') };
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: { Ref: logicalIdOf('AWS::Glue::Database', 'ExportTables') },
      TableInput: {
        Name: 'segment_history',
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [{ Name: 'as_of', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.as_of.type': 'date',
          'projection.as_of.range': '2020-01-01,NOW',
          'projection.as_of.format': 'yyyy-MM-dd',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', resultsBucket, '/runs/history/as_of=${as_of}/']] },
          'skip.header.line.count': '1',
          classification: 'csv',
        }),
        StorageDescriptor: Match.objectLike({
          // The snapshot file's columns in order (SNAPSHOT_COLUMNS), its as_of renamed beside the partition key.
          Columns: [
            { Name: 'snapshot_as_of', Type: 'string' },
            { Name: 'customer_id', Type: 'string' },
            { Name: 'segment', Type: 'string' },
            { Name: 'r', Type: 'int' },
            { Name: 'f', Type: 'int' },
            { Name: 'm', Type: 'int' },
            { Name: 'rfm_code', Type: 'string' },
            { Name: 'recency_days', Type: 'int' },
            { Name: 'frequency', Type: 'int' },
            { Name: 'monetary', Type: 'double' },
            { Name: 'p_alive', Type: 'string' },
            { Name: 'clv', Type: 'string' },
          ],
          Location: { 'Fn::Join': ['', ['s3://', resultsBucket, '/runs/history/']] },
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde', Parameters: { separatorChar: ',', quoteChar: '"' } },
        }),
      },
    });
    // And it stays in step with what the job writes.
    const table = Object.values(resourcesOf('AWS::Glue::Table')).find((t) => JSON.stringify(t.Properties).includes('segment_history'));
    const columns = (table?.Properties['TableInput'] as { StorageDescriptor: { Columns: { Name: string }[] } }).StorageDescriptor.Columns;
    expect(columns.map((c) => c.Name)).toEqual(['snapshot_as_of', ...SNAPSHOT_COLUMNS.slice(1)]);
    expect(Object.keys(template.findOutputs('HistoryTableName'))).toEqual(['HistoryTableName']);
  });

  it('runs queries in an enforced engine-v3 workgroup with a bytes-scanned cutoff and encrypted results', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'segment-sheets',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        BytesScannedCutoffPerQuery: 5_000_000_000,
        PublishCloudWatchMetricsEnabled: false,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: logicalIdOf('AWS::S3::Bucket', '/AthenaResults/') }, '/query-results/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
          ExpectedBucketOwner: '123456789012',
        },
      },
    });
  });

  it('runs each job as a Node.js 24 arm64 function with reserved concurrency 1, sized from the config', () => {
    const functions = Object.values(resourcesOf('AWS::Lambda::Function'));
    expect(functions).toHaveLength(2);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'segment-sheets: customer-segments job',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1536,
      Timeout: 840,
      ReservedConcurrentExecutions: 1,
      Environment: {
        Variables: {
          EXPORTS_BUCKET: { Ref: logicalIdOf('AWS::S3::Bucket', '/Exports/') },
          RESULTS_BUCKET: { Ref: logicalIdOf('AWS::S3::Bucket', '/Results/') },
          ATHENA_RESULTS_BUCKET: { Ref: logicalIdOf('AWS::S3::Bucket', '/AthenaResults/') },
          GOOGLE_KEY_SECRET_ARN: { Ref: logicalIdOf('AWS::SecretsManager::Secret', 'GoogleKey') },
          SEGMENT_SHEETS_SQL_DIR: '/var/task/sql',
        },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Description: 'segment-sheets: lead-priority job', MemorySize: 1024, Timeout: 900, ReservedConcurrentExecutions: 1 });
    template.resourcePropertiesCountIs(
      'AWS::Lambda::EventInvokeConfig',
      { MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf('AWS::SQS::Queue', 'DeadLetters'), 'Arn'] } } } },
      2,
    );
    for (const role of Object.values(resourcesOf('AWS::IAM::Role'))) expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
  });

  it('schedules each job by its cron and time zone, with a retry policy and the dead-letter queue', () => {
    const deadLetters = { 'Fn::GetAtt': [logicalIdOf('AWS::SQS::Queue', 'DeadLetters'), 'Arn'] };
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOf('AWS::Lambda::Function', 'CustomerSegments'), 'Arn'] },
        Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: deadLetters },
      },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 7 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'America/New_York',
      State: 'DISABLED',
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
  });

  it('creates the Google key secret empty', () => {
    const [secret] = Object.values(resourcesOf('AWS::SecretsManager::Secret'));
    expect(secret?.Properties).toEqual({
      Name: 'segment-sheets/google-service-account-key',
      Description: 'segment-sheets: Google service-account key (JSON) used to publish to Google Sheets',
    });
  });

  it('alerts by e-mail on failed runs, runs near the timeout and dead letters', () => {
    const topic = logicalIdOf('AWS::SNS::Topic', 'Alerts');
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topic } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf('AWS::Lambda::Function', 'CustomerSegments') } }],
      Threshold: 1,
      AlarmActions: [{ Ref: topic }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf('AWS::Lambda::Function', 'CustomerSegments') } }],
      Threshold: 672_000,
      AlarmActions: [{ Ref: topic }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      AlarmActions: [{ Ref: topic }],
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
  });

  it("grants the customer job only its workgroup, its tables, its prefixes and the key secret", () => {
    const role = logicalIdOf('AWS::IAM::Role', 'CustomerSegments/Role');
    const statements = statementsOfRole(role);
    const partitionArn = (service: string, resource: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:eu-central-1:123456789012:${resource}`]],
    });
    const exportsArn = { 'Fn::GetAtt': [logicalIdOf('AWS::S3::Bucket', '/Exports/'), 'Arn'] };
    const athenaResultsArn = { 'Fn::GetAtt': [logicalIdOf('AWS::S3::Bucket', '/AthenaResults/'), 'Arn'] };
    const resultsArn = { 'Fn::GetAtt': [logicalIdOf('AWS::S3::Bucket', '/Results/'), 'Arn'] };
    const objects = (bucket: object, prefix: string) => ({ 'Fn::Join': ['', [bucket, `/${prefix}*`]] });

    expect(statements).toEqual(
      expect.arrayContaining([
        {
          Sid: 'RunQueriesInTheWorkGroup',
          Effect: 'Allow',
          Action: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetWorkGroup'],
          Resource: partitionArn('athena', 'workgroup/segment-sheets'),
        },
        {
          Sid: 'ReadTheExportTables',
          Effect: 'Allow',
          Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions'],
          Resource: [partitionArn('glue', 'catalog'), partitionArn('glue', 'database/segment_sheets'), partitionArn('glue', 'table/segment_sheets/orders_export')],
        },
        expect.objectContaining({
          Sid: 'ManageTheJobWorkDatabase',
          Resource: [
            partitionArn('glue', 'catalog'),
            partitionArn('glue', 'database/segment_sheets_work_customer_segments'),
            partitionArn('glue', 'table/segment_sheets_work_customer_segments/*'),
          ],
        }),
        { Sid: 'ObjectsExports', Effect: 'Allow', Action: 's3:GetObject', Resource: objects(exportsArn, 'orders/') },
        {
          Sid: 'ListExports',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: exportsArn,
          Condition: { StringLike: { 's3:prefix': ['orders/', 'orders/*'] } },
        },
        // Locating a bucket carries no prefix, so it stays outside the listing condition.
        { Sid: 'LocateExports', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: exportsArn },
        expect.objectContaining({ Sid: 'ObjectsAthenaResults', Resource: objects(athenaResultsArn, 'query-results/') }),
        {
          Sid: 'ListResults',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: resultsArn,
          Condition: {
            StringLike: {
              's3:prefix': [
                'runs/customer-segments/',
                'runs/customer-segments/*',
                'runs/markers/customer-segments/',
                'runs/markers/customer-segments/*',
                'runs/history/',
                'runs/history/*',
              ],
            },
          },
        },
        {
          Sid: 'ObjectsResults',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          Resource: [objects(resultsArn, 'runs/customer-segments/'), objects(resultsArn, 'runs/markers/customer-segments/'), objects(resultsArn, 'runs/history/')],
        },
        {
          Sid: 'ReadTheGoogleKey',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { Ref: logicalIdOf('AWS::SecretsManager::Secret', 'GoogleKey') },
        },
      ]),
    );
    // Nothing on the whole account: no statement names a bare "*" or another job's data.
    const text = JSON.stringify(statements);
    expect(text).not.toMatch(/"Resource":"\*"|"\*"\]/);
    expect(text).not.toContain('lead');
    expect(text).not.toContain('crm/');
  });

  it('grants the lead job its own tables and prefixes (and the orders, for conversion labels), not the customer job\'s', () => {
    const text = JSON.stringify(statementsOfRole(logicalIdOf('AWS::IAM::Role', 'LeadPriority/Role')));
    expect(text).toContain('table/segment_sheets/leads_export');
    expect(text).toContain('/crm/leads/*');
    expect(text).toContain('runs/lead-priority/');
    expect(text).toContain('segment_sheets_work_lead_priority');
    expect(text).toContain('table/segment_sheets/orders_export');
    expect(text).not.toContain('customers_export');
    expect(text).not.toContain('customer-segments');
  });

  it('names the buckets, the secret and the functions in its outputs', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ExportsBucketName',
        'ResultsBucketName',
        'AthenaResultsBucketName',
        'AccessLogsBucketName',
        'GoogleKeySecretArn',
        'CustomerSegmentsFunctionName',
        'LeadPriorityFunctionName',
        'AlertTopicArn',
        'WorkGroupName',
      ]),
    );
  });
});
