import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { googleSheetsConfigSchema, loadCredentials } from '../../functions/publishing/google-sheets/googleSheetsConfig.ts';
import {
  createSecretsManagerKeyLoader,
  loadServiceAccountKeyFromEnv,
  loadServiceAccountKeyFromFile,
} from '../../functions/publishing/google-sheets/serviceAccountKeyLoaders.ts';
import { makeServiceAccount } from './support/testServiceAccount.ts';

const { key } = makeServiceAccount();
const keyJson = JSON.stringify(key);

describe('a key file', () => {
  it('loads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sheets-key-'));
    await writeFile(join(dir, 'sa.json'), keyJson);

    expect(await loadServiceAccountKeyFromFile(join(dir, 'sa.json'))).toEqual(key);
  });

  it('that is missing says how to get one', async () => {
    await expect(loadServiceAccountKeyFromFile('/nowhere/sa.json')).rejects.toThrow(/does not exist. Download a JSON key/);
  });

  it('that is not a service-account key names the field and never echoes the key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sheets-key-'));
    await writeFile(join(dir, 'user.json'), JSON.stringify({ ...key, type: 'authorized_user' }));

    const error = await loadServiceAccountKeyFromFile(join(dir, 'user.json')).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/type: type must be "service_account"/);
    expect((error as Error).message).not.toContain('PRIVATE KEY');
  });
});

describe('an environment variable', () => {
  it('holding the JSON, or the JSON base64-encoded, loads', () => {
    expect(loadServiceAccountKeyFromEnv('KEY', { KEY: keyJson })).toEqual(key);
    expect(loadServiceAccountKeyFromEnv('KEY', { KEY: Buffer.from(keyJson).toString('base64') })).toEqual(key);
  });

  it('that is unset is named', () => {
    expect(() => loadServiceAccountKeyFromEnv('GOOGLE_SERVICE_ACCOUNT_KEY', {})).toThrow(/GOOGLE_SERVICE_ACCOUNT_KEY is not set/);
  });
});

describe('a Secrets Manager secret', () => {
  const secrets = mockClient(SecretsManagerClient);
  beforeEach(() => {
    secrets.reset();
  });

  it('is fetched once and reused across invocations until the TTL passes', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: keyJson });
    let now = 0;
    const load = createSecretsManagerKeyLoader(new SecretsManagerClient({ region: 'eu-west-1' }), { ttlMs: 60_000, now: () => now });

    expect(await load('arn:secret:google')).toEqual(key);
    await load('arn:secret:google');
    await Promise.all([load('arn:secret:google'), load('arn:secret:google')]);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    now = 61_000;
    await load('arn:secret:google');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(secrets.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'arn:secret:google' });
  });

  it('that has no value yet says how to put one, and the failure is not cached', async () => {
    secrets.on(GetSecretValueCommand).rejectsOnce(Object.assign(new Error('no current version'), { name: 'ResourceNotFoundException' })).resolves({ SecretString: keyJson });
    const load = createSecretsManagerKeyLoader(new SecretsManagerClient({ region: 'eu-west-1' }));

    await expect(load('google-key')).rejects.toThrow(/aws secretsmanager put-secret-value --secret-id google-key/);
    expect(await load('google-key')).toEqual(key);
  });

  it('that holds something else is reported without echoing it', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'hunter2' });
    const load = createSecretsManagerKeyLoader(new SecretsManagerClient({ region: 'eu-west-1' }));

    const error = await load('google-key').catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('The service-account key in secret google-key is not valid JSON.');
  });

  it('configured in sinks.sheets is cached per client across calls', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: keyJson });
    const client = new SecretsManagerClient({ region: 'eu-west-1' });
    const config = googleSheetsConfigSchema.parse({ spreadsheetId: 'a'.repeat(44), key: { secretId: 'google-key' } });

    const first = await loadCredentials(config, { secretsManager: client });
    await loadCredentials(config, { secretsManager: client });

    expect(first).toEqual({ credentials: key, source: 'secret google-key' });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('is asked with the command the caller gives, when it gives one (a bundle with an SDK of its own)', async () => {
    class CallersGetSecretValue {
      readonly input: unknown;
      constructor(input: unknown) {
        this.input = input;
      }
    }
    const sent: unknown[] = [];
    const client = {
      send: async (command: unknown) => {
        sent.push(command);
        return { SecretString: keyJson };
      },
    };
    const config = googleSheetsConfigSchema.parse({ spreadsheetId: 'b'.repeat(44), key: { secretId: 'google-key' } });

    const loaded = await loadCredentials(config, { secretsManager: client as never, getSecretValueCommand: CallersGetSecretValue as never });

    expect(loaded.credentials).toEqual(key);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(CallersGetSecretValue);
    expect((sent[0] as CallersGetSecretValue).input).toEqual({ SecretId: 'google-key' });
  });
});
