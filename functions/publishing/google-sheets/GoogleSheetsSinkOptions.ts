import type { SheetsCredentials } from './sheetsApiClient.ts';

/** Options of {@link createGoogleSheetsSink}. */
export interface GoogleSheetsSinkOptions {
  /** The id in the spreadsheet URL, between `/d/` and `/edit`. */
  readonly spreadsheetId: string;
  /** API root; defaults to Google. A loopback URL (an emulator) also allows a static token. */
  readonly rootUrl?: string;
  readonly credentials: SheetsCredentials;
  /** Per-request timeout (Google stops processing at 180 s). Default 120,000 ms. */
  readonly requestTimeoutMs?: number;
  /** Retries per call on 429, 5xx, timeouts and network errors. Default 6 (about a minute of backoff). */
  readonly maxRetries?: number;
  /** Self-imposed write quota (Google: 60 per minute per user). Default 60. */
  readonly writeRequestsPerMinute?: number;
  /** Backoff and throttle waits; injectable so tests do not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source, uniform in [0, 1). */
  readonly random?: () => number;
  /** Clock for the write throttle and durations. Default `Date.now`. */
  readonly now?: () => number;
  /** Cells per spreadsheet. Default 10,000,000 (Google's limit). */
  readonly cellLimit?: number;
  /** Largest JSON body per request. Default 1,500,000 bytes (Google advises about 2 MB). */
  readonly maxPayloadBytes?: number;
}

export type ResolvedSinkOptions = Required<Omit<GoogleSheetsSinkOptions, 'rootUrl'>> & Pick<GoogleSheetsSinkOptions, 'rootUrl'>;

export const SINK_DEFAULTS = {
  requestTimeoutMs: 120_000,
  maxRetries: 6,
  writeRequestsPerMinute: 60,
  cellLimit: 10_000_000,
  maxPayloadBytes: 1_500_000,
} as const;

/**
 * Fills in the defaults.
 *
 * @example
 * ```ts
 * resolveSinkOptions({ spreadsheetId, credentials }).writeRequestsPerMinute; // 60
 * ```
 */
export function resolveSinkOptions(options: GoogleSheetsSinkOptions): ResolvedSinkOptions {
  return {
    spreadsheetId: options.spreadsheetId,
    ...(options.rootUrl !== undefined && { rootUrl: options.rootUrl }),
    credentials: options.credentials,
    requestTimeoutMs: options.requestTimeoutMs ?? SINK_DEFAULTS.requestTimeoutMs,
    maxRetries: options.maxRetries ?? SINK_DEFAULTS.maxRetries,
    writeRequestsPerMinute: options.writeRequestsPerMinute ?? SINK_DEFAULTS.writeRequestsPerMinute,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    cellLimit: options.cellLimit ?? SINK_DEFAULTS.cellLimit,
    maxPayloadBytes: options.maxPayloadBytes ?? SINK_DEFAULTS.maxPayloadBytes,
  };
}
