import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The Secrets Manager client of a function that publishes to Sheets, and the one command it sends. */
export interface LambdaSecretsManager {
  readonly client: Pick<SecretsManagerClient, 'send'>;
  readonly getSecretValueCommand: typeof GetSecretValueCommand;
}

let client: SecretsManagerClient | undefined;

/**
 * Secrets Manager as the handler's bundle carries it, beside its Athena and S3 clients (one copy
 * of the SDK core for all three): the Sheets sink file (`lambdaSheetsSink.ts`) is given this
 * rather than loading an SDK of its own. Made by the first run that publishes and kept while the
 * function is warm, since the service-account key is cached per client.
 *
 * @example
 * ```ts
 * const sink = await lambdaSheetsSink(config, keySecretArn, lambdaSecretsManager());
 * ```
 */
export function lambdaSecretsManager(): LambdaSecretsManager {
  client ??= new SecretsManagerClient({});
  return { client, getSecretValueCommand: GetSecretValueCommand };
}
