import { describe, expect, it } from 'vitest';
import { readDeployment } from '../../functions/lambda/bundledDeployment.ts';
import { parseDeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';

const file = {
  sources: { orders: { path: 'exports/orders.csv', mapping: { customer_id: 'CustomerID', order_date: 'InvoiceDate', amount: 'Amount' } } },
  aws: { sink: 'none', exports: { orders: { columns: ['CustomerID', 'InvoiceDate', 'Amount'] } } },
};

describe('the deployment configuration bundled into a job function', () => {
  it('reads back, as JSON text, exactly what parseDeploymentConfig returned at synth, defaults included', () => {
    const validated = parseDeploymentConfig(file, 'test config');
    const read = readDeployment(JSON.stringify(validated));
    expect(read).toEqual(validated);
    // Defaults the file did not write are there without validating again.
    expect(read.aws.athena.workGroup).toBe('segment-sheets');
    expect(read.aws.jobs.customerSegments.schedule.timeZone).toBe('UTC');
    expect(read.config.sources.orders.format).toBe('csv');
  });

  it('refuses the raw configuration file, which lacks the validated `config` section', () => {
    expect(() => readDeployment(JSON.stringify(file))).toThrow(/expected a validated deployment configuration/);
  });

  it('says so when nothing was bundled', () => {
    expect(() => readDeployment(undefined)).toThrow('no configuration bundled (SEGMENT_SHEETS_DEPLOYMENT)');
    expect(() => readDeployment('')).toThrow('no configuration bundled');
  });
});
