import { describe, expect, it } from 'vitest';
import { castNumericOperands, numericColumn } from '../../functions/ingestion/castNumericOperands.ts';

const columns = ['Quantity', 'UnitPrice', 'InvoiceNo', 'Unit Price', 'discount'];
const n = numericColumn;

describe('castNumericOperands', () => {
  it.each([
    ['Quantity * UnitPrice', `${n('Quantity')} * ${n('UnitPrice')}`],
    ['quantity*unitprice-discount', `${n('Quantity')}*${n('UnitPrice')}-${n('discount')}`],
    ['"Unit Price" * 2', `${n('Unit Price')} * 2`],
    // An operand of LIKE is read as text (a typed Parquet column may be a number).
    ["InvoiceNo LIKE 'C%'", `CAST("InvoiceNo" AS VARCHAR) LIKE 'C%'`],
    ["invoiceno not like 'C%'", `CAST("InvoiceNo" AS VARCHAR) not like 'C%'`],
    // Neither arithmetic nor LIKE: left as written.
    ["InvoiceNo = 'C1'", "InvoiceNo = 'C1'"],
    ['coalesce(discount, 0)', 'coalesce(discount, 0)'],
    // Text inside literals is never touched.
    ["'Quantity * UnitPrice'", "'Quantity * UnitPrice'"],
    // A name that is not an export column is not cast.
    ['Quantity * rate', `${n('Quantity')} * rate`],
  ])('%s', (expression, expected) => {
    expect(castNumericOperands(expression, columns)).toBe(expected);
  });
});
