import type { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GoogleSheetsConfigError } from './errors.ts';
import type { GoogleSheetsSinkOptions } from './GoogleSheetsSinkOptions.ts';
import { googleSheetsConfigSchema, type GoogleSheetsConfig } from './googleSheetsConfigSchema.ts';
import type { ServiceAccountKey } from './serviceAccountKey.ts';
import type { SheetsCredentials } from './sheetsApiClient.ts';
import {
  createSecretsManagerKeyLoader,
  loadServiceAccountKeyFromEnv,
  loadServiceAccountKeyFromFile,
} from './serviceAccountKeyLoaders.ts';

export { googleSheetsConfigSchema, type GoogleSheetsConfig };

export interface CredentialDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Needed when the key is in Secrets Manager. Keep one client at module scope: keys are cached
   * per client, so warm Lambda invocations do not fetch the secret again.
   */
  readonly secretsManager?: Pick<SecretsManagerClient, 'send'>;
  /** The client's GetSecretValue command, when the caller has the SDK loaded (see `createSecretsManagerKeyLoader`). */
  readonly getSecretValueCommand?: typeof GetSecretValueCommand;
}

/** One caching loader per Secrets Manager client, living as long as the module (the Lambda container). */
const secretLoaders = new WeakMap<object, (secretId: string) => Promise<ServiceAccountKey>>();

function secretLoaderFor(
  client: Pick<SecretsManagerClient, 'send'>,
  getSecretValueCommand: typeof GetSecretValueCommand | undefined,
): (secretId: string) => Promise<ServiceAccountKey> {
  let loader = secretLoaders.get(client);
  if (!loader) {
    loader = createSecretsManagerKeyLoader(client, { getSecretValueCommand });
    secretLoaders.set(client, loader);
  }
  return loader;
}

/**
 * Loads the credentials the config points at, saying where it looked when that fails.
 *
 * @example
 * ```ts
 * const { credentials, source } = await loadCredentials(config, { secretsManager: new SecretsManagerClient({}) });
 * ```
 */
export async function loadCredentials(config: GoogleSheetsConfig, deps: CredentialDeps = {}): Promise<{ credentials: SheetsCredentials; source: string }> {
  const env = deps.env ?? process.env;
  const { key } = config;
  if (key.file !== undefined) return { credentials: await loadServiceAccountKeyFromFile(key.file), source: `file ${key.file}` };
  if (key.envVar !== undefined) return { credentials: loadServiceAccountKeyFromEnv(key.envVar, env), source: `environment variable ${key.envVar}` };
  if (key.staticTokenEnvVar !== undefined) {
    const token = env[key.staticTokenEnvVar];
    if (!token) throw new GoogleSheetsConfigError(`The environment variable ${key.staticTokenEnvVar} (static token) is not set.`);
    return { credentials: { staticToken: token }, source: `environment variable ${key.staticTokenEnvVar}` };
  }
  const secretId = key.secretId ?? '';
  if (!deps.secretsManager) throw new GoogleSheetsConfigError(`Reading secret ${secretId} needs a Secrets Manager client.`);
  return { credentials: await secretLoaderFor(deps.secretsManager, deps.getSecretValueCommand)(secretId), source: `secret ${secretId}` };
}

/**
 * Sink options from the config section: loads the key and copies the settings. Runtime-only
 * options (sleep, clock, limits) keep their defaults unless given in `extra`.
 *
 * @example
 * ```ts
 * const sink = createGoogleSheetsSink(await googleSheetsSinkOptionsFromConfig(config.sinks.sheets));
 * ```
 */
export async function googleSheetsSinkOptionsFromConfig(
  config: GoogleSheetsConfig,
  deps: CredentialDeps = {},
  extra: Partial<GoogleSheetsSinkOptions> = {},
): Promise<GoogleSheetsSinkOptions> {
  const { credentials } = await loadCredentials(config, deps);
  return {
    spreadsheetId: config.spreadsheetId,
    ...(config.rootUrl !== undefined && { rootUrl: config.rootUrl }),
    credentials,
    requestTimeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    writeRequestsPerMinute: config.writeRequestsPerMinute,
    ...extra,
  };
}
