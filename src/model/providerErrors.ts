// Turns whatever an SDK call threw into one neutral description: kind, HTTP status, whether to try
// again, and a sentence a person can act on. Both SDKs share the Stainless error shape, so this
// reads their errors by shape and never imports either SDK. A server may echo what it was sent (a
// key, a header) in its message, so messages leave here with well-known secret formats redacted;
// the session's exact key values are redacted where messages are printed and stored.
import { redactKnownSecrets } from '../secrets/redactor.js';
import { MalformedStreamError } from './messageAssembler.js';
import { classifyStatus, classifyStreamErrorType, parseRetryAfterMs, type HeaderLookup } from './retryPolicy.js';
import type { ModelErrorKind } from './types.js';

export interface ProviderEndpoint {
  /** How messages name the other side: 'Anthropic API', 'OpenAI-compatible server at http://…'. */
  label: string;
  /** The environment variable the credential came from; null when none was configured. */
  credentialSource: string | null;
  /** What to set when no credential was configured, e.g. 'OPENAI_API_KEY'. */
  credentialHint: string;
  /** A non-default base URL the label does not already show, named when the connection fails. */
  address?: string | undefined;
}

export interface AttemptFailure {
  kind: ModelErrorKind;
  retryable: boolean;
  status: number | null;
  retryAfterMs: number | null;
  /** A short, stable name for retry notices, e.g. 'overloaded'. */
  category: string;
  message: string;
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  status?: unknown;
  headers?: unknown;
  error?: unknown;
  type?: unknown;
  apiMessage?: unknown;
  code?: unknown;
  cause?: unknown;
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function describeProviderError(error: unknown, endpoint: ProviderEndpoint): AttemptFailure {
  const shape = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorShape;
  // The Anthropic SDK names its errors; the OpenAI SDK leaves `name` as 'Error', so the class name counts too.
  const names = new Set([shape.name, (error as object | null)?.constructor?.name].filter((name) => typeof name === 'string'));
  const text = typeof shape.message === 'string' ? shape.message : String(error);

  if (error instanceof MalformedStreamError || error instanceof SyntaxError) {
    return failure('malformed_response', true, null, `${endpoint.label} sent malformed stream data: ${text}`);
  }
  if (names.has('APIUserAbortError') || names.has('AbortError')) {
    return failure('aborted', false, null, 'The request was aborted.');
  }
  if (typeof shape.status === 'number') return describeHttpError(shape, shape.status, endpoint);
  // An error event inside an HTTP 200 stream: the SDKs raise an APIError with the event's body and no status.
  const streamErrorBody = typeof shape.error === 'object' && shape.error !== null;
  if ((names.has('APIError') || streamErrorBody) && shape.error !== undefined) return describeStreamError(shape, endpoint);
  if (names.has('APIConnectionError') || names.has('APIConnectionTimeoutError') || isNetworkFailure(shape)) {
    const detail = networkDetail(shape) ?? text;
    const where = endpoint.address ? `${endpoint.label} at ${endpoint.address}` : endpoint.label;
    return failure('connection', true, null, `Connection to ${where} failed: ${detail}`);
  }
  return failure('connection', false, null, `${endpoint.label} request failed: ${text}`);
}

function describeHttpError(shape: ErrorShape, status: number, endpoint: ProviderEndpoint): AttemptFailure {
  const { kind, retryable } = classifyStatus(status);
  const { type, message } = providerDetail(shape);
  const detail = [String(status), type].filter(Boolean).join(' ') + (message ? `: ${message}` : '');
  const retryAfterMs = isHeaderLookup(shape.headers) ? parseRetryAfterMs(shape.headers) : null;
  if (kind === 'authentication') {
    const sentence = endpoint.credentialSource
      ? `${endpoint.label} rejected the credential from ${endpoint.credentialSource} (${detail}). ` +
        `Check that ${endpoint.credentialSource} holds a valid key, or set a different one.`
      : `${endpoint.label} requires a credential and none was set (${detail}). Set ${endpoint.credentialHint}.`;
    return { ...failure(kind, false, status, sentence), retryAfterMs };
  }
  return { ...failure(kind, retryable, status, `${endpoint.label} returned ${detail}`), retryAfterMs };
}

/** An error reported inside a stream that had already started with HTTP 200. */
function describeStreamError(shape: ErrorShape, endpoint: ProviderEndpoint): AttemptFailure {
  const { type, message } = providerDetail(shape);
  const { kind, retryable } = classifyStreamErrorType(type);
  const detail = [type, message].filter(Boolean).join(': ') || 'unknown error';
  return failure(kind, retryable, null, `${endpoint.label} stream failed with ${detail}`);
}

/** The provider's own error type and message, from either SDK's error object. */
function providerDetail(shape: ErrorShape): { type: string | null; message: string | null } {
  const body = asRecord(shape.error);
  const nested = asRecord(body?.['error']);
  const type = firstString(shape.type, nested?.['type'], body?.['type'] === 'error' ? undefined : body?.['type']);
  const message = firstString(shape.apiMessage, nested?.['message'], body?.['message']);
  return { type, message };
}

function isNetworkFailure(shape: ErrorShape): boolean {
  for (let current: unknown = shape, depth = 0; current && depth < 5; depth++) {
    const layer = current as ErrorShape;
    if (typeof layer.code === 'string' && NETWORK_ERROR_CODES.has(layer.code)) return true;
    // undici reports a socket closed mid-body as `TypeError: terminated`.
    if (layer.name === 'TypeError' && (layer.message === 'terminated' || layer.message === 'fetch failed')) return true;
    current = layer.cause;
  }
  return false;
}

/** The innermost cause usually says what really happened ("other side closed", "connect ECONNREFUSED …"). */
function networkDetail(shape: ErrorShape): string | null {
  let detail: string | null = null;
  for (let current: unknown = shape, depth = 0; current && depth < 5; depth++) {
    const layer = current as ErrorShape;
    if (typeof layer.message === 'string' && layer.message) detail = layer.message;
    current = layer.cause;
  }
  return detail;
}

const CATEGORY: Record<ModelErrorKind, string> = {
  authentication: 'authentication_failed',
  permission: 'permission_denied',
  not_found: 'not_found',
  invalid_request: 'invalid_request',
  rate_limit: 'rate_limit',
  overloaded: 'overloaded',
  server: 'server_error',
  connection: 'connection_error',
  aborted: 'aborted',
  malformed_response: 'malformed_response',
};

export function failure(kind: ModelErrorKind, retryable: boolean, status: number | null, message: string): AttemptFailure {
  return { kind, retryable, status, retryAfterMs: null, category: CATEGORY[kind], message: redactKnownSecrets(message) };
}

function isHeaderLookup(value: unknown): value is HeaderLookup {
  return typeof value === 'object' && value !== null && typeof (value as HeaderLookup).get === 'function';
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

function firstString(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === 'string' && value) return value;
  return null;
}
