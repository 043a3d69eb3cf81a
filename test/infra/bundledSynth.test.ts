import { App, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_BUNDLE_FILE, SHEETS_SINK_FILE } from '../../infra/lambdaBundling.ts';
import { SegmentSheetsStack } from '../../infra/SegmentSheetsStack.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const exampleConfig = JSON.parse(readFileSync(path.join(projectRoot, 'infra/example.config.json'), 'utf8')) as unknown;
let outdir: string;
let assetDirs: string[];

beforeAll(() => {
  // As `cdk synth` runs infra/app.ts: real esbuild bundling, cdk-nag as a validation plugin.
  outdir = mkdtempSync(path.join(tmpdir(), 'segment-sheets-synth-'));
  const app = new App({ outdir });
  new SegmentSheetsStack(app, 'SegmentSheets', { env: { region: 'eu-west-1' }, configInput: exampleConfig, configOrigin: 'infra/example.config.json', projectRoot });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  assetDirs = readdirSync(assembly.directory)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => path.join(assembly.directory, name));
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('synthesizing the example deployment', () => {
  it('bundles the job as one minified CommonJS file with the validated configuration inlined and the SQL beside it', () => {
    expect(assetDirs).toHaveLength(1);
    const [bundle] = assetDirs as [string];
    const code = readFileSync(path.join(bundle, LAMBDA_BUNDLE_FILE), 'utf8');
    expect(code).toContain('"columns":["InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"]');
    // Validated at synth: defaults the file leaves out are in the bundle (the function does not parse it again).
    expect(code).toContain('"workGroup":"segment-sheets"');
    expect(code).not.toContain('process.env.SEGMENT_SHEETS_DEPLOYMENT');
    expect(code).not.toContain('process.env.SEGMENT_SHEETS_SINK');
    // Strict, as the ES module sources were, although the banner precedes esbuild's directive.
    expect(code.startsWith('"use strict";')).toBe(true);
    expect(code).not.toContain('import.meta');
    const sqlFiles = readdirSync(path.join(bundle, 'sql'));
    expect(sqlFiles).toEqual(readdirSync(path.join(projectRoot, 'sql')));
    // The example publishes nowhere ("sink": "none"): the AWS SDK clients are in the file, the
    // Google client libraries and Secrets Manager are not; licence comments are kept beside it.
    // (Only the SDK's optional CRT signer stays a require() in a try block: not installed, not used.)
    expect(code).not.toMatch(/require\("@aws-sdk\/(?!signature-v4-crt")/);
    expect(code).toContain('AmazonAthena');
    expect(code).not.toMatch(/googleapis|secretsmanager/i);
    expect(readFileSync(path.join(bundle, `${LAMBDA_BUNDLE_FILE}.LEGAL.txt`), 'utf8')).toMatch(/License/);
    expect(statSync(path.join(bundle, LAMBDA_BUNDLE_FILE)).size).toBeLessThan(1_000_000);
  });

  it('loads in Node the way the Lambda runtime loads index.js, exporting the handler', () => {
    const [bundle] = assetDirs as [string];
    // The runtime require()s index.js when no package.json says "type": "module" (none in /var/task),
    // and finds its SDK, when a bundle leaves it out, through NODE_PATH (/var/runtime/node_modules
    // there, the project's here).
    const script = `const m = require(${JSON.stringify(path.join(bundle, LAMBDA_BUNDLE_FILE))}); process.stdout.write(typeof m.handler);`;
    const output = execFileSync(process.execPath, ['-e', script], {
      cwd: bundle,
      env: { PATH: process.env['PATH'] ?? '', NODE_PATH: path.join(projectRoot, 'node_modules'), AWS_REGION: 'eu-west-1' },
      encoding: 'utf8',
    });
    expect(output).toBe('function');
  });

  it('writes a clean validation report (cdk-nag found nothing unacknowledged)', () => {
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations?: unknown[] }[] };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
    expect(existsSync(path.join(outdir, 'SegmentSheets.template.json'))).toBe(true);
  });

  it('would fail the synth on a finding nobody acknowledged', () => {
    const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'segment-sheets-synth-')), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new SegmentSheetsStack(app, 'SegmentSheets', { env: { region: 'eu-west-1' }, configInput: exampleConfig, configOrigin: 'example', projectRoot });
    new s3.Bucket(stack, 'CarelessBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*CarelessBucket/);
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  it('builds the Sheets sink file beside index.js for a deployment that publishes to Sheets, which the handler can import', () => {
    const configInput = { ...(exampleConfig as Record<string, unknown>), sinks: { sheets: { spreadsheetId: 'TestSpreadsheet0123456789' } } };
    const aws = (exampleConfig as { aws: Record<string, unknown> }).aws;
    const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'segment-sheets-synth-')) });
    try {
      new SegmentSheetsStack(app, 'SegmentSheets', { env: { region: 'eu-west-1' }, configInput: { ...configInput, aws: { ...aws, sink: 'sheets' } }, configOrigin: 'sheets', projectRoot });
      const assembly = app.synth();
      const [bundle] = readdirSync(assembly.directory)
        .filter((name) => name.startsWith('asset.'))
        .map((name) => path.join(assembly.directory, name));
      if (bundle === undefined) throw new Error('no bundle');
      expect(readdirSync(bundle)).toEqual(expect.arrayContaining([LAMBDA_BUNDLE_FILE, SHEETS_SINK_FILE, 'sql']));
      expect(readFileSync(path.join(bundle, LAMBDA_BUNDLE_FILE), 'utf8')).not.toMatch(/googleapis/);
      // As the handler does on the first run that publishes: index.js loaded, then the sink file imported beside it.
      const script =
        `require(${JSON.stringify(path.join(bundle, LAMBDA_BUNDLE_FILE))}); ` +
        `import(${JSON.stringify(`./${SHEETS_SINK_FILE}`)}).then((m) => process.stdout.write(typeof m.lambdaSheetsSink));`;
      const output = execFileSync(process.execPath, ['-e', script], { cwd: bundle, env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'eu-west-1' }, encoding: 'utf8' });
      expect(output).toBe('function');
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  });
});

