import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsvExport, readCsvExportHeader } from '../../functions/exports/s3/readCsvExport.ts';
import { readParquetSchema } from '../../functions/exports/s3/readParquetSchema.ts';
import { UserError } from '../../functions/runtime/UserError.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';

async function allRecords(bucket: InMemoryBucket, key: string, delimiter?: string): Promise<string[][]> {
  const records: string[][] = [];
  for await (const batch of readCsvExport(bucket.client, { bucket: 'exports', key }, { delimiter })) records.push(...batch);
  return records;
}

describe('reading CSV exports from S3', () => {
  const csv = 'InvoiceNo;Amount;Note\nA-1;10.50;"semi; colon"\nA-2;;\n';
  const expected = [['InvoiceNo', 'Amount', 'Note'], ['A-1', '10.50', 'semi; colon'], ['A-2', '', '']];

  it('reads a plain CSV with its delimiter', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/orders.csv', csv);
    expect(await allRecords(bucket, 'orders/orders.csv', ';')).toEqual(expected);
  });

  it('reads a gzipped CSV the same, recognising gzip by its content', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/orders.csv.gz', gzipSync(csv));
    expect(await allRecords(bucket, 'orders/orders.csv.gz', ';')).toEqual(expected);
  });

  it('reads just the header', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/orders.csv.gz', gzipSync(csv + 'A-3;1;x\n'.repeat(10_000)));
    expect(await readCsvExportHeader(bucket.client, { bucket: 'exports', key: 'orders/orders.csv.gz' }, { delimiter: ';' })).toEqual([
      'InvoiceNo',
      'Amount',
      'Note',
    ]);
  });

  it('reports corrupt gzip, an empty export, a missing object and access denied as fixable errors', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/broken.csv.gz', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not really gzip data')]));
    bucket.putObject('orders/empty.csv', '\n');
    bucket.putObject('secret/orders.csv', csv);
    bucket.denyAccess('GetObject', 'secret/');

    await expect(allRecords(bucket, 'orders/broken.csv.gz')).rejects.toThrow(/corrupt gzip data/);
    await expect(readCsvExportHeader(bucket.client, { bucket: 'exports', key: 'orders/empty.csv' })).rejects.toThrow('the export s3://exports/orders/empty.csv is empty');
    await expect(allRecords(bucket, 'orders/missing.csv')).rejects.toThrow('cannot read s3://exports/orders/missing.csv: not found');
    const denied = allRecords(bucket, 'secret/orders.csv');
    await expect(denied).rejects.toBeInstanceOf(UserError);
    await expect(denied).rejects.toThrow(/access denied to read s3:\/\/exports\/secret\/orders.csv/);
  });
});

describe('reading a Parquet export schema from S3', () => {
  it("reads the top-level columns, their Athena types and the row count from the footer alone", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'segment-sheets-parquet-'));
    try {
      const file = path.join(dir, 'orders.parquet');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      await connection.run(
        `COPY (SELECT 'O-' || i AS "OrderId", i::BIGINT AS qty, i::INTEGER AS small, i * CAST(1.5 AS DOUBLE) AS amount, (i % 2 = 0) AS paid,
                DATE '2024-01-01' + i::INTEGER AS order_date, TIMESTAMP '2024-01-01 10:00:00' AS created, (i / 3)::DECIMAL(12,2) AS price,
                {'a': i} AS nested, [i, i] AS list
         FROM range(1, 251) t(i)) TO '${file}' (FORMAT parquet)`,
      );
      connection.closeSync();
      instance.closeSync();
      const bucket = new InMemoryBucket('exports');
      bucket.putObject('orders/dt=2024-05-01/orders.parquet', await readFile(file));

      const schema = await readParquetSchema(bucket.client, { bucket: 'exports', key: 'orders/dt=2024-05-01/orders.parquet' });

      expect(schema.rows).toBe(250);
      expect(schema.columns).toEqual([
        { name: 'OrderId', athenaType: 'string' },
        { name: 'qty', athenaType: 'bigint' },
        { name: 'small', athenaType: 'int' },
        { name: 'amount', athenaType: 'double' },
        { name: 'paid', athenaType: 'boolean' },
        { name: 'order_date', athenaType: 'date' },
        { name: 'created', athenaType: 'timestamp' },
        { name: 'price', athenaType: 'decimal(12,2)' },
        { name: 'nested', athenaType: 'struct' },
        { name: 'list', athenaType: 'array' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an object that is not Parquet', async () => {
    const bucket = new InMemoryBucket('exports');
    bucket.putObject('orders/orders.parquet', 'id,amount\n1,2\n');
    await expect(readParquetSchema(bucket.client, { bucket: 'exports', key: 'orders/orders.parquet' })).rejects.toThrow('is not a Parquet file');
  });
});
