import { readFile } from 'node:fs/promises';
import type { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GoogleSheetsConfigError } from './errors.ts';
import { parseServiceAccountKey, type ServiceAccountKey } from './serviceAccountKey.ts';

/**
 * Loads the key from a JSON key file (local runs).
 *
 * @example
 * ```ts
 * const key = await loadServiceAccountKeyFromFile('./service-account.json');
 * ```
 */
export async function loadServiceAccountKeyFromFile(path: string): Promise<ServiceAccountKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GoogleSheetsConfigError(
      code === 'ENOENT'
        ? `The service-account key file ${path} does not exist. Download a JSON key for the service account (Google Cloud console → IAM → Service accounts → Keys) and point sinks.sheets.key.file at it.`
        : `The service-account key file ${path} cannot be read (${code ?? String(error)}).`,
    );
  }
  return parseOrConfigError(text, `file ${path}`);
}

/**
 * Loads the key from an environment variable holding the key JSON (or the JSON base64-encoded, as
 * CI secret stores often require).
 *
 * @example
 * ```ts
 * const key = loadServiceAccountKeyFromEnv('GOOGLE_SERVICE_ACCOUNT_KEY');
 * ```
 */
export function loadServiceAccountKeyFromEnv(name: string, env: Readonly<Record<string, string | undefined>> = process.env): ServiceAccountKey {
  const value = env[name]?.trim();
  if (!value) {
    throw new GoogleSheetsConfigError(`The environment variable ${name} is not set; put the service-account key JSON into it.`);
  }
  const json = value.startsWith('{') ? value : Buffer.from(value, 'base64').toString('utf8');
  return parseOrConfigError(json, `environment variable ${name}`);
}

export interface SecretsManagerKeyLoaderOptions {
  /** How long a fetched key is reused before it is fetched again (picks up rotations). Default 1 hour. */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /**
   * The SDK's GetSecretValue command, for a caller that has the SDK loaded already: the Lambda
   * handler keeps this module in a file of its own that must not load a second copy of the SDK.
   * Default: imported from `@aws-sdk/client-secrets-manager` by the first fetch.
   */
  readonly getSecretValueCommand?: typeof GetSecretValueCommand;
}

/**
 * A loader that reads the key from AWS Secrets Manager and keeps it for `ttlMs`. Create it once at
 * module scope in a Lambda handler so warm invocations reuse the key instead of calling Secrets
 * Manager each time; concurrent calls share one fetch, and failures are not cached.
 *
 * @example
 * ```ts
 * const loadKey = createSecretsManagerKeyLoader(new SecretsManagerClient({}));
 * export const handler = async () => {
 *   const key = await loadKey(process.env.GOOGLE_KEY_SECRET_ARN ?? '');
 * };
 * ```
 */
export function createSecretsManagerKeyLoader(
  client: Pick<SecretsManagerClient, 'send'>,
  options: SecretsManagerKeyLoaderOptions = {},
): (secretId: string) => Promise<ServiceAccountKey> {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { key: Promise<ServiceAccountKey>; fetchedAt: number }>();
  return (secretId) => {
    const cached = cache.get(secretId);
    if (cached && now() - cached.fetchedAt < ttlMs) return cached.key;
    const key = fetchKey(client, secretId, options.getSecretValueCommand);
    cache.set(secretId, { key, fetchedAt: now() });
    key.catch(() => cache.delete(secretId));
    return key;
  };
}

async function fetchKey(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string,
  command: typeof GetSecretValueCommand | undefined,
): Promise<ServiceAccountKey> {
  const putValue = `aws secretsmanager put-secret-value --secret-id ${secretId} --secret-string file://service-account.json`;
  // Imported here, not with the module: bundled into a Lambda, a static import would load the
  // Secrets Manager SDK at init even for functions that never publish to Sheets.
  const GetSecretValue = command ?? (await import('@aws-sdk/client-secrets-manager')).GetSecretValueCommand;
  let text: string | undefined;
  try {
    const output = await client.send(new GetSecretValue({ SecretId: secretId }));
    text = output.SecretString ?? (output.SecretBinary ? Buffer.from(output.SecretBinary).toString('utf8') : undefined);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'ResourceNotFoundException') {
      throw new GoogleSheetsConfigError(`The secret ${secretId} does not exist or has no value yet; put the key JSON into it: ${putValue}`);
    }
    if (name === 'AccessDeniedException') {
      throw new GoogleSheetsConfigError(`Access denied reading secret ${secretId}: the role needs secretsmanager:GetSecretValue on it.`);
    }
    throw error;
  }
  if (!text?.trim()) throw new GoogleSheetsConfigError(`The secret ${secretId} is empty; put the key JSON into it: ${putValue}`);
  return parseOrConfigError(text, `secret ${secretId}`);
}

function parseOrConfigError(text: string, source: string): ServiceAccountKey {
  try {
    return parseServiceAccountKey(text, source);
  } catch (error) {
    throw new GoogleSheetsConfigError(error instanceof Error ? error.message : String(error));
  }
}
