import { describe, expect, it } from 'vitest';
import { awsConfigSchema, isSchedulerCron } from '../../functions/config/awsConfig.ts';
import { parseDeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import { billedBytes, estimateAthenaCostUsd } from '../../functions/query-engine/athena/athenaQueryCost.ts';
import { exportTables, glueColumnNames } from '../../functions/query-engine/athena/exportTables.ts';
import { dateInTimeZone } from '../../functions/lambda/scheduledJobEvent.ts';

const orders = { path: 'orders.csv', mapping: { customer_id: 'CustomerID', order_date: 'InvoiceDate', amount: 'Quantity * UnitPrice' } };

describe('the aws section of the configuration', () => {
  it('fills in documented defaults', () => {
    const aws = awsConfigSchema.parse({});
    expect(aws).toMatchObject({
      region: 'us-east-1',
      stackName: 'SegmentSheets',
      sink: 'sheets',
      buckets: { exports: { existing: false }, athenaResults: { expireAfterDays: 7 }, accessLogs: { expireAfterDays: 365 } },
      athena: { workGroup: 'segment-sheets', database: 'segment_sheets', bytesScannedCutoffPerQuery: 10_000_000_000, queryTimeoutSeconds: 600 },
      jobs: {
        customerSegments: { schedule: { cron: 'cron(0 6 ? * MON *)', timeZone: 'UTC', enabled: true }, memoryMb: 1024, timeoutSeconds: 900 },
        leadPriority: { schedule: { cron: 'cron(0 7 ? * MON-FRI *)', timeZone: 'UTC', enabled: true }, memoryMb: 1024, timeoutSeconds: 900 },
      },
      googleKeySecretName: 'segment-sheets/google-service-account-key',
      resultsPrefix: 'runs/',
    });
  });

  it('accepts EventBridge Scheduler cron expressions only', () => {
    expect(isSchedulerCron('cron(0 6 ? * MON *)')).toBe(true);
    expect(isSchedulerCron('cron(30 5 1 * ? *)')).toBe(true);
    expect(isSchedulerCron('0 6 * * 1')).toBe(false);
    expect(isSchedulerCron('cron(0 6 * * MON *)')).toBe(false);
    expect(isSchedulerCron('cron(0 6 ? * MON)')).toBe(false);
  });

  it('names the bad field in one line', () => {
    const fail = (aws: unknown) => () => parseDeploymentConfig({ sources: { orders }, aws }, 'deploy.json');
    expect(fail({ exports: { orders: { columns: ['a'] } }, athena: { bytesScannedCutoffPerQuery: 1_000 } })).toThrow(
      'deploy.json: aws.athena.bytesScannedCutoffPerQuery: Too small: expected number to be >=10000000',
    );
    expect(fail({ exports: { orders: { columns: ['a'] } }, jobs: { leadPriority: { schedule: { cron: 'cron(0 7 ? * MON-FRI *)', timeZone: 'Mars/Olympus' } } } })).toThrow(
      'aws.jobs.leadPriority.schedule.timeZone: expected an IANA time zone',
    );
    expect(fail({ exports: { orders: { columns: ['a'] } }, jobs: { customerSegments: { timeoutSeconds: 300 } } })).toThrow(
      'aws.jobs.customerSegments.timeoutSeconds: must exceed athena.queryTimeoutSeconds (600)',
    );
    expect(fail({ exports: { orders: { columns: ['a'] } }, bucket: {} })).toThrow("aws: unknown field 'bucket'");
    expect(fail({})).toThrow("deploy.json: aws.exports.orders: missing; list the orders export's columns");
    expect(fail({ exports: { orders: { columns: [{ name: 'amount', type: 'double' }] } } })).toThrow("'amount' has type double, but CSV columns are read as text");
  });

  it('defines one Glue table per configured source, with Glue-safe CSV column names', () => {
    const { config, aws } = parseDeploymentConfig(
      {
        sources: { orders, leads: { path: 'leads.parquet', format: 'parquet', mapping: {} } },
        aws: {
          exports: {
            orders: { columns: ['InvoiceNo', 'Unit Price', 'unit_price', '2nd'], layout: 'latest-object' },
            leads: { prefix: 'crm/leads/', columns: [{ name: 'LeadId', type: 'string' }, { name: 'score', type: 'double' }] },
          },
        },
      },
      'deploy.json',
    );
    const [ordersTable, leadsTable] = exportTables(config, aws);
    expect(ordersTable).toMatchObject({
      tableName: 'orders_export',
      prefix: 'orders/',
      layout: 'latest-object',
      columns: [
        { name: 'invoiceno', type: 'string' },
        { name: 'unit_price', type: 'string' },
        { name: 'unit_price_2', type: 'string' },
        { name: 'c_2nd', type: 'string' },
      ],
    });
    expect(leadsTable).toMatchObject({ tableName: 'leads_export', prefix: 'crm/leads/', format: 'parquet', columns: [{ name: 'leadid' }, { name: 'score', type: 'double' }] });
    expect(glueColumnNames(['', '??'])).toEqual(['column_1', 'column_2']);
  });
});

describe('Athena cost estimate', () => {
  it('bills whole megabytes, at least 10 MB, for queries that read data, at $5 per TB', () => {
    expect(billedBytes({ state: 'SUCCEEDED', statementType: 'DML', dataScannedBytes: 0 })).toBe(10_000_000);
    expect(billedBytes({ state: 'SUCCEEDED', statementType: 'DML', dataScannedBytes: 123_456_789 })).toBe(124_000_000);
    expect(billedBytes({ state: 'CANCELLED', statementType: 'DML', dataScannedBytes: 5 })).toBe(10_000_000);
    expect(billedBytes({ state: 'SUCCEEDED', statementType: 'DDL', substatementType: 'CREATE_TABLE_AS_SELECT', dataScannedBytes: 0 })).toBe(10_000_000);
    expect(billedBytes({ state: 'SUCCEEDED', statementType: 'DDL', substatementType: 'CREATE_VIEW', dataScannedBytes: 0 })).toBe(0);
    expect(billedBytes({ state: 'FAILED', statementType: 'DML', dataScannedBytes: 99_000_000 })).toBe(0);
    expect(estimateAthenaCostUsd(10_000_000)).toBeCloseTo(0.00005, 12);
    expect(estimateAthenaCostUsd(1e12)).toBe(5);
  });
});

describe('the analysis date of a scheduled run', () => {
  it('is the calendar date of the schedule time in the schedule time zone', () => {
    expect(dateInTimeZone(new Date('2024-05-05T23:30:00Z'), 'Europe/Berlin')).toBe('2024-05-06');
    expect(dateInTimeZone(new Date('2024-05-06T03:00:00Z'), 'America/New_York')).toBe('2024-05-05');
    expect(dateInTimeZone(new Date('2024-05-06T03:00:00Z'), 'UTC')).toBe('2024-05-06');
  });
});
