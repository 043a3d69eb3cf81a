import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { JWT, OAuth2Client } from 'google-auth-library';
import { GoogleSheetsConfigError } from './errors.ts';
import type { ServiceAccountKey } from './serviceAccountKey.ts';
import { isLoopbackUrl } from './loopbackUrl.ts';

export { isLoopbackUrl };

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

/** A service-account key, or (only with a local root URL, i.e. an emulator) a fixed bearer token. */
export type SheetsCredentials = ServiceAccountKey | { readonly staticToken: string };

export interface SheetsApiSettings {
  /** Defaults to Google's API; a loopback URL targets an emulator. */
  readonly rootUrl?: string;
  readonly credentials: SheetsCredentials;
  readonly requestTimeoutMs: number;
}

export interface SheetsApi {
  readonly api: sheets_v4.Sheets;
  /** The service account's email (for "share with …" messages); undefined with a static token. */
  readonly identity: string | undefined;
  /** Obtains a token now (used by `doctor` to check authentication separately from access). */
  readonly authenticate: () => Promise<void>;
}

/**
 * Builds the Sheets client from the `@googleapis/sheets` package only (a small bundle). The
 * client's own retries are off (they skip POST and ignore per-minute quotas); the sink retries.
 *
 * @example
 * ```ts
 * const { api } = createSheetsApi({ credentials: key, requestTimeoutMs: 120_000 });
 * ```
 */
export function createSheetsApi(settings: SheetsApiSettings): SheetsApi {
  const local = settings.rootUrl !== undefined && isLoopbackUrl(settings.rootUrl);
  const { auth, identity } = authClient(settings.credentials, local);
  const api = sheets({
    version: 'v4',
    auth,
    retry: false,
    timeout: settings.requestTimeoutMs,
    ...(settings.rootUrl !== undefined && { rootUrl: settings.rootUrl }),
  });
  return {
    api,
    identity,
    authenticate: async () => {
      await auth.getRequestHeaders(`${settings.rootUrl ?? 'https://sheets.googleapis.com/'}`);
    },
  };
}

function authClient(credentials: SheetsCredentials, local: boolean): { auth: OAuth2Client; identity: string | undefined } {
  if ('staticToken' in credentials) {
    if (!local) {
      throw new GoogleSheetsConfigError(
        'A static token is only accepted with a local rootUrl (an emulator); use a service-account key for Google.',
      );
    }
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: credentials.staticToken, expiry_date: Date.now() + 365 * 86_400_000 });
    return { auth, identity: undefined };
  }
  const jwt = new JWT({
    email: credentials.client_email,
    key: credentials.private_key,
    ...(credentials.private_key_id !== undefined && { keyId: credentials.private_key_id }),
    scopes: [SHEETS_SCOPE],
  });
  // Against an emulator, sign the token ourselves instead of asking Google's token endpoint.
  jwt.useJWTAccessWithScope = local;
  return { auth: jwt, identity: credentials.client_email };
}
