import type { Config } from '../config/configSchema.ts';
import { googleSheetsSinkOptionsFromConfig } from '../publishing/google-sheets/googleSheetsConfig.ts';
import type { GoogleSheetsConfig } from '../publishing/google-sheets/googleSheetsConfigSchema.ts';
import { createGoogleSheetsSink } from '../publishing/google-sheets/GoogleSheetsSink.ts';
import type { SheetSink } from '../publishing/SheetSink.ts';
import { UserError } from '../runtime/UserError.ts';
import type { LambdaSecretsManager } from './lambdaSecretsManager.ts';

/**
 * The Google Sheet a Lambda run publishes to: the configuration's `sinks.sheets` section, with the
 * key read from the stack's secret (whatever key source the section names for local runs), through
 * the handler's Secrets Manager client.
 *
 * A function that publishes to Sheets has this module and the Google client libraries it brings
 * (about 0.5 MB) in a file of its own beside `index.js` (infra/lambdaBundling.ts), which the handler
 * imports on the first run that publishes; a function built for `aws.sink: "none"` does not have
 * it. It loads no AWS SDK of its own: the handler's is passed in.
 *
 * @example
 * ```ts
 * const sink = await lambdaSheetsSink(deployment.config, environment.GOOGLE_KEY_SECRET_ARN, lambdaSecretsManager());
 * ```
 */
export async function lambdaSheetsSink(config: Config, keySecretArn: string, secretsManager: LambdaSecretsManager): Promise<SheetSink> {
  const sheets: GoogleSheetsConfig = { ...sheetsSection(config), key: { secretId: keySecretArn } };
  const options = await googleSheetsSinkOptionsFromConfig(sheets, {
    secretsManager: secretsManager.client,
    getSecretValueCommand: secretsManager.getSecretValueCommand,
  });
  return createGoogleSheetsSink(options);
}

/** The configuration's `sinks.sheets` section, validated with the rest of it at synth. */
function sheetsSection(config: Config): GoogleSheetsConfig {
  const section = config.sinks.sheets;
  if (section === undefined) throw new UserError('sinks.sheets: name the spreadsheet to publish to, or set aws.sink to "none"');
  return section;
}
