import type { sheets_v4 } from '@googleapis/sheets';
import {
  GoogleAuthError,
  SheetsApiError,
  SpreadsheetNotFoundError,
  SpreadsheetNotSharedError,
} from './errors.ts';
import { callWithRetries, RetriesExhausted, type RetryPolicy } from './retryPolicy.ts';
import type { WriteThrottle } from './WriteThrottle.ts';

export interface GatewayCounters {
  /** Read requests sent (attempts, including retries). */
  reads: number;
  /** Write requests sent (attempts, including retries): what Google's write quota counts. */
  writes: number;
  retries: number;
}

export interface SheetsGatewayDeps {
  readonly api: sheets_v4.Sheets;
  readonly spreadsheetId: string;
  /** Service-account email, for error messages; undefined with a static token. */
  readonly identity: string | undefined;
  readonly policy: RetryPolicy;
  readonly throttle: WriteThrottle;
  /** Shared with another gateway of the same publish (see {@link SheetsGateway.withRetries}). */
  readonly counters?: GatewayCounters;
}

/**
 * The only door to the Sheets API: every call is retried with backoff (POST included), writes
 * wait for the write quota, unanswered writes are checked before they are resent, and failures
 * become errors that say what to do.
 */
export class SheetsGateway {
  readonly counters: GatewayCounters;
  private readonly deps: SheetsGatewayDeps;
  private hasRead = false;

  constructor(deps: SheetsGatewayDeps) {
    this.deps = deps;
    this.counters = deps.counters ?? { reads: 0, writes: 0, retries: 0 };
  }

  /** The same gateway (throttle, counters) with fewer retries, e.g. for best-effort cleanup. */
  withRetries(maxRetries: number): SheetsGateway {
    return new SheetsGateway({ ...this.deps, policy: { ...this.deps.policy, maxRetries }, counters: this.counters });
  }

  get spreadsheetId(): string {
    return this.deps.spreadsheetId;
  }

  /** `spreadsheets.get` without grid data, limited to `fields`. */
  async getSpreadsheet(fields: string): Promise<sheets_v4.Schema$Spreadsheet> {
    const response = await this.read('spreadsheets.get', () =>
      this.deps.api.spreadsheets.get({ spreadsheetId: this.deps.spreadsheetId, fields, includeGridData: false }),
    );
    return response.data;
  }

  /** `values.batchGet` of raw values (numbers as numbers, dates as serial numbers). */
  async getValues(ranges: readonly string[]): Promise<sheets_v4.Schema$ValueRange[]> {
    const response = await this.read('values.batchGet', () =>
      this.deps.api.spreadsheets.values.batchGet({
        spreadsheetId: this.deps.spreadsheetId,
        ranges: [...ranges],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      }),
    );
    return response.data.valueRanges ?? [];
  }

  /** `values.batchUpdate` with RAW input. Absolute ranges make a resend harmless. */
  async writeValues(data: readonly sheets_v4.Schema$ValueRange[]): Promise<void> {
    await this.write('values.batchUpdate', () =>
      this.deps.api.spreadsheets.values.batchUpdate({
        spreadsheetId: this.deps.spreadsheetId,
        requestBody: { valueInputOption: 'RAW', data: [...data] },
      }),
    );
  }

  /**
   * `spreadsheets.batchUpdate` (atomic on Google's side). `wasApplied` is asked after an unanswered
   * attempt; when it says yes the batch is not sent again (it would fail or apply twice).
   */
  async batchUpdate(requests: readonly sheets_v4.Schema$Request[], wasApplied?: () => Promise<boolean>): Promise<void> {
    await this.write(
      'spreadsheets.batchUpdate',
      () =>
        this.deps.api.spreadsheets.batchUpdate({
          spreadsheetId: this.deps.spreadsheetId,
          requestBody: { requests: [...requests] },
        }),
      wasApplied,
    );
  }

  private async read<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const result = await this.send(operation, false, async () => {
      this.counters.reads += 1;
      return call();
    });
    this.hasRead = true;
    return result;
  }

  private async write<T>(operation: string, call: () => Promise<T>, wasApplied?: () => Promise<boolean>): Promise<T | 'applied'> {
    return this.send<T | 'applied'>(
      operation,
      true,
      async () => {
        await this.deps.throttle.acquire();
        this.counters.writes += 1;
        return call();
      },
      wasApplied && (async () => ((await wasApplied()) ? 'applied' : undefined)),
    );
  }

  private async send<T>(
    operation: string,
    writing: boolean,
    attempt: () => Promise<T>,
    recover?: () => Promise<T | undefined>,
  ): Promise<T> {
    try {
      return await callWithRetries(attempt, this.deps.policy, {
        onRetry: () => {
          this.counters.retries += 1;
        },
        ...(recover && { recover }),
      });
    } catch (error) {
      throw error instanceof RetriesExhausted ? this.explain(operation, writing, error) : error;
    }
  }

  private explain(operation: string, writing: boolean, exhausted: RetriesExhausted): Error {
    const { failure, attempts } = exhausted;
    const { spreadsheetId, identity } = this.deps;
    if (failure.fromTokenEndpoint || failure.status === 401) {
      return new GoogleAuthError(
        `Google rejected the credentials${identity ? ` of ${identity}` : ''} (${failure.message}). ` +
          'Check that the service-account key is current (not deleted or disabled) and that the machine clock is right.',
        { cause: exhausted },
      );
    }
    if (failure.status === 403 && !failure.retryable) {
      return new SpreadsheetNotSharedError(spreadsheetId, identity, writing && this.hasRead);
    }
    if (failure.status === 404) return new SpreadsheetNotFoundError(spreadsheetId);
    const status = failure.status === undefined ? '' : ` with HTTP ${failure.status}`;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    return new SheetsApiError(`Google Sheets ${operation} failed${status}${tries}: ${failure.message}`, failure.status, {
      cause: exhausted,
    });
  }
}
