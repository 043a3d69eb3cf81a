/** What the sink needs to know about a failed Sheets API call. */
export interface ApiFailure {
  /** HTTP status, absent for network errors and timeouts. */
  readonly status: number | undefined;
  /** Google's message, or the network error's. */
  readonly message: string;
  /** Worth another attempt: 429, 5xx, 408, quota-flavoured 403s, timeouts and connection errors. */
  readonly retryable: boolean;
  /**
   * The request may have been carried out although no answer came (timeout, dropped connection,
   * 5xx), so a write must be checked before it is sent again.
   */
  readonly ambiguous: boolean;
  /** The failure came from Google's OAuth token endpoint, not from the Sheets API. */
  readonly fromTokenEndpoint: boolean;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Sent nothing, so nothing can have happened. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const NETWORK_CODES = new Set([
  ...NOT_SENT_CODES,
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'TimeoutError',
  'AbortError',
]);

/**
 * Classifies an error thrown by the googleapis client (a GaxiosError) or by fetch.
 *
 * @example
 * ```ts
 * classifyFailure({ status: 429, message: 'Quota exceeded' }).retryable; // true
 * ```
 */
export function classifyFailure(error: unknown): ApiFailure {
  const status = httpStatus(error);
  const message = errorMessage(error);
  const fromTokenEndpoint = requestUrl(error).includes('oauth2.googleapis.com/token');
  if (status !== undefined) {
    const quota403 = status === 403 && /quota|rate limit|ratelimit/i.test(message);
    return {
      status,
      message,
      retryable: RETRYABLE_STATUSES.has(status) || quota403,
      ambiguous: status >= 500 || status === 408,
      fromTokenEndpoint,
    };
  }
  const code = errorCode(error);
  const network = code !== undefined && NETWORK_CODES.has(code);
  const looksLikeNetwork = network || /socket hang up|fetch failed|network|timed? ?out|aborted/i.test(message);
  return {
    status: undefined,
    message,
    retryable: looksLikeNetwork,
    ambiguous: looksLikeNetwork && !(code !== undefined && NOT_SENT_CODES.has(code)),
    fromTokenEndpoint,
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function httpStatus(error: unknown): number | undefined {
  const status = field(error, 'status') ?? field(field(error, 'response'), 'status');
  return typeof status === 'number' ? status : undefined;
}

function errorCode(error: unknown): string | undefined {
  const code = field(error, 'code') ?? field(field(error, 'cause'), 'code');
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(error: unknown): string {
  const message = field(error, 'message');
  return typeof message === 'string' ? message : String(error);
}

function requestUrl(error: unknown): string {
  const url = field(field(error, 'config'), 'url');
  return typeof url === 'string' ? url : url instanceof URL ? url.href : '';
}
