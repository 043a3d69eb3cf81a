import path from 'node:path';
import { demoConfig } from '../../functions/cli/demoConfig.ts';
import type { ConfigInput } from '../../functions/config/configSchema.ts';

/**
 * The demo configuration reading the orders and customers that `generateSampleData` wrote to
 * `dataDir` (no lead sources), with the given top-level settings replaced.
 *
 * @example
 * ```ts
 * const config = demoConfigOn(dataDir, { clv: { enabled: false } });
 * ```
 */
export function demoConfigOn(dataDir: string, overrides: Partial<ConfigInput> = {}): ConfigInput {
  const demo = demoConfig();
  return {
    ...demo,
    sources: {
      orders: { ...demo.sources.orders, path: path.join(dataDir, 'orders.csv') },
      customers: { ...demo.sources.customers!, path: path.join(dataDir, 'customers.csv') },
    },
    ...overrides,
  };
}
