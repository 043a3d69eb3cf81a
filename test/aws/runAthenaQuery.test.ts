import {
  AthenaClient,
  GetQueryExecutionCommand,
  InvalidRequestException,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { AthenaQueryFailedError } from '../../functions/query-engine/athena/AthenaQueryFailedError.ts';
import { AthenaQueryTimeoutError } from '../../functions/query-engine/athena/AthenaQueryTimeoutError.ts';
import { runAthenaQuery, type AthenaQueryRequest } from '../../functions/query-engine/athena/runAthenaQuery.ts';
import { fakeTime } from './support/fakeTime.ts';

const athenaMock = mockClient(AthenaClient);
const athena = new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

const request: AthenaQueryRequest = {
  sql: 'SELECT customer_id FROM orders',
  workGroup: 'segment-sheets',
  database: 'segment_sheets_work_customer_segments',
  clientRequestToken: '8f6f5c0e-2b9b-4c79-9a57-1f3c4a1d9e01-q1',
};

function execution(state: string, extra: Partial<QueryExecution> = {}): { QueryExecution: QueryExecution } {
  return {
    QueryExecution: {
      QueryExecutionId: 'q-1',
      Status: { State: state as 'RUNNING' },
      Statistics: { DataScannedInBytes: 0 },
      ...extra,
    },
  };
}

beforeEach(() => athenaMock.reset());

describe('running one Athena query', () => {
  it('starts it in the workgroup with its idempotency token, polls with backoff and reports what it scanned', async () => {
    athenaMock.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolvesOnce(execution('QUEUED'))
      .resolvesOnce(execution('RUNNING'))
      .resolvesOnce(execution('RUNNING'))
      .resolves(
        execution('SUCCEEDED', {
          StatementType: 'DML',
          SubstatementType: 'SELECT',
          ResultConfiguration: { OutputLocation: 's3://athena-results/query-results/q-1.csv' },
          Statistics: { DataScannedInBytes: 123_456, EngineExecutionTimeInMillis: 850 },
        }),
      );
    const time = fakeTime();

    const done = await runAthenaQuery(athena, request, { ...time, timeoutMs: 60_000 });

    expect(done).toEqual({
      queryExecutionId: 'q-1',
      outputLocation: 's3://athena-results/query-results/q-1.csv',
      statementType: 'DML',
      substatementType: 'SELECT',
      dataScannedBytes: 123_456,
      engineExecutionMs: 850,
    });
    expect(athenaMock).toHaveReceivedCommandExactlyOnceWith(StartQueryExecutionCommand, {
      QueryString: 'SELECT customer_id FROM orders',
      WorkGroup: 'segment-sheets',
      QueryExecutionContext: { Database: 'segment_sheets_work_customer_segments', Catalog: 'AwsDataCatalog' },
      ClientRequestToken: '8f6f5c0e-2b9b-4c79-9a57-1f3c4a1d9e01-q1',
    });
    expect(time.sleeps).toEqual([200, 400, 800]);
  });

  it('passes execution parameters as typed values beside the SQL, never inside it', async () => {
    athenaMock.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athenaMock.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED', { StatementType: 'DML' }));

    await runAthenaQuery(
      athena,
      { ...request, sql: 'SELECT * FROM orders WHERE country = ?', executionParameters: ["'O''Brien Ltd'"] },
      { ...fakeTime(), timeoutMs: 60_000 },
    );

    expect(athenaMock).toHaveReceivedCommandWith(StartQueryExecutionCommand, {
      QueryString: 'SELECT * FROM orders WHERE country = ?',
      ExecutionParameters: ["'O''Brien Ltd'"],
    });
  });

  it("fails with Athena's state-change reason when the query FAILED", async () => {
    athenaMock.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athenaMock.on(GetQueryExecutionCommand).resolves(
      execution('FAILED', {
        Status: {
          State: 'FAILED',
          StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'customer_id' cannot be resolved",
          AthenaError: { ErrorCategory: 2, ErrorType: 1006, Retryable: false },
        },
      }),
    );

    const failure = await runAthenaQuery(athena, request, { ...fakeTime(), timeoutMs: 60_000 }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(AthenaQueryFailedError);
    expect((failure as Error).message).toBe(
      "Athena query q-1 FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'customer_id' cannot be resolved",
    );
    expect(failure).toMatchObject({ state: 'FAILED', errorCategory: 'user', errorType: 1006, retryable: false });
  });

  it('fails when the query was CANCELLED, e.g. by the bytes-scanned cutoff, keeping the bytes it scanned', async () => {
    athenaMock.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athenaMock.on(GetQueryExecutionCommand).resolves(
      execution('CANCELLED', {
        Status: { State: 'CANCELLED', StateChangeReason: 'Bytes scanned limit was exceeded' },
        Statistics: { DataScannedInBytes: 10_000_001 },
      }),
    );

    const failure = await runAthenaQuery(athena, request, { ...fakeTime(), timeoutMs: 60_000 }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(AthenaQueryFailedError);
    expect((failure as Error).message).toBe('Athena query q-1 CANCELLED: Bytes scanned limit was exceeded');
    expect(failure).toMatchObject({ state: 'CANCELLED', dataScannedBytes: 10_000_001 });
  });

  it('retries a throttled start with backoff and the same token, so at most one query runs', async () => {
    const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {}, Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED' });
    athenaMock
      .on(StartQueryExecutionCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ QueryExecutionId: 'q-1' });
    athenaMock.on(GetQueryExecutionCommand).rejectsOnce(throttled()).resolves(execution('SUCCEEDED', { StatementType: 'DML' }));
    const time = fakeTime();

    const done = await runAthenaQuery(athena, request, { ...time, timeoutMs: 60_000 });

    expect(done.queryExecutionId).toBe('q-1');
    expect(athenaMock).toHaveReceivedCommandTimes(StartQueryExecutionCommand, 3);
    const tokens = athenaMock.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(new Set(tokens)).toEqual(new Set([request.clientRequestToken]));
    expect(time.sleeps).toEqual([500, 1000, 500]);
  });

  it('gives up on throttling after its attempts and does not retry a request error at all', async () => {
    athenaMock.on(StartQueryExecutionCommand).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(runAthenaQuery(athena, request, { ...fakeTime(), timeoutMs: 60_000 })).rejects.toThrow('Rate exceeded');
    expect(athenaMock).toHaveReceivedCommandTimes(StartQueryExecutionCommand, 8);

    athenaMock.reset();
    athenaMock.on(StartQueryExecutionCommand).rejects(new InvalidRequestException({ message: 'line 1:1: mismatched input', $metadata: {} }));
    await expect(runAthenaQuery(athena, request, { ...fakeTime(), timeoutMs: 60_000 })).rejects.toThrow('mismatched input');
    expect(athenaMock).toHaveReceivedCommandTimes(StartQueryExecutionCommand, 1);
  });

  it('stops a query that runs past the timeout and says how much it scanned before the stop', async () => {
    athenaMock.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athenaMock.on(StopQueryExecutionCommand).resolves({});
    athenaMock.on(GetQueryExecutionCommand).callsFake(() =>
      athenaMock.commandCalls(StopQueryExecutionCommand).length > 0
        ? execution('CANCELLED', { Statistics: { DataScannedInBytes: 55_000_000 } })
        : execution('RUNNING'),
    );
    const time = fakeTime();

    const failure = await runAthenaQuery(athena, request, { ...time, timeoutMs: 10_000 }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(AthenaQueryTimeoutError);
    expect((failure as Error).message).toBe('Athena query q-1 stopped after 10 s: query timeout of 10 s reached');
    expect(failure).toMatchObject({ dataScannedBytes: 55_000_000 });
    expect(athenaMock).toHaveReceivedCommandExactlyOnceWith(StopQueryExecutionCommand, { QueryExecutionId: 'q-1' });
    // 200 + 400 + 800 + 1600 + 2000 + 2000 + 2000, then the last wait is cut to the time left.
    expect(time.sleeps).toEqual([200, 400, 800, 1600, 2000, 2000, 2000, 1000]);
  });

  it('stops the running query when the invocation is about to end', async () => {
    athenaMock.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athenaMock.on(StopQueryExecutionCommand).resolves({});
    athenaMock.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
    const deadline = new AbortController();
    const time = fakeTime();
    const sleep = async (ms: number) => {
      await time.sleep(ms);
      if (time.now() >= 1_000) deadline.abort(new Error('the function is about to time out'));
    };

    await expect(runAthenaQuery(athena, request, { now: time.now, sleep, timeoutMs: 600_000, signal: deadline.signal })).rejects.toThrow(
      /stopped after \d+ s: the function is about to time out/,
    );
    expect(athenaMock).toHaveReceivedCommandOnce(StopQueryExecutionCommand);
  });
});
