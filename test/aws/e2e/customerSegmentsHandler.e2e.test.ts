import { GetSecretValueCommand, SecretsManagerClient, type GetSecretValueCommandInput } from '@aws-sdk/client-secrets-manager';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../../functions/cli/commands/runCommand.ts';
import { parseConfig } from '../../../functions/config/loadConfig.ts';
import { parseDeploymentConfig } from '../../../functions/lambda/deploymentConfig.ts';
import { jobMarkersPrefix, jobResultsPrefix } from '../../../functions/lambda/jobIdentity.ts';
import { exportTables } from '../../../functions/query-engine/athena/exportTables.ts';
import { silentLogger, silentProgress } from '../../../functions/runtime/Logger.ts';
import { generateSampleData } from '../../../functions/sample-data/generateSampleData.ts';
import type { Json } from '../../google-sheets/emulator/json.ts';
import { SheetsEmulator } from '../../google-sheets/emulator/SheetsEmulator.ts';
import { comparableTabs } from '../../google-sheets/support/publishedState.ts';
import { makeServiceAccount } from '../../google-sheets/support/testServiceAccount.ts';
import { DuckDbAthena } from './DuckDbAthena.ts';
import { InMemoryS3 } from './InMemoryS3.ts';
import { sampleShopConfig } from './sampleShopConfig.ts';
import { toleratingFloatNoise } from './toleratingFloatNoise.ts';

/**
 * The customer-segments Lambda end to end, with only the AWS and Google endpoints replaced: the
 * real middy handler (Powertools, run marker, Athena engine, S3 result store, Google Sheets sink
 * with its key from Secrets Manager) against S3 in memory, Athena on DuckDB and the Sheets
 * emulator. The same sample data also goes through the local pipeline (DuckDB over the files,
 * published into a second spreadsheet on the same emulator), and the two spreadsheets must read
 * the same.
 */

const AS_OF = '2024-07-01';
/** Monday 06:00 in Berlin: the schedule's time, from which the handler takes the as-of date. */
const SCHEDULED_TIME = '2024-07-01T04:00:00Z';
const PREVIOUS_EXPORT = '2024-06-24';
const ENVIRONMENT = {
  EXPORTS_BUCKET: 'segment-sheets-exports',
  RESULTS_BUCKET: 'segment-sheets-results',
  ATHENA_RESULTS_BUCKET: 'segment-sheets-athena-results',
  GOOGLE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:segment-sheets/google-service-account-key-AbCdEf',
};
/** Athena's pricing (aws.md): $5 per TB scanned, at least 10 MB billed per query that reads data. */
const USD_PER_BYTE = 5 / 1e12;
const MINIMUM_BILLED_BYTES = 10_000_000;

const account = makeServiceAccount('segment-sheets@sample-shop.iam.gserviceaccount.com');
let work: string;
let emulator: SheetsEmulator;
let s3: InMemoryS3;
let athena: DuckDbAthena;
let secrets: AwsClientStub<SecretsManagerClient>;
let awsSheet: string;
let localSheet: string;
let exportSizes: { orders: number; customers: number };
/** The Lambda's result folder in the results bucket, e.g. `runs/customer-segments/2024-07-01T04-00-00Z/`. */
let runFolder: string;
let markerKey: string;
let lambdaResult: unknown;
let lambdaOutput: string[];
const savedEnvironment: Record<string, string | undefined> = {};

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'segment-sheets-e2e-'));
  const data = path.join(work, 'data');
  await generateSampleData({ outDir: data, asOf: AS_OF, orderRows: 3_000, leads: 0 });
  const keyFile = path.join(work, 'service-account.json');
  writeFileSync(keyFile, JSON.stringify(account.key));

  emulator = await SheetsEmulator.start();
  emulator.principals.addServiceAccount(account.key.client_email, account.publicKeyPem);
  awsSheet = emulator.createSpreadsheet({ title: 'Segments (AWS)', sharedWith: { [account.key.client_email]: 'writer' } });
  localSheet = emulator.createSpreadsheet({ title: 'Segments (local)', sharedWith: { [account.key.client_email]: 'writer' } });
  const site = { dataDir: data, outDir: path.join(work, 'out'), keyFile, rootUrl: emulator.rootUrl };

  // The local run, as `segment-sheets run` does it.
  await runCommand(parseConfig(sampleShopConfig({ ...site, spreadsheetId: localSheet }), 'local config'), AS_OF, silentLogger, silentProgress, discard());

  // The exports bucket as an export job leaves it: this week's partition with a success marker,
  // and last week's, which must not be read.
  s3 = new InMemoryS3([ENVIRONMENT.EXPORTS_BUCKET, ENVIRONMENT.RESULTS_BUCKET, ENVIRONMENT.ATHENA_RESULTS_BUCKET]);
  const exportsBucket = s3.bucket(ENVIRONMENT.EXPORTS_BUCKET);
  const orders = readFileSync(path.join(data, 'orders.csv'));
  const customers = readFileSync(path.join(data, 'customers.csv'));
  exportsBucket.putObject(`orders/dt=${PREVIOUS_EXPORT}/orders.csv`, firstLines(orders, 1_000));
  exportsBucket.putObject(`customers/dt=${PREVIOUS_EXPORT}/customers.csv`, firstLines(customers, 100));
  exportsBucket.putObject(`orders/dt=${AS_OF}/orders.csv`, orders);
  exportsBucket.putObject(`orders/dt=${AS_OF}/_SUCCESS`, '');
  exportsBucket.putObject(`customers/dt=${AS_OF}/customers.csv`, customers);
  exportSizes = { orders: orders.length, customers: customers.length };

  const lambdaConfig = sampleShopConfig({ ...site, spreadsheetId: awsSheet });
  const deployment = parseDeploymentConfig(lambdaConfig, 'lambda config');
  const { config, aws } = deployment;
  runFolder = `${jobResultsPrefix(aws, 'customerSegments')}2024-07-01T04-00-00Z/`;
  markerKey = `${jobMarkersPrefix(aws, 'customerSegments')}${SCHEDULED_TIME}.json`;
  athena = await DuckDbAthena.start({
    exports: exportsBucket,
    queryResults: s3.bucket(ENVIRONMENT.ATHENA_RESULTS_BUCKET),
    exportsDatabase: aws.athena.database,
    exportTables: exportTables(config, aws),
    localRoot: path.join(work, 'athena-exports'),
  });
  secrets = mockClient(SecretsManagerClient);
  secrets.on(GetSecretValueCommand).callsFake((input: GetSecretValueCommandInput) => {
    if (input.SecretId !== ENVIRONMENT.GOOGLE_KEY_SECRET_ARN) throw Object.assign(new Error('Secrets Manager can’t find the specified secret.'), { name: 'ResourceNotFoundException' });
    return { SecretString: JSON.stringify(account.key) };
  });

  // What the stack gives the function: the configuration bundled in, the deploy-time names.
  const environment: Record<string, string> = {
    ...ENVIRONMENT,
    SEGMENT_SHEETS_DEPLOYMENT: JSON.stringify(deployment),
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_LAMBDA_FUNCTION_NAME: 'SegmentSheets-CustomerSegmentsFunction',
  };
  for (const [name, value] of Object.entries(environment)) {
    savedEnvironment[name] = process.env[name];
    process.env[name] = value;
  }
  const { handler } = await import('../../../functions/lambda/customerSegmentsHandler.ts');
  lambdaOutput = [];
  // Powertools writes its JSON logs and EMF metrics to stdout; kept for the assertions.
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lambdaOutput.push(String(chunk));
    return true;
  });
  try {
    lambdaResult = await handler({ scheduledTime: SCHEDULED_TIME }, lambdaContext('e2e-request-1') as never);
  } finally {
    stdout.mockRestore();
  }
});

afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  secrets?.restore();
  s3?.restore();
  await athena?.close();
  await emulator?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the customer-segments Lambda, end to end on S3, Athena and Google Sheets fakes', () => {
  it('runs the scheduled job for the schedule date and records the run', () => {
    expect(lambdaResult).toEqual({
      status: 'succeeded',
      job: 'customer-segments',
      asOf: AS_OF,
      scheduledTime: SCHEDULED_TIME,
      attempt: 1,
      results: `s3://${ENVIRONMENT.RESULTS_BUCKET}/${runFolder}`,
      durationMs: expect.any(Number),
    });
    const results = s3.bucket(ENVIRONMENT.RESULTS_BUCKET);
    const marker = JSON.parse(results.text(markerKey) ?? '{}') as { state?: string };
    expect(marker.state).toBe('succeeded');
    expect(results.keys()).toEqual(expect.arrayContaining([`${runFolder}customers.csv`, `${runFolder}run.json`, `${runFolder}quarantine_orders.csv`]));
  });

  it('ran every query in the workgroup, none failing, reading only the newest export partitions', () => {
    const failed = athena.executions.filter((e) => e.state !== 'SUCCEEDED').map((e) => `${e.reason}\n${e.sql}`);
    expect(failed).toEqual([]);
    expect(new Set(athena.executions.map((e) => e.workGroup))).toEqual(new Set(['segment-sheets']));
    const exportReads = athena.executions.filter((e) => /\bsegment_sheets\.(orders|customers)_export\b/.test(e.sql));
    expect(exportReads.map((e) => e.sql.match(/"dt" = '([^']+)'/)?.[1])).toEqual([AS_OF, AS_OF]);
  });

  it('publishes a Sheet that reads like the local run of the same data', () => {
    const lambdaTabs = withoutRunSpecificCells(comparableTabs(emulator.spreadsheet(awsSheet)));
    const localTabs = withoutRunSpecificCells(comparableTabs(emulator.spreadsheet(localSheet)));
    const titles = lambdaTabs.map((tab) => (tab as { title: string }).title);
    expect(titles).toEqual(expect.arrayContaining(['Summary', 'Champions', 'CLV', 'Profiles', 'Run Log']));
    expect(lambdaTabs).toEqual(toleratingFloatNoise(localTabs));
    // Published as the service account whose key the function read from its secret.
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId)).toEqual([ENVIRONMENT.GOOGLE_KEY_SECRET_ARN]);
  });

  it('names where each run read its orders: the S3 prefix on AWS, the file locally', () => {
    const lambda = emulator.spreadsheet(awsSheet);
    const local = emulator.spreadsheet(localSheet);
    expect(summaryFact(comparableTabs(lambda), 'Orders export')).toBe(`s3://${ENVIRONMENT.EXPORTS_BUCKET}/orders/`);
    expect(summaryFact(comparableTabs(local), 'Orders export')).toBe(path.join(work, 'data', 'orders.csv'));
  });

  it('writes the same per-customer results file as the local run', () => {
    const lambdaCustomers = csvCells(s3.bucket(ENVIRONMENT.RESULTS_BUCKET).text(`${runFolder}customers.csv`) ?? '');
    const localCustomers = csvCells(readFileSync(path.join(work, 'out', 'customers.csv'), 'utf8'));
    expect(lambdaCustomers.length).toBeGreaterThan(100);
    expect(lambdaCustomers).toEqual(toleratingFloatNoise(localCustomers));
  });

  it('reports the bytes Athena scanned and their estimated cost in run.json and the metrics', () => {
    const report = JSON.parse(s3.bucket(ENVIRONMENT.RESULTS_BUCKET).text(`${runFolder}run.json`) ?? '{}') as {
      engine?: { engine: string; queries: number; bytesScanned: number; estimatedCostUsd: number };
    };
    // The two exports of the newest partition, each read once into the run's snapshot.
    const scanned = exportSizes.orders + exportSizes.customers;
    expect(scanned).toBeGreaterThan(0);
    // Every query that read data is billed Athena's 10 MB minimum: no export here is that large.
    expect(exportSizes.orders).toBeLessThan(MINIMUM_BILLED_BYTES);
    const billedQueries = athena.executions.filter((e) => e.statementType === 'DML' || e.substatementType === 'CREATE_TABLE_AS_SELECT').length;
    expect(report.engine).toEqual({
      engine: 'athena',
      queries: athena.executions.length,
      bytesScanned: scanned,
      estimatedCostUsd: expect.closeTo(billedQueries * MINIMUM_BILLED_BYTES * USD_PER_BYTE, 12),
    });
    expect(emittedMetric('AthenaBytesScanned')).toBe(scanned);
    expect(emittedMetric('RunSucceeded')).toBe(1);
  });
});

/**
 * The tabs with the cells that differ between any two runs by design blanked: the Run Log row's
 * start time and duration, the Summary's "generated" time and the export's location (a local
 * path or an S3 prefix).
 */
function withoutRunSpecificCells(tabs: Json[]): Json[] {
  return tabs.map((tab) => {
    const { title, values } = tab as { title: string; values: Json[][] };
    const headerRow = values.findIndex((row) => row.includes('Run at (UTC)'));
    const blanked = values.map((row, r) =>
      row.map((cell, c) => {
        const header = headerRow >= 0 && r > headerRow ? values[headerRow]?.[c] : undefined;
        if (title === 'Run Log' && (header === 'Run at (UTC)' || header === 'Duration (s)')) return '(run-specific)';
        if (title === 'Summary' && row[0] === 'Orders export' && c === 1) return '(export location)';
        if (typeof cell === 'string' && /\(generated [^)]*\)/.test(cell)) return cell.replace(/\(generated [^)]*\)/, '(generated …)');
        return cell;
      }),
    );
    return { ...(tab as Record<string, Json>), values: blanked };
  });
}

function summaryFact(tabs: Json[], fact: string): Json | undefined {
  const summary = tabs.find((tab) => (tab as { title: string }).title === 'Summary') as { values: Json[][] } | undefined;
  return summary?.values.find((row) => row[0] === fact)?.[1];
}

/** A results file's cells, numbers as numbers (the file is plain: no quoted fields). */
function csvCells(text: string): (string | number)[][] {
  if (text.includes('"')) throw new Error('csvCells reads unquoted CSV only');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(',').map((cell) => (cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : cell)));
}

function emittedMetric(name: string): number | undefined {
  for (const line of lambdaOutput.join('').split('\n')) {
    if (!line.includes('"_aws"')) continue;
    const record = JSON.parse(line) as Record<string, unknown>;
    if (typeof record[name] === 'number') return record[name];
  }
  return undefined;
}

function firstLines(file: Buffer, lines: number): string {
  return `${file.toString('utf8').split('\n').slice(0, lines + 1).join('\n')}\n`;
}

function lambdaContext(requestId: string) {
  return {
    awsRequestId: requestId,
    functionName: 'SegmentSheets-CustomerSegmentsFunction',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:SegmentSheets-CustomerSegmentsFunction',
    memoryLimitInMB: '1024',
    getRemainingTimeInMillis: () => 900_000,
  };
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
