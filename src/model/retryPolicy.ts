// Which failures are worth another attempt, and how long to wait before it. Pure functions, so
// the policy can be tested without a network or a clock.
import type { ModelErrorKind } from './types.js';

export const BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 32_000;
/** A server may ask for a long pause; beyond this we would rather try again and see. */
export const MAX_RETRY_AFTER_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 10;
export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type Random = () => number;

export interface StatusClass {
  kind: ModelErrorKind;
  retryable: boolean;
}

/** HTTP status → error kind; 408/409/429 and every 5xx (including 529) are transient. */
export function classifyStatus(status: number): StatusClass {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return { kind: 'invalid_request', retryable: false };
    case 401:
      return { kind: 'authentication', retryable: false };
    case 402:
    case 403:
      return { kind: 'permission', retryable: false };
    case 404:
      return { kind: 'not_found', retryable: false };
    case 408:
      return { kind: 'connection', retryable: true };
    case 409:
      return { kind: 'server', retryable: true };
    case 429:
      return { kind: 'rate_limit', retryable: true };
    case 529:
      return { kind: 'overloaded', retryable: true };
  }
  if (status >= 500) return { kind: 'server', retryable: true };
  return { kind: 'invalid_request', retryable: false };
}

/** The `error.type` of an SSE `error` event (or an OpenAI error chunk) that arrived after HTTP 200. */
export function classifyStreamErrorType(type: string | null | undefined): StatusClass {
  // A stream that breaks off with an error it does not name is most likely a server fault.
  if (!type) return { kind: 'server', retryable: true };
  switch (type) {
    case 'overloaded_error':
      return { kind: 'overloaded', retryable: true };
    case 'rate_limit_error':
    case 'rate_limit_exceeded':
      return { kind: 'rate_limit', retryable: true };
    case 'api_error':
    case 'server_error':
    case 'internal_error':
    case 'timeout_error':
      return { kind: 'server', retryable: true };
    case 'authentication_error':
      return { kind: 'authentication', retryable: false };
    case 'permission_error':
      return { kind: 'permission', retryable: false };
    case 'not_found_error':
      return { kind: 'not_found', retryable: false };
    default:
      return { kind: 'invalid_request', retryable: false };
  }
}

export interface HeaderLookup {
  get(name: string): string | null | undefined;
}

/** How long the server asked us to wait: `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfterMs(headers: HeaderLookup | null | undefined, now: number = Date.now()): number | null {
  if (!headers) return null;
  const milliseconds = parseNonNegativeNumber(headers.get('retry-after-ms'));
  if (milliseconds !== null) return Math.round(milliseconds);
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  const seconds = parseNonNegativeNumber(value);
  if (seconds !== null) return Math.round(seconds * 1000);
  // A number that is not a valid delay (e.g. negative) must not be read as a year by Date.parse.
  if (/^[+-]?[\d.]+$/.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/**
 * The wait before retry number `retryNumber` (1-based): the server's retry-after when given (capped),
 * else exponential backoff with full jitter, a uniform pick in [0, min(cap, base·2^(n−1))].
 */
export function backoffDelayMs(
  retryNumber: number,
  random: Random,
  retryAfterMs: number | null = null,
  baseDelayMs: number = BASE_DELAY_MS,
): number {
  if (retryAfterMs !== null) return Math.min(Math.max(0, retryAfterMs), MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  const fraction = Math.min(Math.max(random(), 0), 1);
  return Math.round(fraction * ceiling);
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function parseNonNegativeNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : null;
}
