import type { ConfigInput } from '../../functions/config/configSchema.ts';
import { sharedDataPath } from './sharedData.ts';

/**
 * CDNOW_sample.txt as an orders source. The file is whitespace-aligned without a header, so it is
 * read as one text column (tab delimiter; the file has no tabs) and the mapping pulls the fields
 * out with portable regexp_extract: sample customer id, YYYYMMDD date, dollars.
 */
export function cdnowOrdersSource(): ConfigInput['sources']['orders'] {
  const date = "regexp_extract(column0, '\\s(\\d{8})\\s', 1)";
  return {
    path: sharedDataPath('cdnow', 'CDNOW_sample.txt'),
    format: 'csv',
    delimiter: '\t',
    header: false,
    mapping: {
      customer_id: "CAST(CAST(regexp_extract(column0, '^\\s*\\d+\\s+(\\d+)', 1) AS INTEGER) AS VARCHAR)",
      order_date: `substr(${date}, 1, 4) || '-' || substr(${date}, 5, 2) || '-' || substr(${date}, 7, 2)`,
      amount: "regexp_extract(column0, '([0-9.]+)\\s*$', 1)",
    },
  };
}
