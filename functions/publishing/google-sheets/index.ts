/**
 * The Google Sheets sink: publishes a `SheetModel` into a shared Google Sheet atomically,
 * plus what the CLI and Lambdas need around it (config schema, key loading, doctor, local lock).
 *
 * @example
 * ```ts
 * import { createGoogleSheetsSink, googleSheetsSinkOptionsFromConfig, withSpreadsheetLock } from './google-sheets/index.ts';
 * const options = await googleSheetsSinkOptionsFromConfig(config.sinks.sheets);
 * const sink = createGoogleSheetsSink(options);
 * const report = await withSpreadsheetLock(options.spreadsheetId, () => sink.publish(model));
 * ```
 */
export { createGoogleSheetsSink, type GoogleSheetsPublishReport, type GoogleSheetsSink } from './GoogleSheetsSink.ts';
export { SINK_DEFAULTS, type GoogleSheetsSinkOptions } from './GoogleSheetsSinkOptions.ts';
export type { SheetsCredentials } from './sheetsApiClient.ts';
export { parseServiceAccountKey, serviceAccountKeySchema, type ServiceAccountKey } from './serviceAccountKey.ts';
export {
  createSecretsManagerKeyLoader,
  loadServiceAccountKeyFromEnv,
  loadServiceAccountKeyFromFile,
  type SecretsManagerKeyLoaderOptions,
} from './serviceAccountKeyLoaders.ts';
export {
  googleSheetsConfigSchema,
  googleSheetsSinkOptionsFromConfig,
  loadCredentials,
  type CredentialDeps,
  type GoogleSheetsConfig,
} from './googleSheetsConfig.ts';
export { doctorGoogleSheets, type DoctorCheck, type DoctorDeps, type DoctorFinding } from './doctor.ts';
export {
  acquireSpreadsheetLock,
  lockPath,
  SpreadsheetLockedError,
  withSpreadsheetLock,
  type SpreadsheetLock,
  type SpreadsheetLockOptions,
} from './spreadsheetLock.ts';
export {
  CellBudgetError,
  GoogleAuthError,
  GoogleSheetsConfigError,
  GoogleSheetsError,
  InvalidSheetModelError,
  PublishFailedError,
  SheetsApiError,
  SpreadsheetNotFoundError,
  SpreadsheetNotSharedError,
  TabNameCollisionError,
} from './errors.ts';
