import { describe, expect, it } from 'vitest';
import { googleSheetsConfigSchema, googleSheetsSinkOptionsFromConfig } from '../../functions/publishing/google-sheets/googleSheetsConfig.ts';
import { makeServiceAccount } from './support/testServiceAccount.ts';

const spreadsheetId = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf';

function firstIssue(input: unknown): string {
  const result = googleSheetsConfigSchema.safeParse(input);
  if (result.success) return 'valid';
  const issue = result.error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

describe('sinks.sheets', () => {
  it('needs only the spreadsheet id; the rest has defaults', () => {
    expect(googleSheetsConfigSchema.parse({ spreadsheetId })).toEqual({
      spreadsheetId,
      key: { envVar: 'GOOGLE_SERVICE_ACCOUNT_KEY' },
      requestTimeoutMs: 120_000,
      maxRetries: 6,
      writeRequestsPerMinute: 60,
    });
  });

  it('names the bad field', () => {
    expect(firstIssue({ spreadsheetId: 'https://docs.google.com/spreadsheets/d/abc' })).toMatch(/^spreadsheetId: must be the spreadsheet id/);
    expect(firstIssue({ spreadsheetId, key: { file: 'a.json', envVar: 'K' } })).toBe('key: set exactly one of file, envVar, secretId or staticTokenEnvVar');
    expect(firstIssue({ spreadsheetId, writeRequestsPerMinute: 1_000 })).toMatch(/^writeRequestsPerMinute: /);
    expect(firstIssue({ spreadsheetId, requestTimeoutMs: 500_000 })).toMatch(/^requestTimeoutMs: /);
    expect(firstIssue({ spreadsheetId, rootUrl: 'ftp://x' })).toMatch(/^rootUrl: /);
    expect(firstIssue({ spreadsheetId, spreadsheetUrl: 'x' })).toMatch(/spreadsheetUrl/);
  });

  it('accepts a static token only for a local root URL', () => {
    expect(firstIssue({ spreadsheetId, key: { staticTokenEnvVar: 'T' } })).toMatch(/^key.staticTokenEnvVar: only works with a local rootUrl/);
    expect(firstIssue({ spreadsheetId, rootUrl: 'http://127.0.0.1:8080/', key: { staticTokenEnvVar: 'T' } })).toBe('valid');
  });

  it('becomes sink options with the key loaded', async () => {
    const { key } = makeServiceAccount();
    const config = googleSheetsConfigSchema.parse({ spreadsheetId, key: { envVar: 'MY_KEY' }, writeRequestsPerMinute: 40 });

    const options = await googleSheetsSinkOptionsFromConfig(config, { env: { MY_KEY: JSON.stringify(key) } });

    expect(options).toEqual({ spreadsheetId, credentials: key, requestTimeoutMs: 120_000, maxRetries: 6, writeRequestsPerMinute: 40 });
  });
});
