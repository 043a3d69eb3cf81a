/**
 * Errors the Google Sheets sink throws. Each message says what happened and what to do, since
 * it ends up as the one-line reason of a failed run.
 */

/**
 * Base class: anything that stopped a publish.
 *
 * @example
 * ```ts
 * try { await sink.publish(model); } catch (error) {
 *   if (error instanceof GoogleSheetsError) console.error(error.message); // one line that says what to do
 * }
 * ```
 */
export class GoogleSheetsError extends Error {
  override readonly name: string = 'GoogleSheetsError';
}

/** The sink's options are unusable (e.g. a static token with Google's API). */
export class GoogleSheetsConfigError extends GoogleSheetsError {
  override readonly name = 'GoogleSheetsConfigError';
}

/** The sheet model breaks a rule (duplicate tab names, a chart on a missing column, ...). */
export class InvalidSheetModelError extends GoogleSheetsError {
  override readonly name = 'InvalidSheetModelError';
}

/** The spreadsheet is not shared with the service account (HTTP 403). */
export class SpreadsheetNotSharedError extends GoogleSheetsError {
  override readonly name = 'SpreadsheetNotSharedError';
  readonly serviceAccountEmail: string | undefined;

  constructor(spreadsheetId: string, serviceAccountEmail: string | undefined, writing: boolean) {
    const who = serviceAccountEmail ?? 'the account behind the configured token';
    const level = writing ? 'can read but not edit' : 'cannot open';
    super(
      `The service account ${who} ${level} spreadsheet ${spreadsheetId} (HTTP 403). ` +
        `Open the spreadsheet in Google Sheets, click Share and add ${who} as an Editor.`,
    );
    this.serviceAccountEmail = serviceAccountEmail;
  }
}

/** No spreadsheet with that id (HTTP 404). */
export class SpreadsheetNotFoundError extends GoogleSheetsError {
  override readonly name = 'SpreadsheetNotFoundError';

  constructor(spreadsheetId: string) {
    super(
      `Spreadsheet ${spreadsheetId} was not found (HTTP 404). Check sinks.sheets.spreadsheetId: ` +
        'it is the long id between /d/ and /edit in the spreadsheet URL.',
    );
  }
}

/** Google did not accept the credentials (HTTP 401, or the token exchange failed). */
export class GoogleAuthError extends GoogleSheetsError {
  override readonly name = 'GoogleAuthError';
}

/** A user tab has the name of a tab the product wants to create; it is left untouched. */
export class TabNameCollisionError extends GoogleSheetsError {
  override readonly name = 'TabNameCollisionError';
  readonly tabNames: readonly string[];

  constructor(tabNames: readonly string[]) {
    const list = tabNames.map((name) => `"${name}"`).join(', ');
    super(
      `The spreadsheet already has ${tabNames.length === 1 ? 'a tab' : 'tabs'} named ${list} that segment-sheets did not create, ` +
        'so nothing was published (user tabs are never overwritten). Rename or delete those tabs, or publish to another spreadsheet.',
    );
    this.tabNames = tabNames;
  }
}

/** Publishing would take the spreadsheet over Google's cell limit; nothing was changed. */
export class CellBudgetError extends GoogleSheetsError {
  override readonly name = 'CellBudgetError';
  readonly neededCells: number;
  readonly cellLimit: number;

  constructor(message: string, neededCells: number, cellLimit: number) {
    super(message);
    this.neededCells = neededCells;
    this.cellLimit = cellLimit;
  }
}

/** A call to the Sheets API failed for good (after retries, or with an error retrying cannot fix). */
export class SheetsApiError extends GoogleSheetsError {
  override readonly name = 'SheetsApiError';
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** A publish failed; the message says what readers of the spreadsheet see now. */
export class PublishFailedError extends GoogleSheetsError {
  override readonly name = 'PublishFailedError';
}
