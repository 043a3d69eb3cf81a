import { AthenaClient } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobContext } from '../../functions/jobs/JobContext.ts';
import { createJobHandler } from '../../functions/lambda/createJobHandler.ts';
import { parseDeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import type { SheetModel } from '../../functions/publishing/SheetModel.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';

const environment = {
  // As the stack bundles it: validated at synth.
  SEGMENT_SHEETS_DEPLOYMENT: JSON.stringify(
    parseDeploymentConfig(
      {
        sources: { orders: { path: 'orders.csv', mapping: { customer_id: 'c', order_date: 'd', amount: 'a' } } },
        aws: { sink: 'none', exports: { orders: { columns: ['c', 'd', 'a'] } } },
      },
      'test config',
    ),
  ),
  EXPORTS_BUCKET: 'exports',
  RESULTS_BUCKET: 'results',
  ATHENA_RESULTS_BUCKET: 'athena-results',
  GOOGLE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:google-key',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
};
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const [key, value] of Object.entries(environment)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const context = (requestId: string) => ({
  awsRequestId: requestId,
  functionName: 'segment-sheets-customer-segments',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:segment-sheets-customer-segments',
  memoryLimitInMB: '1024',
  getRemainingTimeInMillis: () => 600_000,
});

describe('the Lambda handler of a job', () => {
  it('runs the job under middy with Powertools logs and metrics, once per schedule time', async () => {
    const results = new InMemoryBucket('results', true);
    mockClient(AthenaClient);
    const runs: JobContext[] = [];
    const handler = createJobHandler({
      jobName: 'customerSegments',
      job: async (ctx) => {
        runs.push(ctx);
        const csv = await ctx.results.createCsv('customers.csv', ['customer_id']);
        await csv.write([['C-1']]);
        await csv.close();
        await ctx.sink.publish({ title: 'x', tabs: [] } as unknown as SheetModel);
        await ctx.results.commit();
        return { runReport: {} };
      },
    });
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const first = await handler({ scheduledTime: '2024-05-06T06:00:00Z' }, context('req-1') as never);
      const second = await handler({ scheduledTime: '2024-05-06T06:00:00Z' }, context('req-2') as never);

      expect(first).toMatchObject({ status: 'succeeded', asOf: '2024-05-06', results: 's3://results/runs/customer-segments/2024-05-06T06-00-00Z/' });
      expect(second).toMatchObject({ status: 'skipped', reason: 'already succeeded (attempt 1)' });
    } finally {
      spy.mockRestore();
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]?.config.sources.orders.path).toBe('s3://exports/orders/');
    expect(runs[0]?.sink.name).toBe('none');
    expect(results.keys()).toContain('runs/customer-segments/latest.json');

    const lines = written.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = lines.find((l) => l['message'] === 'run started');
    expect(started).toMatchObject({ level: 'INFO', service: 'customer-segments', function_request_id: 'req-1', job: 'customer-segments' });
    const metrics = lines.filter((l) => l['_aws'] !== undefined);
    const metricNames = metrics.flatMap((m) => (m['_aws'] as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] }).CloudWatchMetrics.flatMap((c) => c.Metrics.map((x) => `${c.Namespace}/${x.Name}`)));
    expect(metricNames).toEqual(
      expect.arrayContaining([
        'SegmentSheets/RunSucceeded',
        'SegmentSheets/RunDuration',
        'SegmentSheets/ResultRows',
        'SegmentSheets/QuarantinedRows',
        'SegmentSheets/AthenaBytesScanned',
        'SegmentSheets/SheetsRequests',
        'SegmentSheets/RunSkipped',
      ]),
    );
    expect(metrics.find((m) => m['ResultRows'] !== undefined)).toMatchObject({ ResultRows: 1, service: 'customer-segments' });
  });
});
