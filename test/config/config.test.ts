import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../functions/config/jsonSchema.ts';
import { parseConfig } from '../../functions/config/loadConfig.ts';
import { UserError } from '../../functions/runtime/UserError.ts';

const minimal = { sources: { orders: { path: 'o.csv', mapping: { customer_id: 'a', order_date: 'b', amount: 'c' } } } };

describe('config', () => {
  it('applies documented defaults', () => {
    const config = parseConfig(minimal, 'c.json');
    expect(config.reportingCurrency).toBe('USD');
    expect(config.rfm.bins).toBe(5);
    expect(config.sources.orders).toMatchObject({ format: 'csv', delimiter: ',', header: true, timeZone: 'UTC', filters: [] });
    expect(config.output).toMatchObject({ sink: 'xlsx', rowCap: 10_000 });
  });

  it.each([
    [{ ...minimal, reportingCurrency: 'usd' }, /c\.json: reportingCurrency: expected an ISO currency code/],
    [{ ...minimal, asOf: '2024-02-30' }, /asOf: expected a real calendar date/],
    [{ sources: { orders: { ...minimal.sources.orders, timeZone: 'Mars/Base' } } }, /sources\.orders\.timeZone: expected an IANA time zone/],
    [{ ...minimal, rfm: { bins: 11 } }, /rfm\.bins/],
    [{ ...minimal, rfm: { bins: [3, 2] } }, /rfm\.bins: cut points must increase/],
    [{ ...minimal, rfm: { segments: [{ name: 'X', r: [3, 1], f: [1, 5], m: [1, 5] }] } }, /rfm\.segments\.0\.r: expected \[low, high\]/],
    [{ ...minimal, colour: 'blue' }, /\(top level\): unknown field 'colour'/],
    [{}, /sources: /],
  ])('names the bad field: %#', (input, message) => {
    expect(() => parseConfig(input, 'c.json')).toThrow(UserError);
    expect(() => parseConfig(input, 'c.json')).toThrow(message);
  });

  it('publishes a JSON Schema that matches the zod schema', () => {
    const committed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../config.schema.json'), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });
});
