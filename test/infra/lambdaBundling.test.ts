import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsConfig } from '../../functions/config/awsConfig.ts';
import { parseDeploymentConfig } from '../../functions/lambda/deploymentConfig.ts';
import { LAMBDA_ENTRIES, lambdaBuildOptions } from '../../infra/lambdaBundling.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const example = parseDeploymentConfig(JSON.parse(readFileSync(path.join(projectRoot, 'infra/example.config.json'), 'utf8')), 'example');

/** The customer job's bundle for a sink, as the stack builds it: its input files and the modules it leaves to the runtime. */
async function customerBundle(sink: AwsConfig['sink']): Promise<{ inputs: string[]; external: string[]; bytes: number }> {
  const result = await build({
    ...lambdaBuildOptions({
      entry: path.join(projectRoot, LAMBDA_ENTRIES.customerSegments),
      outfile: path.join(projectRoot, '.bench', 'test-bundle', 'index.js'),
      deployment: { ...example, aws: { ...example.aws, sink } },
    }),
    write: false,
    metafile: true,
  });
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('index.js'));
  if (!output) throw new Error('no index.js built');
  const [, meta] = output;
  return {
    inputs: Object.keys(meta.inputs),
    external: [...new Set(meta.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path))],
    bytes: meta.bytes,
  };
}

describe('a job bundle, by the sink it publishes to', () => {
  it('publishing nowhere: no Google client libraries, no Secrets Manager, no configuration schemas; the AWS SDK bundled', async () => {
    const { inputs, external, bytes } = await customerBundle('none');
    expect(inputs.filter((file) => /google|gaxios|client-secrets-manager/.test(file))).toEqual([]);
    expect(inputs.filter((file) => /functions\/(config\/configSchema|config\/awsConfig|leads\/leadScoringConfig)\.ts$/.test(file))).toEqual([]);
    // Only zod's tree-shakable build, for the event and the environment.
    expect(inputs.some((file) => file.includes('zod/v4/classic/'))).toBe(false);
    expect(inputs.some((file) => file.includes('@aws-sdk/client-athena/'))).toBe(true);
    expect(external.filter((module) => !/^[a-z_]+$/.test(module))).toEqual([]);
    expect(bytes).toBeLessThan(1_000_000);
  }, 60_000);

  it('publishing to Sheets: the Google client libraries (loaded by the first run that publishes), the AWS SDK from the runtime', async () => {
    const { inputs, external, bytes } = await customerBundle('sheets');
    expect(inputs.some((file) => file.includes('google-auth-library'))).toBe(true);
    expect(inputs.some((file) => file.endsWith('functions/lambda/lambdaSheetsSink.ts'))).toBe(true);
    expect(inputs.some((file) => file.includes('@aws-sdk/'))).toBe(false);
    expect(external).toEqual(expect.arrayContaining(['@aws-sdk/client-athena', '@aws-sdk/client-s3', '@aws-sdk/client-secrets-manager']));
    expect(bytes).toBeLessThan(1_000_000);
  }, 60_000);
});
