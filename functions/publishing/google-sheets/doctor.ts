import { GoogleSheetsError } from './errors.ts';
import { googleSheetsConfigSchema, loadCredentials, type CredentialDeps, type GoogleSheetsConfig } from './googleSheetsConfig.ts';
import { METADATA_KEYS } from './managedTabRecord.ts';
import { DEFAULT_RETRY_POLICY } from './retryPolicy.ts';
import { createSheetsApi, type SheetsApi } from './sheetsApiClient.ts';
import { SheetsGateway } from './SheetsGateway.ts';
import { sheetCells, toSnapshot, type SpreadsheetSnapshot } from './spreadsheetSnapshot.ts';
import { WriteThrottle } from './WriteThrottle.ts';

export type DoctorCheck = 'config' | 'key' | 'auth' | 'access' | 'edit-access' | 'cells' | 'leftovers';

/** One result of {@link doctorGoogleSheets}: what was checked, how it went and what to fix. */
export interface DoctorFinding {
  readonly check: DoctorCheck;
  readonly level: 'ok' | 'warning' | 'error';
  readonly message: string;
  /** What to do about it, for warnings and errors. */
  readonly fix?: string;
}

export interface DoctorDeps extends CredentialDeps {
  readonly cellLimit?: number;
  /** Waits between retries; injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Share of the cell limit above which the doctor warns. */
const CELL_WARNING_SHARE = 0.8;

/**
 * Checks the `sinks.sheets` config, the key, authentication and access to the spreadsheet
 * (reading, and editing with a harmless metadata-only write), and reports cell usage and
 * leftovers of failed runs. Stops at the first failing step, since later checks depend on it.
 * For `segment-sheets doctor`.
 *
 * @example
 * ```ts
 * for (const finding of await doctorGoogleSheets(config.sinks?.sheets)) {
 *   console.log(`${finding.level}: ${finding.message}${finding.fix ? ` → ${finding.fix}` : ''}`);
 * }
 * ```
 */
export async function doctorGoogleSheets(rawConfig: unknown, deps: DoctorDeps = {}): Promise<DoctorFinding[]> {
  const findings: DoctorFinding[] = [];
  const parsed = googleSheetsConfigSchema.safeParse(rawConfig);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      check: 'config',
      level: 'error',
      message: `sinks.sheets${issue.path.map((part) => `.${String(part)}`).join('')}: ${issue.message}`,
      fix: 'Correct the sinks.sheets section of the config file.',
    }));
  }
  const config = parsed.data;
  findings.push({ check: 'config', level: 'ok', message: `sinks.sheets is valid (spreadsheet ${config.spreadsheetId}).` });

  const client = await checkKey(config, deps, findings);
  if (!client) return findings;
  if (!(await checkAuth(client, findings))) return findings;

  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const gateway = new SheetsGateway({
    api: client.api,
    spreadsheetId: config.spreadsheetId,
    identity: client.identity,
    // Few retries: the doctor should answer quickly, not ride out an outage.
    policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 2, sleep, random: Math.random },
    throttle: new WriteThrottle(config.writeRequestsPerMinute, { now: Date.now, sleep }),
  });
  const snapshot = await checkAccess(gateway, config, findings);
  if (!snapshot) return findings;
  if (!(await checkEditAccess(gateway, snapshot, findings))) return findings;
  findings.push(...usageFindings(snapshot, deps.cellLimit ?? 10_000_000));
  return findings;
}

async function checkKey(config: GoogleSheetsConfig, deps: DoctorDeps, findings: DoctorFinding[]): Promise<SheetsApi | undefined> {
  try {
    const { credentials, source } = await loadCredentials(config, deps);
    const client = createSheetsApi({
      credentials,
      requestTimeoutMs: config.requestTimeoutMs,
      ...(config.rootUrl !== undefined && { rootUrl: config.rootUrl }),
    });
    const who = client.identity === undefined ? 'a static token (emulator)' : `service account ${client.identity}`;
    findings.push({ check: 'key', level: 'ok', message: `Credentials for ${who} loaded from ${source}.` });
    return client;
  } catch (error) {
    findings.push({
      check: 'key',
      level: 'error',
      message: errorMessage(error),
      fix: 'Provide a service-account JSON key via sinks.sheets.key (file, envVar or secretId).',
    });
    return undefined;
  }
}

async function checkAuth(client: SheetsApi, findings: DoctorFinding[]): Promise<boolean> {
  try {
    await client.authenticate();
    findings.push({ check: 'auth', level: 'ok', message: 'Obtained an access token.' });
    return true;
  } catch (error) {
    findings.push({
      check: 'auth',
      level: 'error',
      message: `Authentication failed: ${errorMessage(error)}`,
      fix: 'The key may be deleted or disabled: create a new key for the service account (Google Cloud console → IAM → Service accounts → Keys), and check the machine clock.',
    });
    return false;
  }
}

async function checkAccess(gateway: SheetsGateway, config: GoogleSheetsConfig, findings: DoctorFinding[]): Promise<SpreadsheetSnapshot | undefined> {
  try {
    const spreadsheet = await gateway.getSpreadsheet(
      'spreadsheetId,properties/title,developerMetadata,sheets(properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount)),developerMetadata)',
    );
    const snapshot = toSnapshot(spreadsheet, config.spreadsheetId);
    findings.push({ check: 'access', level: 'ok', message: `Spreadsheet "${snapshot.title}" is readable (${snapshot.sheets.length} tabs).` });
    return snapshot;
  } catch (error) {
    findings.push({ check: 'access', level: 'error', message: errorMessage(error), fix: fixFor(error) });
    return undefined;
  }
}

/** Edit rights, proven by writing our own write-receipt metadata (invisible to readers, no cell changes). */
async function checkEditAccess(gateway: SheetsGateway, snapshot: SpreadsheetSnapshot, findings: DoctorFinding[]): Promise<boolean> {
  const metadataValue = `doctor ${new Date().toISOString()}`;
  const request =
    snapshot.receiptMetadataId === undefined
      ? {
          createDeveloperMetadata: {
            developerMetadata: { metadataKey: METADATA_KEYS.writeReceipt, metadataValue, location: { spreadsheet: true }, visibility: 'DOCUMENT' },
          },
        }
      : {
          updateDeveloperMetadata: {
            dataFilters: [{ developerMetadataLookup: { metadataId: snapshot.receiptMetadataId } }],
            developerMetadata: { metadataValue },
            fields: 'metadataValue',
          },
        };
  try {
    await gateway.batchUpdate([request]);
    findings.push({ check: 'edit-access', level: 'ok', message: 'The service account can edit the spreadsheet.' });
    return true;
  } catch (error) {
    findings.push({ check: 'edit-access', level: 'error', message: errorMessage(error), fix: fixFor(error) });
    return false;
  }
}

function usageFindings(snapshot: SpreadsheetSnapshot, cellLimit: number): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const cells = snapshot.sheets.reduce((sum, sheet) => sum + sheetCells(sheet), 0);
  const share = cells / cellLimit;
  const usage = `The spreadsheet uses ${cells.toLocaleString('en-US')} of ${cellLimit.toLocaleString('en-US')} cells (${(share * 100).toFixed(1)}%)`;
  findings.push(
    share > CELL_WARNING_SHARE
      ? { check: 'cells', level: 'warning', message: `${usage}; publishing needs room for staging copies.`, fix: 'Lower the row caps or delete unused tabs.' }
      : { check: 'cells', level: 'ok', message: `${usage}.` },
  );
  const managed = snapshot.sheets.filter((sheet) => sheet.managed && sheet.stagingRunId === undefined).length;
  const leftovers = snapshot.sheets.filter((sheet) => sheet.stagingRunId !== undefined).length;
  findings.push(
    leftovers > 0
      ? {
          check: 'leftovers',
          level: 'warning',
          message: `${leftovers} hidden staging tab(s) from an interrupted run are present (${managed} published tabs).`,
          fix: 'Nothing to do: the next publish removes them.',
        }
      : { check: 'leftovers', level: 'ok', message: `${managed} published tabs, no leftovers from interrupted runs.` },
  );
  return findings;
}

function fixFor(error: unknown): string {
  const name = error instanceof GoogleSheetsError ? error.name : '';
  if (name === 'SpreadsheetNotSharedError') return 'Share the spreadsheet with the service account as an Editor (see the message).';
  if (name === 'SpreadsheetNotFoundError') return 'Check sinks.sheets.spreadsheetId.';
  if (name === 'GoogleAuthError') return 'Check the key (not deleted or disabled) and the machine clock.';
  return 'Check network access to the Sheets API (sinks.sheets.rootUrl) and try again.';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
