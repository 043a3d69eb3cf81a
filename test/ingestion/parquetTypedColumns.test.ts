import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../functions/config/configSchema.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { runCustomerJobLocally } from '../support/runJobLocally.ts';
import { readReferenceCsv } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

// Parquet exports carry types: the same text mapping expressions must work on them as on CSV,
// where every column is text. Each file is written by DuckDB from SQL with explicit types.
let dir = '';

async function writeParquet(file: string, select: string): Promise<string> {
  const target = path.join(dir, file);
  const engine = await DuckDbQueryEngine.open({ memoryLimit: '512MB', threads: 1 });
  try {
    await engine.query(`COPY (${select}) TO '${target}' (FORMAT parquet)`);
  } finally {
    await engine.close();
  }
  return target;
}

const ONE_SEGMENT = { bins: 2, segments: [{ name: 'All', r: [1, 2] as [number, number], f: [1, 2] as [number, number], m: [1, 2] as [number, number] }] };

async function customers(orders: NonNullable<ConfigInput['sources']>['orders'], asOf = '2024-06-30') {
  const run = await runCustomerJobLocally({ sources: { orders }, rfm: ONE_SEGMENT, clv: { enabled: false }, profiles: { dimensions: [] } }, asOf);
  const rows = readReferenceCsv(path.join(run.outDir, 'customers.csv'));
  return {
    byId: Object.fromEntries(rows.map((r) => [r['customer_id'], { frequency: r['frequency'], monetary: r['monetary'], returns: r['returns'], last: r['last_order_date'] }])),
    counts: (run.runReport['sources'] as { orders: { rowsUsed: number; quarantinedByReason: Record<string, number> } }).orders,
  };
}

beforeAll(async () => {
  dir = await tempDirWith();
});

describe('Parquet exports with typed columns', () => {
  it('computes amounts and returns from typed numbers, timestamps and text ids as from CSV', async () => {
    // quantity BIGINT, unit_price and discount DOUBLE, order_date TIMESTAMP, order_id text with
    // returns as C-invoices: the sample generator's columns, typed.
    const rows = [
      `('A1', 'c1', TIMESTAMP '2024-01-10 10:00:00', 2, 10.0, 1.0)`, //  19
      `('A2', 'c1', TIMESTAMP '2024-03-01 09:00:00', 1, 100.0, 0.0)`, // 100
      `('CA2', 'c1', TIMESTAMP '2024-03-05 12:00:00', -1, 20.0, 0.0)`, // return: -20
      `('A3', 'c2', TIMESTAMP '2024-05-01 23:59:59', 3, 5.0, 0.0)`, //  15
      `('A4', 'c2', TIMESTAMP '2024-07-01 00:00:00', 1, 5.0, 0.0)`, //  after as_of
      `('A5', 'c2', NULL, 1, 5.0, 0.0)`, //                            missing order_date
      `('A6', 'c2', TIMESTAMP '2024-05-02 00:00:00', 1, 'NaN'::DOUBLE, 0.0)`, // amount not a number
    ];
    const file = await writeParquet(
      'typed.parquet',
      `SELECT order_id, customer_id, order_date, quantity::BIGINT AS quantity, unit_price::DOUBLE AS unit_price, discount::DOUBLE AS discount ` +
        `FROM (VALUES ${rows.join(', ')}) AS t(order_id, customer_id, order_date, quantity, unit_price, discount)`,
    );
    const result = await customers({
      path: file,
      format: 'parquet',
      mapping: { order_id: 'order_id', customer_id: 'customer_id', order_date: 'order_date', amount: 'quantity * unit_price - discount', is_return: "order_id LIKE 'C%'" },
    });
    expect(result.byId).toEqual({
      c1: { frequency: '2', monetary: '99', returns: '1', last: '2024-03-01' },
      c2: { frequency: '1', monetary: '15', returns: '0', last: '2024-05-01' },
    });
    expect(result.counts.quarantinedByReason).toEqual({ 'order_date after as_of': 1, 'missing order_date': 1, 'amount not a number': 1 });
  });

  it('matches text patterns on integer columns (LIKE on a BIGINT order id)', async () => {
    const file = await writeParquet(
      'integer-ids.parquet',
      `SELECT * FROM (VALUES (1001::BIGINT, 'c1', DATE '2024-01-10', 20.0), (9001::BIGINT, 'c1', DATE '2024-02-10', -5.0)) AS t(invoice, customer, day, total)`,
    );
    const result = await customers({
      path: file,
      format: 'parquet',
      mapping: { order_id: 'invoice', customer_id: 'customer', order_date: 'day', amount: 'total', is_return: "invoice LIKE '9%'" },
    });
    expect(result.byId['c1']).toEqual({ frequency: '1', monetary: '15', returns: '1', last: '2024-01-10' });
  });

  it('takes UTC-adjusted timestamps (TIMESTAMP WITH TIME ZONE) to the source time zone', async () => {
    const file = await writeParquet(
      'instants.parquet',
      `SELECT * FROM (VALUES ('late', TIMESTAMPTZ '2024-06-29 23:30:00+00', 10.0), ('early', TIMESTAMPTZ '2024-06-29 21:30:00+00', 10.0)) AS t(customer_id, order_date, amount)`,
    );
    const result = await customers({
      path: file,
      format: 'parquet',
      timeZone: 'Europe/Berlin',
      mapping: { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' },
    });
    // 23:30 UTC is 01:30 on the 30th in Berlin (CEST, +2); 21:30 UTC is 23:30 on the 29th.
    expect({ late: result.byId['late']?.last, early: result.byId['early']?.last }).toEqual({ late: '2024-06-30', early: '2024-06-29' });
  });
});
