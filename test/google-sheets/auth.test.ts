import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleSheetsSink } from '../../functions/publishing/google-sheets/GoogleSheetsSink.ts';
import {
  GoogleAuthError,
  GoogleSheetsConfigError,
  PublishFailedError,
  SpreadsheetNotFoundError,
  SpreadsheetNotSharedError,
} from '../../functions/publishing/google-sheets/errors.ts';
import { SheetsEmulator } from './emulator/SheetsEmulator.ts';
import { readerView } from './emulator/readerView.ts';
import { buildModel } from './support/sheetModels.ts';
import { makeServiceAccount } from './support/testServiceAccount.ts';

/**
 * Service-account auth end to end: the sink signs JWTs with the key (against a local root URL it
 * signs them itself instead of asking Google's token endpoint) and the emulator verifies them with
 * the public key, so "who is calling" is real, and so are the 403s for unshared spreadsheets.
 */
const account = makeServiceAccount();
const stranger = makeServiceAccount('someone-else@other-project.iam.gserviceaccount.com');
const model = buildModel({ customersPerSegment: [2], run: 1 });
let emulator: SheetsEmulator;

beforeAll(async () => {
  emulator = await SheetsEmulator.start();
  emulator.principals.addServiceAccount(account.key.client_email, account.publicKeyPem);
});
afterAll(async () => {
  await emulator.close();
});

function sink(spreadsheetId: string, credentials = account.key) {
  return createGoogleSheetsSink({ spreadsheetId, rootUrl: emulator.rootUrl, credentials, maxRetries: 0, sleep: async () => {} });
}

describe('a service account', () => {
  it('that the spreadsheet is shared with (Editor) publishes', async () => {
    const id = emulator.createSpreadsheet({ sharedWith: { [account.key.client_email]: 'writer' } });

    await sink(id).publish(model);

    expect(readerView(emulator.spreadsheet(id)).map((tab) => tab.title)).toContain('Champions');
    expect(emulator.calls.at(-1)?.principal).toBe(account.key.client_email);
  });

  it('that the spreadsheet is not shared with gets a 403 naming the email to share with, and nothing changes', async () => {
    const id = emulator.createSpreadsheet({ sharedWith: { 'owner@example.com': 'writer' } });
    const before = JSON.stringify(readerView(emulator.spreadsheet(id)));

    const error = await sink(id).publish(model).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SpreadsheetNotSharedError);
    expect((error as Error).message).toContain(`add ${account.key.client_email} as an Editor`);
    expect((error as SpreadsheetNotSharedError).serviceAccountEmail).toBe(account.key.client_email);
    expect(JSON.stringify(readerView(emulator.spreadsheet(id)))).toBe(before);
  });

  it('with view access only is told to become an Editor, and nothing changes', async () => {
    const id = emulator.createSpreadsheet({ sharedWith: { [account.key.client_email]: 'reader' } });

    const error = await sink(id).publish(model).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PublishFailedError);
    expect((error as Error).message).toContain(`${account.key.client_email} can read but not edit`);
    expect((error as Error).message).toContain('nothing visible changed');
    expect(readerView(emulator.spreadsheet(id)).map((tab) => tab.title)).toEqual(['Sheet1']);
  });

  it('whose key Google does not know is rejected as an authentication error', async () => {
    const id = emulator.createSpreadsheet({ sharedWith: { [stranger.key.client_email]: 'writer' } });

    await expect(sink(id, stranger.key).publish(model)).rejects.toBeInstanceOf(GoogleAuthError);
  });

  it('pointed at a spreadsheet id that does not exist is told to check the id', async () => {
    await expect(sink('1DoesNotExist0000000000000000000000').publish(model)).rejects.toBeInstanceOf(SpreadsheetNotFoundError);
  });
});

describe('a static token', () => {
  it('is refused with Google’s API (only emulators accept it)', () => {
    expect(() => createGoogleSheetsSink({ spreadsheetId: 'x'.repeat(44), credentials: { staticToken: 't' } })).toThrow(GoogleSheetsConfigError);
    expect(() =>
      createGoogleSheetsSink({ spreadsheetId: 'x'.repeat(44), rootUrl: 'https://sheets.googleapis.com/', credentials: { staticToken: 't' } }),
    ).toThrow(/only accepted with a local rootUrl/);
  });

  it('that the emulator does not know gets a 401 as an authentication error', async () => {
    const id = emulator.createSpreadsheet();
    const tokenSink = createGoogleSheetsSink({ spreadsheetId: id, rootUrl: emulator.rootUrl, credentials: { staticToken: 'nope' }, maxRetries: 0 });

    await expect(tokenSink.publish(model)).rejects.toThrow(/Google rejected the credentials/);
  });
});
