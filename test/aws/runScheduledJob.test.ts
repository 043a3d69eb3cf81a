import { describe, expect, it } from 'vitest';
import type { AthenaQueryEngineOptions } from '../../functions/query-engine/athena/AthenaQueryEngine.ts';
import type { JobContext } from '../../functions/jobs/JobContext.ts';
import { parseDeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import { runScheduledJob, type JobFunction, type RunMetricUnit } from '../../functions/lambda/runScheduledJob.ts';
import type { SheetModel } from '../../functions/publishing/SheetModel.ts';
import type { PublishReport, SheetSink } from '../../functions/publishing/SheetSink.ts';
import { silentLogger, silentProgress } from '../../functions/runtime/Logger.ts';
import { UserError } from '../../functions/runtime/UserError.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';
import { ScriptedAthena } from './support/ScriptedAthena.ts';

const deployment = parseDeploymentConfig(
  {
    sources: { orders: { path: 'exports/orders.csv', mapping: { customer_id: 'CustomerID', order_date: 'InvoiceDate', amount: 'Amount' } } },
    aws: {
      exports: { orders: { columns: ['CustomerID', 'InvoiceDate', 'Amount'] } },
      jobs: { customerSegments: { schedule: { cron: 'cron(0 6 ? * MON *)', timeZone: 'Europe/Berlin' } } },
    },
  },
  'test config',
);

const environment = {
  EXPORTS_BUCKET: 'exports',
  RESULTS_BUCKET: 'results',
  ATHENA_RESULTS_BUCKET: 'athena-results',
  GOOGLE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:segment-sheets/google-XXXX',
};

class RecordingSink implements SheetSink {
  readonly name = 'sheets';
  readonly published: SheetModel[] = [];
  async publish(model: SheetModel): Promise<PublishReport> {
    this.published.push(model);
    return { sink: 'sheets', location: 'https://docs.google.com/spreadsheets/d/x', tabs: 1, cells: 10, writeRequests: 7, durationMs: 5 };
  }
}

/** A job shaped like the real ones: reads the export, writes result and quarantine files, publishes, commits. */
const fakeJob: JobFunction = async (ctx: JobContext) => {
  const columns = await ctx.engine.registerExport('raw_orders', ctx.config.sources.orders);
  const customers = await ctx.results.createCsv('customers.csv', ['customer_id']);
  await customers.write([['C-1'], ['C-2']]);
  await customers.close();
  const quarantine = await ctx.results.createCsv('quarantine_orders.csv', ['quarantine_reason', ...columns]);
  await quarantine.write([['missing customer_id', null, '2024-05-01', '3']]);
  await quarantine.close();
  await ctx.sink.publish({ title: ctx.config.name, tabs: [] } as unknown as SheetModel);
  await ctx.results.writeFile('run.json', JSON.stringify({ asOf: ctx.asOf }));
  await ctx.results.commit();
  return { runReport: { asOf: ctx.asOf } };
};

function setUp(job: JobFunction = fakeJob) {
  const exports = new InMemoryBucket('exports');
  exports.putObject('orders/dt=2024-05-05/orders.csv', 'CustomerID,InvoiceDate,Amount\nC-1,2024-05-01,3\n');
  const results = new InMemoryBucket('results');
  const athenaResults = new InMemoryBucket('athena-results');
  const routes = new Map([
    ['exports', exports],
    ['results', results],
    ['athena-results', athenaResults],
  ]);
  const s3 = {
    send: (command: { input: { Bucket?: string } }) => (routes.get(command.input.Bucket ?? '') ?? results).client.send(command as never),
  } as unknown as AthenaQueryEngineOptions['s3'];
  const athena = new ScriptedAthena(athenaResults, (sql) =>
    sql.includes('__export') && sql.startsWith('CREATE TABLE') ? { statementType: 'DDL', substatementType: 'CREATE_TABLE_AS_SELECT', dataScannedBytes: 4_096 } : { statementType: 'DDL' },
  );
  const sink = new RecordingSink();
  const metrics: { name: string; unit: RunMetricUnit; value: number }[] = [];
  let clockTime = Date.parse('2024-05-06T04:00:03Z');
  const dependencies = {
    jobName: 'customerSegments' as const,
    job,
    deployment,
    environment,
    athena: athena.client,
    s3,
    createSink: async () => sink,
    clock: { now: () => new Date((clockTime += 1_000)) },
    logger: { ...silentLogger, ...silentProgress },
    metrics: { addMetric: (name: string, unit: RunMetricUnit, value: number) => metrics.push({ name, unit, value }) },
    sleep: async () => {},
  };
  return { results, athena, sink, metrics, dependencies };
}

const invocation = (requestId: string) => ({ requestId, remainingTimeMs: () => 900_000 });
const scheduled = { scheduledTime: '2024-05-06T04:00:00Z' };

describe('a scheduled job run on AWS', () => {
  it('runs the job over the S3 export, commits its results, marks the run and records its metrics', async () => {
    const { results, sink, metrics, dependencies } = setUp();

    const outcome = await runScheduledJob(scheduled, invocation('req-1'), dependencies);

    expect(outcome).toMatchObject({
      status: 'succeeded',
      job: 'customer-segments',
      // 04:00 UTC is 06:00 in Berlin, on Monday 6 May.
      asOf: '2024-05-06',
      attempt: 1,
      results: 's3://results/runs/customer-segments/2024-05-06T04-00-00Z/',
    });
    expect(sink.published).toHaveLength(1);
    expect(results.keys()).toEqual([
      'runs/customer-segments/2024-05-06T04-00-00Z/customers.csv',
      'runs/customer-segments/2024-05-06T04-00-00Z/quarantine_orders.csv',
      'runs/customer-segments/2024-05-06T04-00-00Z/run.json',
      'runs/customer-segments/latest.json',
      'runs/markers/customer-segments/2024-05-06T04:00:00Z.json',
    ]);
    expect(JSON.parse(results.text('runs/markers/customer-segments/2024-05-06T04:00:00Z.json') ?? '')).toMatchObject({ state: 'succeeded', attempt: 1 });
    expect(metrics).toEqual([
      { name: 'RunSucceeded', unit: 'Count', value: 1 },
      { name: 'RunDuration', unit: 'Milliseconds', value: expect.any(Number) },
      { name: 'ResultRows', unit: 'Count', value: 2 },
      { name: 'QuarantinedRows', unit: 'Count', value: 1 },
      { name: 'AthenaBytesScanned', unit: 'Bytes', value: 4_096 },
      { name: 'SheetsRequests', unit: 'Count', value: 7 },
    ]);
  });

  it('does nothing when the same schedule time is delivered again', async () => {
    const { sink, metrics, dependencies, athena } = setUp();
    await runScheduledJob(scheduled, invocation('req-1'), dependencies);
    const statementsAfterFirst = athena.started.length;

    const again = await runScheduledJob({ scheduledTime: '2024-05-06T04:00:00.000Z' }, invocation('req-2'), dependencies);

    expect(again).toEqual({ status: 'skipped', job: 'customer-segments', scheduledTime: '2024-05-06T04:00:00Z', reason: 'already succeeded (attempt 1)' });
    expect(sink.published).toHaveLength(1);
    expect(athena.started.length).toBe(statementsAfterFirst);
    expect(metrics.at(-1)).toEqual({ name: 'RunSkipped', unit: 'Count', value: 1 });
  });

  it('marks a failed run, keeps the previous results current and lets the next delivery retry it', async () => {
    let calls = 0;
    const flaky: JobFunction = async (ctx) => {
      calls++;
      if (calls === 1) {
        await ctx.results.writeFile('run.json', '{}');
        throw new Error('Athena query q-9 FAILED: boom');
      }
      return fakeJob(ctx);
    };
    const { results, sink, metrics, dependencies } = setUp(flaky);

    await expect(runScheduledJob(scheduled, invocation('req-1'), dependencies)).rejects.toThrow('boom');
    expect(JSON.parse(results.text('runs/markers/customer-segments/2024-05-06T04:00:00Z.json') ?? '')).toMatchObject({
      state: 'failed',
      error: 'Athena query q-9 FAILED: boom',
    });
    expect(results.keys().filter((k) => !k.includes('markers'))).toEqual([]);
    expect(metrics.map((m) => m.name)).toEqual(['RunFailed', 'AthenaBytesScanned']);

    const retried = await runScheduledJob(scheduled, invocation('req-2'), dependencies);

    expect(retried).toMatchObject({ status: 'succeeded', attempt: 2, results: 's3://results/runs/customer-segments/2024-05-06T04-00-00Z-attempt-2/' });
    expect(sink.published).toHaveLength(1);
  });

  it('runs by hand without a marker, for a given date', async () => {
    const { results, dependencies } = setUp();
    const outcome = await runScheduledJob({ asOf: '2024-04-30' }, invocation('req-1'), dependencies);
    expect(outcome).toMatchObject({ status: 'succeeded', asOf: '2024-04-30' });
    expect(results.keys().some((k) => k.includes('markers'))).toBe(false);
  });

  it('refuses an event it cannot read', async () => {
    const { dependencies } = setUp();
    await expect(runScheduledJob({ scheduledTime: 'next monday' }, invocation('req-1'), dependencies)).rejects.toBeInstanceOf(UserError);
  });
});
