import { build, type BuildResult } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AwsConfig } from '../../functions/config/awsConfig.ts';
import { parseDeploymentConfig, type DeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import { googleSheetsConfigSchema } from '../../functions/publishing/google-sheets/googleSheetsConfigSchema.ts';
import { LAMBDA_ENTRIES, lambdaBuildOptions, SHEETS_SINK_FILE, sheetsSinkBuildOptions } from '../../infra/lambdaBundling.ts';
import { makeServiceAccount } from '../google-sheets/support/testServiceAccount.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const example = parseDeploymentConfig(JSON.parse(readFileSync(path.join(projectRoot, 'infra/example.config.json'), 'utf8')), 'example');

/** The customer job's bundle for a sink, as the stack builds it: its input files and the modules it leaves to the runtime. */
async function customerBundle(sink: AwsConfig['sink']): Promise<BuiltFile> {
  const outfile = path.join(outDir, sink, 'index.js');
  return built(
    await build({
      ...lambdaBuildOptions({ entry: path.join(projectRoot, LAMBDA_ENTRIES.customerSegments), outfile, deployment: withSink(sink) }),
      metafile: true,
    }),
    outfile,
  );
}

interface BuiltFile {
  readonly file: string;
  readonly inputs: string[];
  /** Packages left to the runtime (Node's own modules aside). */
  readonly external: string[];
  readonly bytes: number;
}

function built(result: BuildResult<{ metafile: true }>, outfile: string): BuiltFile {
  const meta = result.metafile.outputs[path.relative(process.cwd(), outfile)];
  if (!meta) throw new Error(`${outfile} not built`);
  return {
    file: outfile,
    inputs: Object.keys(meta.inputs),
    external: [...new Set(meta.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path))],
    bytes: meta.bytes,
  };
}

function withSink(sink: AwsConfig['sink']): DeploymentConfig {
  const sheets = googleSheetsConfigSchema.parse({ spreadsheetId: 'TestSpreadsheet0123456789' });
  return { config: { ...example.config, sinks: { sheets } }, aws: { ...example.aws, sink } };
}

const outDir = mkdtempSync(path.join(tmpdir(), 'segment-sheets-bundles-'));
let sheetsSink: Promise<BuiltFile> | undefined;

/** The Sheets sink file, built once. */
function sheetsSinkFile(): Promise<BuiltFile> {
  const file = path.join(outDir, 'sheets', SHEETS_SINK_FILE);
  sheetsSink ??= build({ ...sheetsSinkBuildOptions(projectRoot, file), metafile: true }).then((result) => built(result, file));
  return sheetsSink;
}
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('a job bundle, by the sink it publishes to', () => {
  it('publishing nowhere: the AWS SDK bundled; no Google client libraries, no Secrets Manager, no configuration schemas', async () => {
    const { inputs, external, bytes } = await customerBundle('none');
    expect(inputs.filter((file) => /google|gaxios|client-secrets-manager|lambdaSheetsSink/.test(file))).toEqual([]);
    expect(inputs.filter((file) => /functions\/(config\/configSchema|config\/awsConfig|leads\/leadScoringConfig)\.ts$/.test(file))).toEqual([]);
    // Only zod's tree-shakable build, for the event and the environment.
    expect(inputs.some((file) => file.includes('zod/v4/classic/'))).toBe(false);
    expect(inputs.some((file) => file.includes('@aws-sdk/client-athena/'))).toBe(true);
    expect(external).toEqual([]);
    expect(bytes).toBeLessThan(1_000_000);
  }, 60_000);

  it('publishing to Sheets: Secrets Manager beside the other clients, the Google code in a file of its own with no AWS SDK', async () => {
    const index = await customerBundle('sheets');
    expect(index.inputs.filter((file) => /google|gaxios|lambdaSheetsSink/.test(file))).toEqual([]);
    expect(index.inputs.some((file) => file.includes('@aws-sdk/client-secrets-manager/'))).toBe(true);
    expect(readFileSync(index.file, 'utf8')).toContain(`"./${SHEETS_SINK_FILE}"`);
    expect(index.bytes).toBeLessThan(1_000_000);

    const sink = await sheetsSinkFile();
    expect(sink.inputs.some((file) => file.includes('google-auth-library'))).toBe(true);
    expect(sink.inputs.some((file) => file.includes('@aws-sdk/'))).toBe(false);
    // The publishing code's fallback for callers without a command of their own; the handler passes one.
    expect(sink.external).toEqual(['@aws-sdk/client-secrets-manager']);
  }, 60_000);

  it('the Sheets sink file works on its own: given a Secrets Manager client, it reads the key and makes the sink', async () => {
    const { file } = await sheetsSinkFile();
    const { lambdaSheetsSink } = (await import(pathToFileURL(file).href)) as typeof import('../../functions/lambda/lambdaSheetsSink.ts');
    const asked: unknown[] = [];
    const { key } = makeServiceAccount();
    class GetSecretValue {
      readonly input: unknown;
      constructor(input: unknown) {
        this.input = input;
      }
    }
    const client = {
      send: async (command: GetSecretValue) => {
        asked.push(command.input);
        return { SecretString: JSON.stringify(key) };
      },
    };
    const sink = await lambdaSheetsSink(withSink('sheets').config, 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:google-key', {
      client: client as never,
      getSecretValueCommand: GetSecretValue as never,
    });
    expect(sink.name).toBe('sheets');
    expect(asked).toEqual([{ SecretId: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:google-key' }]);
  }, 60_000);
});
