import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Config } from '../config/configSchema.ts';
import { googleSheetsSinkOptionsFromConfig } from '../publishing/google-sheets/googleSheetsConfig.ts';
import type { GoogleSheetsConfig } from '../publishing/google-sheets/googleSheetsConfigSchema.ts';
import { createGoogleSheetsSink } from '../publishing/google-sheets/GoogleSheetsSink.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import { UserError } from '../runtime/UserError.ts';

/**
 * Made by the first run that publishes and kept while the function is warm: the service-account
 * key is cached per client, so warm runs do not fetch the secret again.
 */
let secretsManager: SecretsManagerClient | undefined;

/**
 * The Google Sheet a Lambda run publishes to: the configuration's `sinks.sheets` section, with the
 * key read from the stack's secret (whatever key source the section names for local runs).
 *
 * The handler imports this module only for a run that goes ahead and publishes to Sheets, and a
 * bundle built for `aws.sink: "none"` does not contain it: it brings the Google client libraries
 * (about a third of a bundle that publishes) and the Secrets Manager client. For a run that does
 * publish, loading them is part of that run; nothing waits on it sooner.
 *
 * @example
 * ```ts
 * const sink = await lambdaSheetsSink(deployment.config, environment.GOOGLE_KEY_SECRET_ARN);
 * ```
 */
export async function lambdaSheetsSink(config: Config, keySecretArn: string): Promise<SheetSink> {
  const sheets: GoogleSheetsConfig = { ...sheetsSection(config), key: { secretId: keySecretArn } };
  secretsManager ??= new SecretsManagerClient({});
  return createGoogleSheetsSink(await googleSheetsSinkOptionsFromConfig(sheets, { secretsManager }));
}

/** The configuration's `sinks.sheets` section, validated with the rest of it at synth. */
function sheetsSection(config: Config): GoogleSheetsConfig {
  const section = config.sinks.sheets;
  if (section === undefined) throw new UserError('sinks.sheets: name the spreadsheet to publish to, or set aws.sink to "none"');
  return section;
}
