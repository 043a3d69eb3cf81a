import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoConfig } from '../../../functions/cli/demoConfig.ts';
import type { ConfigInput } from '../../../functions/config/configSchema.ts';

export interface SampleShopSite {
  /** Folder of the sample-data generator's files (orders.csv, customers.csv). */
  readonly dataDir: string;
  /** Local run's output folder. */
  readonly outDir: string;
  /** Service-account key file for the local run (the Lambda reads the key from Secrets Manager). */
  readonly keyFile: string;
  /** The Sheets API root, here the emulator's. */
  readonly rootUrl: string;
  readonly spreadsheetId: string;
}

/**
 * One configuration file for the generated sample shop, as a user would write it for both the
 * laptop and AWS: the exports' column mappings, a Google Sheet to publish to, and the `aws`
 * section naming the exports' columns (their headers, in file order) for the Glue tables. The
 * as-of date is left out, so the Lambda takes it from its schedule.
 *
 * @example
 * ```ts
 * const config = parseConfig(sampleShopConfig({ dataDir, outDir, keyFile, rootUrl, spreadsheetId }), 'sample shop');
 * ```
 */
export function sampleShopConfig(site: SampleShopSite): ConfigInput {
  const header = (file: string) => (readFileSync(path.join(site.dataDir, file), 'utf8').split('\n')[0] ?? '').split(',');
  // The demo's mappings of the generator's exports, with this site's paths.
  const demo = demoConfig();
  return {
    name: 'Sample shop: customer segments',
    reportingCurrency: 'USD',
    fxRates: { EUR: 1.08 },
    sources: {
      orders: { ...demo.sources.orders, path: path.join(site.dataDir, 'orders.csv') },
      customers: { ...demo.sources.customers!, path: path.join(site.dataDir, 'customers.csv') },
    },
    profiles: { dimensions: ['country', 'channel', 'age_band', 'price_sensitivity'] },
    output: { dir: site.outDir, sink: 'sheets', rowCap: 5000 },
    sinks: { sheets: { spreadsheetId: site.spreadsheetId, rootUrl: site.rootUrl, key: { file: site.keyFile } } },
    aws: {
      region: 'eu-west-1',
      exports: {
        orders: { columns: header('orders.csv'), firstPartition: '2024-01-01' },
        customers: { columns: header('customers.csv'), firstPartition: '2024-01-01' },
      },
      jobs: { customerSegments: { schedule: { cron: 'cron(0 6 ? * MON *)', timeZone: 'Europe/Berlin' } } },
    },
  };
}
