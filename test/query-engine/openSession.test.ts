import { describe, expect, it } from 'vitest';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';

describe('a second DuckDB session', () => {
  it('reads the relations of the engine, with the same SQL dialect, while the engine runs other queries', async () => {
    const engine = await DuckDbQueryEngine.open({ threads: 2 });
    try {
      await engine.materialize('numbers', 'SELECT range AS n FROM range(300000)');
      const session = await engine.openSession();
      // Trino's integer division and date_diff (the prelude) hold in the session too.
      const scan = (async () => {
        let sum = 0;
        let rows = 0;
        for await (const batch of session.stream("SELECT n, 7 / 2 AS half, date_diff('day', DATE '2024-01-01', DATE '2024-01-31') AS days FROM numbers ORDER BY n")) {
          for (const row of batch) sum += Number(row['n']) + Number(row['half']) + Number(row['days']);
          rows += batch.length;
        }
        return { rows, sum };
      })();
      const meanwhile = await engine.query('SELECT count(*) AS n FROM numbers WHERE n % 2 = 0');
      await engine.materialize('other', 'SELECT 1 AS one');
      const scanned = await scan;

      expect(meanwhile).toEqual([{ n: 150000 }]);
      expect(scanned).toEqual({ rows: 300000, sum: (299999 * 300000) / 2 + 300000 * (3 + 30) });
      await session.drop('numbers');
      await session.close();
      await expect(engine.query('SELECT count(*) FROM numbers')).rejects.toThrow(/does not exist/);
      // numbers, the session's scan, the count, other, and the failed count: the session's queries are the engine's.
      expect(engine.stats().queries).toBe(5);
    } finally {
      await engine.close();
    }
  });
});
