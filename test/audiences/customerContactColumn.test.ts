import { describe, expect, it } from 'vitest';
import { customerContactColumn } from '../../functions/audiences/customerAudiences.ts';
import { columnsOfRows } from '../../functions/query-engine/ColumnBatch.ts';
import type { SqlRow } from '../../functions/query-engine/QueryEngine.ts';

const contactOf = (row: SqlRow) => customerContactColumn(columnsOfRows([row], Object.keys(row)))(0);

describe('customerContactColumn', () => {
  it.each<[string, SqlRow, Record<string, string | null>]>([
    [
      'orders only: their e-mail and main country',
      { email: 'ana@example.com', country: 'DE' },
      { email: 'ana@example.com', phone: null, first_name: null, last_name: null, zip: null, country: 'DE' },
    ],
    [
      "the orders' e-mail before the customers source's, the source's country before the orders'",
      { email: 'ana@example.com', country: 'DE', audience_email: 'other@example.com', audience_country: 'AT', audience_phone: '+43 1 234' },
      { email: 'ana@example.com', phone: '+43 1 234', first_name: null, last_name: null, zip: null, country: 'AT' },
    ],
    [
      "the customers source's e-mail when the orders have none (blank counts as none)",
      { email: ' ', country: null, audience_email: 'b@example.com', audience_first_name: 'Bo', audience_last_name: 'Li', audience_zip: '1010' },
      { email: 'b@example.com', phone: null, first_name: 'Bo', last_name: 'Li', zip: '1010', country: null },
    ],
  ])('%s', (_, row, expected) => {
    expect(contactOf(row)).toEqual(expected);
  });
});
