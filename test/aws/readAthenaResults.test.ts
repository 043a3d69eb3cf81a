import { AthenaClient, GetQueryResultsCommand, type ColumnInfo } from '@aws-sdk/client-athena';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { normaliseAthenaValue } from '../../functions/query-engine/athena/athenaValue.ts';
import { readAthenaResults, type AthenaResultOptions } from '../../functions/query-engine/athena/readAthenaResults.ts';
import type { CompletedAthenaQuery } from '../../functions/query-engine/athena/runAthenaQuery.ts';
import type { SqlRow } from '../../functions/query-engine/QueryEngine.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';

const athenaMock = mockClient(AthenaClient);
const athena = new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

const columns: ColumnInfo[] = [
  { Name: 'customer_id', Label: 'customer_id', Type: 'varchar' },
  { Name: 'frequency', Label: 'frequency', Type: 'bigint' },
  { Name: 'monetary', Label: 'monetary', Type: 'double' },
  { Name: 'last_order_date', Label: 'last_order_date', Type: 'date' },
  { Name: 'is_return', Label: 'is_return', Type: 'boolean' },
];
const header = { Data: columns.map((c) => ({ VarCharValue: c.Name })) };
const datum = (value?: string) => (value === undefined ? {} : { VarCharValue: value });

const query: CompletedAthenaQuery = {
  queryExecutionId: 'q-7',
  outputLocation: 's3://athena-results/query-results/q-7.csv',
  statementType: 'DML',
  substatementType: 'SELECT',
  dataScannedBytes: 1,
  engineExecutionMs: 1,
};

async function collect(source: AsyncIterable<SqlRow[]>): Promise<{ rows: SqlRow[]; batches: number }> {
  const rows: SqlRow[] = [];
  let batches = 0;
  for await (const batch of source) {
    rows.push(...batch);
    batches++;
  }
  return { rows, batches };
}

const expectedRows: SqlRow[] = [
  { customer_id: 'C-1', frequency: 3, monetary: 120.5, last_order_date: '2024-04-30', is_return: false },
  { customer_id: '', frequency: null, monetary: null, last_order_date: null, is_return: true },
  { customer_id: 'C-3, "quoted"', frequency: 1, monetary: -5, last_order_date: '2024-01-02', is_return: null },
];

function options(bucket: InMemoryBucket, extra: Partial<AthenaResultOptions> = {}): AthenaResultOptions {
  return { athena, s3: bucket.client, sleep: async () => {}, batchRows: 2, ...extra };
}

beforeEach(() => {
  athenaMock.reset();
  athenaMock.on(GetQueryResultsCommand, { MaxResults: 1 }).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: columns }, Rows: [header] } });
});

describe('reading the rows of a finished Athena query', () => {
  it('pages GetQueryResults, drops the header row, reads missing values as NULL and types values by column', async () => {
    athenaMock
      .on(GetQueryResultsCommand, { MaxResults: 1000, NextToken: undefined })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columns },
          Rows: [header, { Data: [datum('C-1'), datum('3'), datum('120.5'), datum('2024-04-30'), datum('false')] }],
        },
        NextToken: 'page-2',
      })
      .on(GetQueryResultsCommand, { MaxResults: 1000, NextToken: 'page-2' })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columns },
          Rows: [
            { Data: [datum(''), datum(), datum(), datum(), datum('true')] },
            { Data: [datum('C-3, "quoted"'), datum('1'), datum('-5'), datum('2024-01-02'), datum()] },
          ],
        },
      });
    const bucket = new InMemoryBucket('athena-results');

    const { rows, batches } = await collect(readAthenaResults(query, options(bucket, { via: 'api' })));

    expect(rows).toEqual(expectedRows);
    expect(batches).toBe(2);
    expect(athenaMock).toHaveReceivedCommandWith(GetQueryResultsCommand, { QueryExecutionId: 'q-7', NextToken: 'page-2' });
  });

  it('streams the result file from S3 instead, with the same rows', async () => {
    const bucket = new InMemoryBucket('athena-results');
    bucket.putObject(
      'query-results/q-7.csv',
      '"customer_id","frequency","monetary","last_order_date","is_return"\n' +
        '"C-1","3","120.5","2024-04-30","false"\n' +
        '"",,,,"true"\n' +
        '"C-3, ""quoted""","1","-5","2024-01-02",\n',
    );

    const { rows } = await collect(readAthenaResults(query, options(bucket)));

    expect(rows).toEqual(expectedRows);
    expect(bucket.stub).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: 'athena-results', Key: 'query-results/q-7.csv' });
    expect(athenaMock).toHaveReceivedCommandTimes(GetQueryResultsCommand, 1);
  });

  it('falls back to paging when the result file cannot be read', async () => {
    athenaMock.on(GetQueryResultsCommand, { MaxResults: 1000 }).resolves({
      ResultSet: { ResultSetMetadata: { ColumnInfo: columns }, Rows: [header, { Data: [datum('C-1'), datum('3'), datum('120.5'), datum('2024-04-30'), datum('false')] }] },
    });
    const bucket = new InMemoryBucket('athena-results');
    bucket.putObject('query-results/q-7.csv', 'x');
    bucket.denyAccess('GetObject', 'query-results/');
    const fallbacks: string[] = [];

    const { rows } = await collect(readAthenaResults(query, options(bucket, { onFallback: (reason) => fallbacks.push(reason) })));

    expect(rows).toEqual([expectedRows[0]]);
    expect(fallbacks).toEqual(['cannot read s3://athena-results/query-results/q-7.csv: AccessDenied']);
  });

  it('reads a one-column NULL row (an empty line in the file)', async () => {
    athenaMock.reset();
    athenaMock.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [{ Name: 'email', Label: 'email', Type: 'varchar' }] } } });
    const bucket = new InMemoryBucket('athena-results');
    bucket.putObject('query-results/q-7.csv', '"email"\n"a@example.com"\n\n""\n');

    const { rows } = await collect(readAthenaResults(query, options(bucket)));

    expect(rows).toEqual([{ email: 'a@example.com' }, { email: null }, { email: '' }]);
  });
});

describe('normalising Athena values', () => {
  it('spells timestamps as the DuckDB adapter does and leaves other types as text', () => {
    expect(normaliseAthenaValue('2024-05-01 10:00:00.000', 'timestamp')).toBe('2024-05-01 10:00:00');
    expect(normaliseAthenaValue('2024-05-01 10:00:00.120', 'timestamp(3)')).toBe('2024-05-01 10:00:00.12');
    expect(normaliseAthenaValue('2024-05-01 08:00:00.000 UTC', 'timestamp(3) with time zone')).toBe('2024-05-01 08:00:00+00');
    expect(normaliseAthenaValue('12.50', 'decimal(10,2)')).toBe(12.5);
    expect(normaliseAthenaValue('NaN', 'double')).toBeNaN();
    expect(normaliseAthenaValue('[1, 2]', 'array(integer)')).toBe('[1, 2]');
  });
});
