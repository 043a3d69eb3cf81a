import { describe, expect, it } from 'vitest';
import { athenaStatementOnDuckDb } from './athenaStatementOnDuckDb.ts';
import { agreeDespiteFloatNoise } from './toleratingFloatNoise.ts';

/** The end-to-end test's fakes are only as good as what they refuse; these pin the edges. */
describe('the fake Athena', () => {
  it('runs CTAS without its Athena table properties and reports it as Athena does', () => {
    const statement = athenaStatementOnDuckDb("CREATE TABLE w.orders WITH (format = 'PARQUET', write_compression = 'SNAPPY') AS\nSELECT 1 AS x");

    expect(statement).toEqual({ statementType: 'DDL', substatementType: 'CREATE_TABLE_AS_SELECT', duckDbSql: 'CREATE TABLE w.orders AS SELECT 1 AS x', returnsRows: false });
  });

  it('maps Hive database DDL onto schemas', () => {
    expect(athenaStatementOnDuckDb('DROP DATABASE IF EXISTS `w` CASCADE').duckDbSql).toBe('DROP SCHEMA IF EXISTS "w" CASCADE');
    expect(athenaStatementOnDuckDb('CREATE DATABASE `w`').duckDbSql).toBe('CREATE SCHEMA "w"');
  });

  it('reads a SELECT that opens with the comments the sql/ files carry', () => {
    expect(athenaStatementOnDuckDb('-- why\n/* more */\nSELECT 1').returnsRows).toBe(true);
  });

  it('refuses what Athena refuses: Hive DDL with Trino quotes, DuckDB-only statements', () => {
    expect(() => athenaStatementOnDuckDb('DROP TABLE IF EXISTS "w"."t"')).toThrow(/does not run/);
    expect(() => athenaStatementOnDuckDb("COPY t TO 'x.parquet'")).toThrow(/does not run/);
  });
});

describe('comparing runs despite floating-point noise', () => {
  it('accepts last-bit differences and a rounding boundary rounded the other way', () => {
    expect(agreeDespiteFloatNoise(0.7996696633311179, 0.7996696633311192)).toBe(true);
    expect(agreeDespiteFloatNoise(118.9, 118.91)).toBe(true);
    expect(agreeDespiteFloatNoise(0, 0.0001)).toBe(true);
  });

  it('rejects real differences and any difference between integers', () => {
    expect(agreeDespiteFloatNoise(118.9, 118.92)).toBe(false);
    expect(agreeDespiteFloatNoise(0.7996696633311179, 0.7996696633)).toBe(false);
    expect(agreeDespiteFloatNoise(324, 325)).toBe(false);
  });
});
