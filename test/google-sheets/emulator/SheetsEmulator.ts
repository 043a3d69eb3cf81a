import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './ApiError.ts';
import { applyBatchUpdate } from './batchUpdate.ts';
import { FaultPlan, type FaultKind, type FaultRule } from './faults.ts';
import { parseFieldMask, projectFields } from './fieldMask.ts';
import type { StoredValue } from './Grid.ts';
import type { Json } from './json.ts';
import { Principals } from './principals.ts';
import { spreadsheetJson } from './spreadsheetJson.ts';
import {
  cloneSpreadsheet,
  DEFAULT_COLUMN_COUNT,
  DEFAULT_ROW_COUNT,
  newSheet,
  type Access,
  type SpreadsheetState,
} from './SpreadsheetState.ts';
import { valuesBatchClear, valuesBatchGet, valuesBatchUpdate } from './valuesEndpoints.ts';

export interface SheetsEmulatorOptions {
  /** Cells per spreadsheet (Google: 10,000,000). */
  readonly cellLimit?: number;
  /** Largest request body accepted (Google rejects above 10 MiB). */
  readonly maxPayloadBytes?: number;
  /** When set, write calls beyond this many per principal per minute get Google's 429. */
  readonly writeQuotaPerMinute?: number;
  /** Clock for JWT expiry and the write quota; injectable so quota tests need not wait. */
  readonly now?: () => number;
}

export interface SheetInit {
  readonly title: string;
  readonly rowCount?: number;
  readonly columnCount?: number;
  readonly hidden?: boolean;
  /** Values from A1; `null` leaves a cell empty. */
  readonly values?: readonly (readonly (StoredValue | null)[])[];
}

export interface SpreadsheetInit {
  readonly title?: string;
  readonly sheets?: readonly SheetInit[];
  /** Principal → access; principals not listed get 403, as when a Sheet is not shared with them. */
  readonly sharedWith?: Readonly<Record<string, Access>>;
}

export type Route = 'get' | 'batchUpdate' | 'values.batchUpdate' | 'values.batchGet' | 'values.batchClear';

export interface LoggedCall {
  readonly index: number;
  readonly route: Route;
  readonly principal?: string;
  readonly bytes: number;
  readonly status: number | 'no response';
  readonly fault?: FaultKind;
}

const WRITE_ROUTES: ReadonlySet<Route> = new Set(['batchUpdate', 'values.batchUpdate', 'values.batchClear']);

/**
 * A local HTTP server speaking the subset of Google Sheets API v4 that the sink uses, with
 * Google's validation where it matters and fault injection. Tests point the real
 * `@googleapis/sheets` client at {@link SheetsEmulator.rootUrl} and assert on {@link SheetsEmulator.spreadsheet}.
 *
 * @example
 * ```ts
 * const emulator = await SheetsEmulator.start();
 * emulator.principals.addStaticToken('test-token', 'robot@example.com');
 * const id = emulator.createSpreadsheet({ sharedWith: { 'robot@example.com': 'writer' } });
 * // ... publish with rootUrl: emulator.rootUrl ...
 * await emulator.close();
 * ```
 */
export class SheetsEmulator {
  readonly principals = new Principals();
  readonly faults = new FaultPlan();
  readonly calls: LoggedCall[] = [];
  private readonly spreadsheets = new Map<string, SpreadsheetState>();
  private readonly held = new Set<ServerResponse>();
  private readonly writeTimes = new Map<string, number[]>();
  private readonly server: Server;
  private readonly cellLimit: number;
  private readonly maxPayloadBytes: number;
  private readonly writeQuotaPerMinute: number | undefined;
  private readonly now: () => number;
  private nextId = 1_000_001;
  private port = 0;

  private constructor(options: SheetsEmulatorOptions) {
    this.cellLimit = options.cellLimit ?? 10_000_000;
    this.maxPayloadBytes = options.maxPayloadBytes ?? 10 * 1024 * 1024;
    this.writeQuotaPerMinute = options.writeQuotaPerMinute;
    this.now = options.now ?? Date.now;
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  static async start(options: SheetsEmulatorOptions = {}): Promise<SheetsEmulator> {
    const emulator = new SheetsEmulator(options);
    await new Promise<void>((resolve) => emulator.server.listen(0, '127.0.0.1', resolve));
    emulator.port = (emulator.server.address() as AddressInfo).port;
    return emulator;
  }

  get rootUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Calls received so far; fault rules count from here. */
  get callCount(): number {
    return this.calls.length;
  }

  createSpreadsheet(init: SpreadsheetInit = {}): string {
    const spreadsheetId = randomBytes(33).toString('base64url');
    const sheets = (init.sheets ?? [{ title: 'Sheet1' }]).map((sheetInit, index) => {
      const sheet = newSheet({
        sheetId: index === 0 ? 0 : this.newId(),
        title: sheetInit.title,
        index,
        hidden: sheetInit.hidden ?? false,
        rowCount: sheetInit.rowCount ?? DEFAULT_ROW_COUNT,
        columnCount: sheetInit.columnCount ?? DEFAULT_COLUMN_COUNT,
        frozenRowCount: 0,
        frozenColumnCount: 0,
      });
      sheetInit.values?.forEach((row, rowIndex) =>
        row.forEach((value, columnIndex) => {
          if (value !== null) sheet.grid.setValue(rowIndex, columnIndex, value);
        }),
      );
      return sheet;
    });
    this.spreadsheets.set(spreadsheetId, {
      spreadsheetId,
      title: init.title ?? 'Untitled spreadsheet',
      locale: 'en_US',
      timeZone: 'Etc/GMT',
      sheets,
      developerMetadata: [],
      sharedWith: new Map(Object.entries(init.sharedWith ?? {})),
    });
    return spreadsheetId;
  }

  /** An independent copy under a new id (to compare a faulted run with a clean one). */
  copySpreadsheet(spreadsheetId: string): string {
    const copyId = randomBytes(33).toString('base64url');
    this.spreadsheets.set(copyId, cloneSpreadsheet(this.spreadsheet(spreadsheetId), copyId));
    return copyId;
  }

  /** The current state, for assertions. Each write replaces it, so read it again after a publish. */
  spreadsheet(spreadsheetId: string): SpreadsheetState {
    const state = this.spreadsheets.get(spreadsheetId);
    if (!state) throw new Error(`No emulated spreadsheet ${spreadsheetId}`);
    return state;
  }

  injectFault(rule: FaultRule): void {
    this.faults.inject(rule);
  }

  async close(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private newId(): number {
    this.nextId += 7919;
    return this.nextId;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(decodeURIComponent(request.url ?? '/'), this.rootUrl);
    const match = matchRoute(request.method ?? 'GET', url.pathname);
    if (!match) {
      send(response, 404, new ApiError(404, 'NOT_FOUND', `Method not found: ${request.method} ${url.pathname}`).body());
      return;
    }
    const index = this.calls.length;
    const fault = this.faults.take(index);
    const log = (status: number | 'no response', principal?: string): void => {
      this.calls.push({ index, route: match.route, bytes: body.length, status, ...(principal && { principal }), ...(fault && { fault }) });
    };
    if (fault === 'timeout') {
      log('no response');
      this.held.add(response); // never answered; the client's timeout must fire
      response.on('close', () => this.held.delete(response));
      return;
    }
    if (fault === 'reset') {
      log('no response');
      request.socket.destroy();
      return;
    }
    if (fault === 'http429' || fault === 'http500' || fault === 'http503') {
      const error = faultError(fault);
      log(error.httpStatus);
      send(response, error.httpStatus, error.body());
      return;
    }
    let principal: string | undefined;
    try {
      principal = this.principals.authenticate(request.headers.authorization, this.now());
      const result = this.dispatch(match.route, match.spreadsheetId, principal, body, url.searchParams);
      if (fault === 'resetAfterApply') {
        log('no response', principal);
        request.socket.destroy();
        return;
      }
      log(200, principal);
      send(response, 200, result);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', `Emulator failure: ${String(error)}`);
      log(apiError.httpStatus, principal);
      send(response, apiError.httpStatus, apiError.body());
    }
  }

  private dispatch(route: Route, spreadsheetId: string, principal: string, body: Buffer, query: URLSearchParams): Json {
    const state = this.spreadsheets.get(spreadsheetId);
    if (!state) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const access = state.sharedWith.get(principal);
    const writing = WRITE_ROUTES.has(route);
    if (access === undefined || (writing && access !== 'writer')) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
    }
    if (body.length > this.maxPayloadBytes) {
      throw ApiError.invalid(`Request payload size exceeds the limit: ${this.maxPayloadBytes} bytes.`);
    }
    if (writing) this.chargeWriteQuota(principal);
    const json = body.length === 0 ? undefined : parseJson(body);
    switch (route) {
      case 'get':
        return getSpreadsheet(state, query);
      case 'values.batchGet':
        return valuesBatchGet(state, query);
      case 'batchUpdate': {
        const result = applyBatchUpdate(state, json, { cellLimit: this.cellLimit, newId: () => this.newId() });
        this.spreadsheets.set(spreadsheetId, result.state);
        return { spreadsheetId, replies: [...result.replies] };
      }
      case 'values.batchUpdate': {
        const result = valuesBatchUpdate(state, json, this.cellLimit);
        this.spreadsheets.set(spreadsheetId, result.state);
        return result.response;
      }
      case 'values.batchClear': {
        const result = valuesBatchClear(state, json);
        this.spreadsheets.set(spreadsheetId, result.state);
        return result.response;
      }
    }
  }

  private chargeWriteQuota(principal: string): void {
    if (this.writeQuotaPerMinute === undefined) return;
    const now = this.now();
    const recent = (this.writeTimes.get(principal) ?? []).filter((time) => time > now - 60_000);
    if (recent.length >= this.writeQuotaPerMinute) {
      this.writeTimes.set(principal, recent);
      throw quotaError();
    }
    this.writeTimes.set(principal, [...recent, now]);
  }
}

function getSpreadsheet(state: SpreadsheetState, query: URLSearchParams): Json {
  if (query.get('includeGridData') === 'true') throw ApiError.notEmulated('includeGridData');
  if (query.getAll('ranges').length > 0) throw ApiError.notEmulated('spreadsheets.get with ranges');
  const fields = query.get('fields');
  const json = spreadsheetJson(state);
  return fields === null ? json : projectFields(json, parseFieldMask(fields));
}

function matchRoute(method: string, pathname: string): { route: Route; spreadsheetId: string } | undefined {
  const match = /^\/v4\/spreadsheets\/([A-Za-z0-9_-]+)(:batchUpdate|\/values:batchUpdate|\/values:batchGet|\/values:batchClear)?$/.exec(pathname);
  if (!match?.[1]) return undefined;
  const suffix = match[2] ?? '';
  const routes: Record<string, [string, Route]> = {
    '': ['GET', 'get'],
    ':batchUpdate': ['POST', 'batchUpdate'],
    '/values:batchUpdate': ['POST', 'values.batchUpdate'],
    '/values:batchGet': ['GET', 'values.batchGet'],
    '/values:batchClear': ['POST', 'values.batchClear'],
  };
  const entry = routes[suffix];
  return entry && entry[0] === method ? { route: entry[1], spreadsheetId: match[1] } : undefined;
}

function faultError(kind: 'http429' | 'http500' | 'http503'): ApiError {
  if (kind === 'http429') return quotaError();
  if (kind === 'http503') return new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
  return new ApiError(500, 'INTERNAL', 'Internal error encountered.');
}

function quotaError(): ApiError {
  return new ApiError(
    429,
    'RESOURCE_EXHAUSTED',
    "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'.",
  );
}

function parseJson(body: Buffer): unknown {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed;
  } catch {
    throw ApiError.invalid('Invalid JSON payload received.');
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
