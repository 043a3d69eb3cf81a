import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AthenaQueryEngine, type AthenaQueryEngineOptions } from '../../functions/query-engine/athena/AthenaQueryEngine.ts';
import type { ExportTable } from '../../functions/query-engine/athena/exportTables.ts';
import { UserError } from '../../functions/runtime/UserError.ts';
import { InMemoryBucket } from './support/InMemoryBucket.ts';
import { ScriptedAthena, type ScriptedAnswer } from './support/ScriptedAthena.ts';

const ordersTable: ExportTable = {
  source: 'orders',
  tableName: 'orders_export',
  prefix: 'orders/',
  format: 'csv',
  layout: 'dt-partitions',
  columns: [
    { name: 'invoiceno', type: 'string' },
    { name: 'unit_price', type: 'string' },
    { name: 'customerid', type: 'string' },
  ],
  exportColumns: ['InvoiceNo', 'Unit Price', 'CustomerID'],
  delimiter: ',',
  header: true,
  firstPartition: '2020-01-01',
};

function setUp(answer: (sql: string) => ScriptedAnswer = () => ({ statementType: 'DDL' }), tables: readonly ExportTable[] = [ordersTable]) {
  const exports = new InMemoryBucket('exports');
  const results = new InMemoryBucket('athena-results');
  const athena = new ScriptedAthena(results, answer);
  // One S3 client for both buckets, as in the function: route by bucket name.
  const s3Routes = new Map([
    ['exports', exports],
    ['athena-results', results],
  ]);
  const s3 = {
    send: (command: { input: { Bucket?: string } }) => (s3Routes.get(command.input.Bucket ?? '') ?? exports).client.send(command as never),
  } as unknown as AthenaQueryEngineOptions['s3'];
  const options: AthenaQueryEngineOptions = {
    athena: athena.client,
    s3,
    workGroup: 'segment-sheets',
    exportsDatabase: 'segment_sheets',
    exportsBucket: 'exports',
    exportTables: tables,
    workDatabase: 'segment_sheets_work_customer_segments',
    runId: 'run-0001-aaaa-bbbb-cccc-dddddddddddd',
    sleep: async () => {},
  };
  return { exports, results, athena, engine: new AthenaQueryEngine(options) };
}

describe('the Athena query engine', () => {
  it('registers the latest export as a numbered snapshot with a view under the export names', async () => {
    const { exports, athena, engine } = setUp();
    exports.putObject('orders/dt=2024-04-30/orders.csv', 'InvoiceNo,Unit Price,CustomerID\nold,1,C\n');
    exports.putObject('orders/dt=2024-05-01/orders.csv', 'InvoiceNo,Unit Price,CustomerID\nA-1,2.5,C-1\n');

    const columns = await engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'csv' });

    expect(columns).toEqual(['InvoiceNo', 'Unit Price', 'CustomerID']);
    expect(athena.statements()).toEqual([
      'DROP DATABASE IF EXISTS `segment_sheets_work_customer_segments` CASCADE',
      'CREATE DATABASE `segment_sheets_work_customer_segments`',
      'CREATE TABLE segment_sheets_work_customer_segments.raw_orders__export ' +
        "WITH (format = 'PARQUET', write_compression = 'SNAPPY') AS\n" +
        'SELECT row_number() OVER () AS _source_row, "invoiceno" AS c1, "unit_price" AS c2, "customerid" AS c3\n' +
        "FROM segment_sheets.orders_export\nWHERE \"dt\" = '2024-05-01'",
      'CREATE OR REPLACE VIEW segment_sheets_work_customer_segments.raw_orders AS\n' +
        'SELECT _source_row, _source_row AS _row_key, c1 AS "InvoiceNo", c2 AS "Unit Price", c3 AS "CustomerID"\n' +
        'FROM segment_sheets_work_customer_segments.raw_orders__export',
      'CREATE OR REPLACE VIEW segment_sheets_work_customer_segments.raw_orders_unordered AS\n' +
        'SELECT _source_row AS _row_key, c1 AS "InvoiceNo", c2 AS "Unit Price", c3 AS "CustomerID"\n' +
        'FROM segment_sheets_work_customer_segments.raw_orders__export',
    ]);
    // Every statement runs in the workgroup, with its own idempotency token (32-128 characters).
    expect(athena.started.every((s) => s.WorkGroup === 'segment-sheets')).toBe(true);
    const tokens = athena.started.map((s) => s.ClientRequestToken ?? '');
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((t) => t.length >= 32 && t.length <= 128)).toBe(true);
    expect(athena.started.map((s) => s.QueryExecutionContext?.Database)).toEqual([
      'segment_sheets',
      'segment_sheets',
      'segment_sheets_work_customer_segments',
      'segment_sheets_work_customer_segments',
      'segment_sheets_work_customer_segments',
    ]);
  });

  it('reads the newest object by its path when the export is not partitioned', async () => {
    const { exports, athena, engine } = setUp(undefined, [{ ...ordersTable, layout: 'latest-object', format: 'csv.gz' }]);
    exports.putObject("orders/o'brien-may.csv.gz", 'InvoiceNo,Unit Price,CustomerID\n', '2024-05-01T00:00:00Z');
    exports.putObject('orders/april.csv.gz', 'InvoiceNo,Unit Price,CustomerID\n', '2024-04-01T00:00:00Z');

    await engine.registerExport('raw_orders', { path: 's3://exports/orders', format: 'csv.gz' });

    expect(athena.statements()[2]).toContain(`WHERE "$path" = 's3://exports/orders/o''brien-may.csv.gz'`);
  });

  it('refuses an export whose header differs from the Glue table, naming what to change', async () => {
    const { exports, engine } = setUp();
    exports.putObject('orders/dt=2024-05-01/orders.csv', 'InvoiceNo,UnitPrice\nA-1,2.5\n');

    const failure = engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'csv' });

    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toThrow(
      's3://exports/orders/dt=2024-05-01/orders.csv: header [InvoiceNo, UnitPrice] does not match the Glue table orders_export [InvoiceNo, Unit Price, CustomerID]; update aws.exports.orders.columns and redeploy',
    );
  });

  it('refuses exports it has no table for, a format the table does not read, and gzip files Athena would not decompress', async () => {
    const { exports, engine } = setUp(undefined, [{ ...ordersTable, format: 'csv.gz' }]);
    exports.putObject('orders/dt=2024-05-01/orders.csv', 'InvoiceNo,Unit Price,CustomerID\n');

    await expect(engine.registerExport('raw_leads', { path: 's3://exports/leads/', format: 'csv' })).rejects.toThrow(
      'no Glue table is defined over s3://exports/leads/ (tables exist over: s3://exports/orders/)',
    );
    await expect(engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'csv' })).rejects.toThrow(
      'the Glue table reads csv.gz, the configuration says csv; redeploy the stack',
    );
    await expect(engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'csv.gz' })).rejects.toThrow(
      'a csv.gz export needs the .gz extension',
    );
    await expect(engine.registerExport('raw_orders', { path: './orders.csv', format: 'csv.gz' })).rejects.toThrow('on AWS an export is read from S3');
  });

  it('checks a Parquet export by its schema and casts typed columns to text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'segment-sheets-parquet-'));
    try {
      const file = path.join(dir, 'part-0.parquet');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      await connection.run(`COPY (SELECT 'O-1' AS "OrderId", 2.5::DOUBLE AS amount) TO '${file}' (FORMAT parquet)`);
      connection.closeSync();
      instance.closeSync();
      const parquetTable: ExportTable = {
        ...ordersTable,
        format: 'parquet',
        columns: [
          { name: 'orderid', type: 'string' },
          { name: 'amount', type: 'double' },
        ],
        exportColumns: ['OrderId', 'amount'],
      };
      const { exports, athena, engine } = setUp(undefined, [parquetTable]);
      exports.putObject('orders/dt=2024-05-01/part-0.parquet', await readFile(file));

      const columns = await engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'parquet' });

      expect(columns).toEqual(['OrderId', 'amount']);
      expect(athena.statements()[2]).toContain('SELECT row_number() OVER () AS _source_row, "orderid" AS c1, CAST("amount" AS varchar) AS c2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('drops an export with its unordered view and its snapshot', async () => {
    const { exports, athena, engine } = setUp();
    exports.putObject('orders/dt=2024-05-01/orders.csv', 'InvoiceNo,Unit Price,CustomerID\nA-1,2.5,C-1\n');
    await engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'csv' });
    const registered = athena.statements().length;

    await engine.drop('raw_orders');
    await engine.drop('raw_orders'); // gone: nothing left to drop

    expect(athena.statements().slice(registered)).toEqual([
      'DROP VIEW IF EXISTS segment_sheets_work_customer_segments.raw_orders',
      'DROP VIEW IF EXISTS segment_sheets_work_customer_segments.raw_orders_unordered',
      'DROP TABLE IF EXISTS `segment_sheets_work_customer_segments`.`raw_orders__export`',
    ]);
  });

  it('materializes with CTAS (into the workgroup location Athena enforces), replacing a relation of the same name', async () => {
    const { athena, engine } = setUp();

    await engine.materialize('customer_features', 'SELECT 1 AS n');
    await engine.materialize('customer_features', 'SELECT 2 AS n');
    await engine.defineView('customer_features', 'SELECT 3 AS n');
    await engine.drop('customer_features');

    expect(athena.statements().slice(2)).toEqual([
      "CREATE TABLE segment_sheets_work_customer_segments.customer_features WITH (format = 'PARQUET', write_compression = 'SNAPPY') AS\nSELECT 1 AS n",
      'DROP TABLE IF EXISTS `segment_sheets_work_customer_segments`.`customer_features`',
      "CREATE TABLE segment_sheets_work_customer_segments.customer_features WITH (format = 'PARQUET', write_compression = 'SNAPPY') AS\nSELECT 2 AS n",
      'DROP TABLE IF EXISTS `segment_sheets_work_customer_segments`.`customer_features`',
      'CREATE OR REPLACE VIEW segment_sheets_work_customer_segments.customer_features AS\nSELECT 3 AS n',
      'DROP VIEW IF EXISTS segment_sheets_work_customer_segments.customer_features',
    ]);
    await expect(engine.materialize('bad name; DROP', 'SELECT 1')).rejects.toThrow('relation name not usable on Athena');
  });

  it('returns query rows under the export spelling of column names and sums bytes scanned and cost', async () => {
    const { exports, engine } = setUp((sql) => {
      if (sql.startsWith('CREATE TABLE') && sql.includes('__export')) return { statementType: 'DDL', substatementType: 'CREATE_TABLE_AS_SELECT', dataScannedBytes: 25_300_000 };
      if (sql.startsWith('SELECT')) {
        return {
          statementType: 'DML',
          dataScannedBytes: 1_000,
          columns: [
            { Name: 'invoiceno', Label: 'invoiceno', Type: 'varchar' },
            { Name: 'n', Label: 'n', Type: 'bigint' },
          ],
          rows: [
            ['A-1', '2'],
            [null, '1'],
          ],
        };
      }
      return { statementType: 'DDL' };
    });
    exports.putObject('orders/dt=2024-05-01/orders.csv', 'InvoiceNo,Unit Price,CustomerID\nA-1,2.5,C-1\n');
    await engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'csv' });

    const rows = await engine.query('SELECT "InvoiceNo", count(*) AS n FROM raw_orders GROUP BY 1');

    expect(rows).toEqual([
      { InvoiceNo: 'A-1', n: 2 },
      { InvoiceNo: null, n: 1 },
    ]);
    // The snapshot CTAS bills 26 MB, the SELECT the 10 MB minimum, DDL nothing: 36 MB at $5 per TB.
    expect(engine.stats()).toEqual({ engine: 'athena', queries: 6, bytesScanned: 25_301_000, estimatedCostUsd: 0.00018 });
  });

  it('streams query results column by column under the export spelling', async () => {
    const { exports, engine } = setUp((sql) => (sql.startsWith('SELECT')
      ? {
          statementType: 'DML',
          columns: [
            { Name: 'invoiceno', Label: 'invoiceno', Type: 'varchar' },
            { Name: 'n', Label: 'n', Type: 'bigint' },
          ],
          rows: [['A-1', '2'], [null, '1']],
        }
      : { statementType: 'DDL' }));
    exports.putObject('orders/dt=2024-05-01/orders.csv', 'InvoiceNo,Unit Price,CustomerID\nA-1,2.5,C-1\n');
    await engine.registerExport('raw_orders', { path: 's3://exports/orders/', format: 'csv' });

    const batches = [];
    for await (const batch of engine.streamColumns('SELECT "InvoiceNo", n FROM raw_orders')) batches.push(batch);

    expect(batches.map((b) => ({ rows: b.rowCount, invoices: b.column('InvoiceNo'), n: b.column('n') }))).toEqual([
      { rows: 2, invoices: ['A-1', null], n: [2, 1] },
    ]);
  });

  it('counts a failed query as free and passes its reason on', async () => {
    const { exports, engine } = setUp((sql) => (sql.startsWith('SELECT') ? { fail: 'SYNTAX_ERROR: line 1:8: Column x cannot be resolved' } : { statementType: 'DDL' }));

    await expect(engine.query('SELECT x')).rejects.toThrow('Athena query q-3 FAILED: SYNTAX_ERROR: line 1:8: Column x cannot be resolved');
    expect(engine.stats()).toMatchObject({ queries: 3, bytesScanned: 0, estimatedCostUsd: 0 });
    await engine.close();
    await expect(engine.query('SELECT 1')).rejects.toThrow('closed');
  });
});
