import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../../functions/query-engine/ColumnBatch.ts';
import { DuckDbQueryEngine } from '../../functions/query-engine/duckdb/DuckDbQueryEngine.ts';

/** Enough rows for several DuckDB chunks (2,048 rows each). */
const ROWS = 20_000;
const NUMBERS = `SELECT i AS n, 'row-' || CAST(i AS VARCHAR) AS label FROM range(${ROWS}) AS t(i) ORDER BY i`;

/** Sums column `n` of the rest of a column stream, checking that the rows arrive in order. */
async function drain(batches: AsyncIterator<ColumnBatch>, expectedFirst: number): Promise<{ rows: number; sum: number }> {
  let rows = 0;
  let sum = 0;
  for (let next = await batches.next(); !next.done; next = await batches.next()) {
    const column = next.value.column('n');
    for (let r = 0; r < next.value.rowCount; r++) {
      expect(column[r]).toBe(expectedFirst + rows);
      sum += Number(column[r]);
      rows++;
    }
  }
  return { rows, sum };
}

const SUM_OF_ROWS = (ROWS * (ROWS - 1)) / 2;

describe('DuckDB engine calls that overlap', () => {
  let engine: DuckDbQueryEngine;
  beforeEach(async () => {
    engine = await DuckDbQueryEngine.open();
  });
  afterEach(() => engine.close());

  it('answers a query while a stream is open, and the stream goes on where it was', async () => {
    await engine.materialize('numbers', NUMBERS);
    const stream = engine.streamColumns('SELECT n FROM numbers ORDER BY n')[Symbol.asyncIterator]();
    const first = await stream.next();
    const firstRows = first.done ? 0 : first.value.rowCount;
    expect(firstRows).toBeGreaterThan(0);

    const [count] = await engine.query('SELECT count(*) AS c, max(label) AS top FROM numbers WHERE n >= 10000');
    expect(count).toEqual({ c: 10000, top: 'row-19999' });

    const rest = await drain(stream, firstRows);
    expect(firstRows + rest.rows).toBe(ROWS);
  });

  it('runs two streams side by side, each with its own rows', async () => {
    await engine.materialize('numbers', NUMBERS);
    const up = engine.streamColumns('SELECT n FROM numbers ORDER BY n')[Symbol.asyncIterator]();
    const odd = engine.streamColumns('SELECT n FROM numbers WHERE n % 2 = 1 ORDER BY n')[Symbol.asyncIterator]();
    let upRows = 0;
    let oddSum = 0;
    // Interleaved batch by batch, as a job reading one result while writing another would.
    for (;;) {
      const [a, b] = await Promise.all([up.next(), odd.next()]);
      if (!a.done) upRows += a.value.rowCount;
      if (!b.done) for (const v of b.value.column('n')) oddSum += Number(v);
      if (a.done && b.done) break;
    }
    expect(upRows).toBe(ROWS);
    expect(oddSum).toBe((ROWS / 2) ** 2);
  });

  it('gives every extra connection the Trino session settings, macros and relations', async () => {
    await engine.materialize('numbers', NUMBERS);
    // The open stream holds the first connection, so the query below runs on another.
    const stream = engine.streamColumns('SELECT n FROM numbers ORDER BY n')[Symbol.asyncIterator]();
    await stream.next();
    const [row] = await engine.query(
      `SELECT 7 / 2 AS quotient, current_setting('TimeZone') AS zone, ` +
        `greatest(1, CAST(NULL AS INTEGER)) AS shimmed, count(*) AS numbers FROM numbers`,
    );
    // Without the prelude DuckDB answers 3.5, its own time zone, and 1 (its greatest skips NULLs).
    expect(row).toEqual({ quotient: 3, zone: 'UTC', shimmed: null, numbers: ROWS });
    await stream.return?.();
  });

  it('keeps a compact relation uncompressed but whole when another query is running', async () => {
    await engine.materialize('numbers', NUMBERS);
    const stream = engine.streamColumns('SELECT n FROM numbers ORDER BY n')[Symbol.asyncIterator]();
    await stream.next();
    await engine.materialize('copy', 'SELECT * FROM numbers', { compact: true });
    const [copy] = await engine.query('SELECT count(*) AS c, sum(n) AS total FROM copy');
    expect(copy).toEqual({ c: ROWS, total: SUM_OF_ROWS });
    await stream.return?.();

    // With nothing else running, the same call compresses.
    await engine.materialize('copy', 'SELECT * FROM numbers', { compact: true });
    const storage = await engine.query(`SELECT DISTINCT compression FROM pragma_storage_info('copy')`);
    expect(storage.some((s) => s['compression'] !== 'Uncompressed')).toBe(true);
  });
});
