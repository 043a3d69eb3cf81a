import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';
import { tempDirWith } from '../support/tempDir.ts';

const GOOD = 'customer_id,order_date,amount\nc1,2024-01-01,10\nc2,2024-02-01,20\n';

function config(ordersFile: string, mapping: Record<string, string> = { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' }, extra: object = {}) {
  return JSON.stringify({ sources: { orders: { path: ordersFile, mapping, ...extra } }, output: { dir: 'out' } });
}

/** Each case: a bad input, the words its one-line error must contain. */
const CASES: { name: string; files: Record<string, string>; expect: RegExp }[] = [
  { name: 'a missing file', files: { 'config.json': config('nope.csv') }, expect: /orders: no file matches .*nope\.csv/ },
  { name: 'an empty file', files: { 'config.json': config('orders.csv'), 'orders.csv': '' }, expect: /orders: the export is empty/ },
  {
    name: 'a header without a mapped column',
    files: { 'config.json': config('orders.csv', { customer_id: 'customer_id', order_date: 'order_date', amount: 'Total' }), 'orders.csv': GOOD },
    expect: /orders: column 'Total' \(mapped to amount\) not found in the export header \(found: customer_id, order_date, amount\)/,
  },
  {
    name: 'a mapping expression that does not parse',
    files: { 'config.json': config('orders.csv', { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount * (' }), 'orders.csv': GOOD },
    expect: /orders: mapping for 'amount' does not parse/,
  },
  {
    name: 'all rows bad',
    files: { 'config.json': config('orders.csv'), 'orders.csv': 'customer_id,order_date,amount\n,2024-01-01,10\nc2,soon,20\n' },
    expect: /orders: all 2 rows were rejected \(missing customer_id: 1, unparseable order_date: 1\)/,
  },
  {
    name: 'a wrong delimiter',
    files: { 'config.json': config('orders.csv'), 'orders.csv': GOOD.replace(/,/g, ';') },
    expect: /orders: column '\w+' .* not found .* the header looks ";"-delimited but sources delimiter is ","/,
  },
  {
    name: 'a config with a bad field',
    files: { 'config.json': JSON.stringify({ sources: { orders: { path: 'o.csv', format: 'xls', mapping: {} } } }) },
    expect: /config\.json: sources\.orders\.format: /,
  },
];

describe('bad input fails with one clear line, a non-zero exit and no output replaced', () => {
  it.each(CASES)('$name', async ({ files, expect: message }) => {
    const dir = await tempDirWith(files);
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out', 'customers.csv'), 'the last good results\n');
    const result = runCli(['run', '--config', 'config.json', '--as-of', '2024-06-30'], dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('segment-sheets:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(readFileSync(path.join(dir, 'out', 'customers.csv'), 'utf8')).toBe('the last good results\n');
  });

  it('rejects an unknown command and a bad date with exit code 1', async () => {
    const dir = await tempDirWith();
    expect(runCli(['frobnicate'], dir).stderr).toMatch(/unknown command 'frobnicate'/);
    const badDate = runCli(['run', '--orders', 'x.csv', '--as-of', '30/06/2024'], dir);
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toMatch(/--as-of: expected YYYY-MM-DD/);
  });

  it('runs on a bare export whose columns already have canonical names', async () => {
    const dir = await tempDirWith({ 'orders.csv': GOOD });
    const result = runCli(['run', '--orders', 'orders.csv', '--as-of', '2024-06-30', '--sink', 'none'], dir);
    expect(result.stderr).not.toMatch(/segment-sheets:/);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, 'out', 'customers.csv'), 'utf8').split('\n')).toHaveLength(4);
  });
});
