import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReferenceCsv } from '../support/sharedData.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';
import { tempDirWith } from '../support/tempDir.ts';

// An export-shaped file with one row of each problem, written by hand so every expected number
// below is known without running the code.
const ORDERS = [
  'InvoiceNo,Customer,When,Qty,Price,Cur,Status,Region',
  'A1,c1,2024-01-10 10:00:00,2,10.00,USD,paid,EU', //   order A1 line 1: 20
  'A1,c1,2024-01-10 10:05:00,1,5.50,USD,paid,EU', //    order A1 line 2: 5.5 (merged into A1 = 25.5)
  'A2,c1,2024-03-01,1,100,EUR,paid,EU', //              100 EUR at 1.1 = 110 USD
  'C9,c1,2024-03-05,-1,5.50,USD,paid,EU', //            a return: -5.5
  'A3,c2,2024-02-01,3,10,USD,cancelled,US', //          cancelled: revenue 0, not an order
  'A4,c2,2024-05-01,1,40,USD,paid,US', //               40
  'A5,,2024-05-01,1,40,USD,paid,US', //                 missing customer_id
  'A6,c3,31/02/2024,1,40,USD,paid,US', //               unparseable order_date
  'A7,c3,2024-05-01,1,N/A,USD,paid,US', //              amount not a number
  'A8,c3,2024-07-01,1,40,USD,paid,US', //               after as_of
  'A9,c3,2024-05-01,1,40,GBP,paid,US', //               currency GBP not reporting currency
  'T1,c4,2024-05-01,1,40,USD,paid,TEST', //             removed by the row filter
  'A10,c5,2024-06-29,1,7,,paid,', //                    no currency = reporting currency
  'A7,c3,2024-05-01,1,N/A,USD,paid,US', //              row 9 again: quarantined again, as row 14
  ',c6,2024-06-01,1,8,USD,paid,US', //                  no order id: an order of its own ...
  ',c6,2024-06-01,1,8,USD,paid,US', //                  ... and so is this identical line
].join('\n');

describe('orders ingestion', () => {
  let run: Awaited<ReturnType<typeof runCustomerJobLocally>>;
  beforeAll(async () => {
    const dir = await tempDirWith({ 'orders.csv': `${ORDERS}\n` });
    run = await runCustomerJobLocally(
      {
        fxRates: { EUR: 1.1 },
        sources: {
          orders: {
            path: path.join(dir, 'orders.csv'),
            mapping: {
              order_id: 'InvoiceNo',
              customer_id: 'Customer',
              order_date: 'When',
              amount: 'Qty * Price',
              is_return: "InvoiceNo LIKE 'C%'",
              currency: 'Cur',
              status: 'Status',
              country: 'Region',
            },
            filters: ["Region IS NULL OR Region <> 'TEST'"],
          },
        },
        rfm: { bins: 2, segments: [{ name: 'All', r: [1, 2], f: [1, 2], m: [1, 2] }] },
        profiles: { dimensions: ['country'] },
      },
      '2024-06-30',
    );
  });

  it('accounts for every row: read = used + quarantined + filtered', () => {
    const orders = (run.runReport['sources'] as { orders: Record<string, unknown> }).orders;
    expect(orders).toMatchObject({ rowsRead: 16, rowsUsed: 9, rowsQuarantined: 6, rowsFiltered: 1 });
    expect(orders['quarantinedByReason']).toEqual({
      'missing customer_id': 1,
      'unparseable order_date': 1,
      'amount not a number': 2,
      'order_date after as_of': 1,
      'currency GBP not reporting currency': 1,
    });
  });

  it('writes each quarantined row as exported, with its reason and row number', () => {
    const rows = readReferenceCsv(path.join(run.outDir, 'quarantine_orders.csv'));
    expect(rows.map((r) => [r['quarantine_reason'], r['source_row'], r['InvoiceNo']])).toEqual([
      ['missing customer_id', '7', 'A5'],
      ['unparseable order_date', '8', 'A6'],
      ['amount not a number', '9', 'A7'],
      ['order_date after as_of', '10', 'A8'],
      ['currency GBP not reporting currency', '11', 'A9'],
      ['amount not a number', '14', 'A7'],
    ]);
  });

  it('merges order lines, converts currency, nets returns and ignores cancellations', () => {
    const customers = new Map(readReferenceCsv(path.join(run.outDir, 'customers.csv')).map((r) => [r['customer_id'], r]));
    expect(customers.get('c1')).toMatchObject({ frequency: '2', monetary: '130', returns: '1', recency: '121', last_order_date: '2024-03-01' });
    expect(customers.get('c2')).toMatchObject({ frequency: '1', monetary: '40', recency: '60' });
    expect(customers.get('c5')).toMatchObject({ frequency: '1', monetary: '7', recency: '1' });
    expect(customers.get('c6')).toMatchObject({ frequency: '2', monetary: '16' });
    expect([...customers.keys()].sort()).toEqual(['c1', 'c2', 'c5', 'c6']);
  });

  it('keeps the run report beside the results', () => {
    const report = JSON.parse(readFileSync(path.join(run.outDir, 'run.json'), 'utf8'));
    expect(report.customers).toBe(4);
    expect(report.status).toBe('succeeded');
  });
});

describe('order dates and time zones', () => {
  it('converts timestamps with an offset to the source time zone and keeps wall-clock ones as they are', async () => {
    const dir = await tempDirWith({
      'orders.csv': [
        'customer_id,order_date,amount',
        'late,2024-06-29T23:30:00-05:00,10', // 06:30 on the 30th in Berlin
        'early,2024-06-30T00:30:00+02:00,10', // still the 30th in Berlin
        'plain,2024-06-29 23:30:00,10', // wall-clock Berlin time: the 29th
        'utc,2024-06-29T22:30:00Z,10', // 00:30 on the 30th in Berlin
      ].join('\n'),
    });
    const run = await runCustomerJobLocally(
      {
        sources: { orders: { path: path.join(dir, 'orders.csv'), timeZone: 'Europe/Berlin', mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' } } },
        rfm: { bins: 2, segments: [{ name: 'All', r: [1, 2], f: [1, 2], m: [1, 2] }] },
        clv: { enabled: false },
        profiles: { dimensions: [] },
      },
      '2024-06-30',
    );
    const days = new Map(readReferenceCsv(path.join(run.outDir, 'customers.csv')).map((r) => [r['customer_id'], r['last_order_date']]));
    expect(Object.fromEntries(days)).toEqual({ late: '2024-06-30', early: '2024-06-30', plain: '2024-06-29', utc: '2024-06-30' });
  });
});

describe('compressed and columnar exports', () => {
  it('reads csv.gz and Parquet exports with the same result as plain CSV', async () => {
    const { gzipSync } = await import('node:zlib');
    const csv = 'customer_id,order_date,amount\nc1,2024-01-10,20\nc1,2024-03-01,110\nc2,2024-05-01,40\n';
    const dir = await tempDirWith({ 'orders.csv': csv });
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(dir, 'orders.csv.gz'), gzipSync(csv)));
    const { DuckDbQueryEngine } = await import('../../functions/query-engine/duckdb/DuckDbQueryEngine.ts');
    const engine = await DuckDbQueryEngine.open({ memoryLimit: '512MB', threads: 1 });
    // DuckDB writes the Parquet file; the product then reads it through the orders source.
    await engine.query(`COPY (SELECT * FROM read_csv('${path.join(dir, 'orders.csv')}')) TO '${path.join(dir, 'orders.parquet')}' (FORMAT parquet)`);
    await engine.close();
    const mapping = { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' };
    const monetary = async (file: string, format: 'csv' | 'csv.gz' | 'parquet') => {
      const run = await runCustomerJobLocally(
        { sources: { orders: { path: path.join(dir, file), format, mapping } }, rfm: { bins: 2, segments: [{ name: 'All', r: [1, 2], f: [1, 2], m: [1, 2] }] }, clv: { enabled: false }, profiles: { dimensions: [] } },
        '2024-06-30',
      );
      return readReferenceCsv(path.join(run.outDir, 'customers.csv')).map((r) => [r['customer_id'], r['frequency'], r['monetary'], r['last_order_date']]);
    };
    const expected = [['c1', '2', '130', '2024-03-01'], ['c2', '1', '40', '2024-05-01']];
    expect(await monetary('orders.csv', 'csv')).toEqual(expected);
    expect(await monetary('orders.csv.gz', 'csv.gz')).toEqual(expected);
    expect(await monetary('orders.parquet', 'parquet')).toEqual(expected);
  });
});
