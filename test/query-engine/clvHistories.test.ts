import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { ingestOrders } from '../../functions/ingestion/ingestOrders.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';
import { loadSql } from '../../functions/query-engine/sqlCatalog.ts';
import { renderSql } from '../../functions/query-engine/sqlTemplate.ts';
import { LocalResultStore } from '../../functions/result-files/local/LocalResultStore.ts';
import { cdnowOrdersSource } from '../support/cdnowConfig.ts';
import { hasSharedData, readReferenceCsv, sharedDataPath } from '../support/sharedData.ts';
import { tempDirWith } from '../support/tempDir.ts';

describe('sql/clv_histories.sql', () => {
  let engine: DuckDbQueryEngine;
  beforeAll(async () => {
    engine = await DuckDbQueryEngine.open({ memoryLimit: '1GB', threads: 2 });
  });
  afterAll(() => engine.close());

  async function histories(orders: string, endDate: string, unitDays: number) {
    await engine.materialize('orders', orders);
    const rows = await engine.query(renderSql(loadSql('clv_histories'), { end_date: { date: endDate }, unit_days: { number: unitDays } }));
    return new Map(rows.map((r) => [String(r['customer_id']), [r['x'], r['t_x'], r['t_cal'], r['monetary']]]));
  }

  it('matches the lifetimes golden example (same-day merge, first day excluded from monetary)', async () => {
    // lifetimes tests/test_utils.py large_transaction_level_data_with_monetary_value, today 2015-02-07
    const rows = [
      ['1', '2015-01-01', 1], ['1', '2015-02-06', 2], ['2', '2015-01-01', 2], ['3', '2015-01-01', 3],
      ['3', '2015-01-02', 1], ['3', '2015-01-05', 5], ['4', '2015-01-16', 6], ['4', '2015-02-02', 3],
      ['4', '2015-02-05', 3], ['5', '2015-01-16', 3], ['5', '2015-01-17', 1], ['5', '2015-01-18', 8],
      ['6', '2015-02-02', 5],
    ];
    const values = rows.map(([c, d, v]) => `('${c}', DATE '${d}', CAST(${v} AS DOUBLE), 'purchase')`).join(', ');
    const result = await histories(`SELECT * FROM (VALUES ${values}) AS t (customer_id, order_date, revenue, kind)`, '2015-02-07', 1);
    expect(Object.fromEntries(result)).toEqual({
      '1': [1, 36, 37, 2],
      '2': [0, 0, 37, 0],
      '3': [2, 4, 37, 3],
      '4': [2, 20, 22, 3],
      '5': [2, 2, 22, 4.5],
      '6': [0, 0, 5, 0],
    });
  });

  it.skipIf(!hasSharedData('cdnow'))('reproduces the CDNOW calibration summary for all 2,357 customers within 0.005', async () => {
    const config = parseConfig({ sources: { orders: cdnowOrdersSource() } }, 'cdnow');
    const results = await LocalResultStore.open(await tempDirWith());
    await ingestOrders(engine, config, '1998-06-30', results);
    await results.abort();
    const produced = await histories('SELECT * FROM orders', '1997-09-30', 7);
    const expected = readReferenceCsv(sharedDataPath('cdnow', 'cdnow_customers_summary_with_transactions.csv'));
    expect(produced.size).toBe(2357);
    // The reference file is rounded to 2 dp, so a gap of exactly 0.005 is still a match.
    const off = expected.filter((e) => {
      const p = produced.get(e['ID'] as string) as number[] | undefined;
      return (
        !p ||
        p[0] !== Number(e['x']) ||
        Math.abs((p[1] as number) - Number(e['t_x'])) > 0.005 + 1e-9 ||
        Math.abs((p[2] as number) - Number(e['T'])) > 0.005 + 1e-9 ||
        Math.abs((p[3] as number) - Number(e['zbar'])) > 0.005 + 1e-9
      );
    });
    expect(off).toEqual([]);
  });
});
