// One WebFetch request over HTTP(S): manual redirects (same site only), a total time limit, a body
// size limit, and refusal of non-text bodies before they are read. Every outcome is a value.
import { contentKind, looksLikeText } from './pageContent.js';
import { MAX_REDIRECTS, type WebFetchLimits } from './webFetchLimits.js';
import { isSameSiteRedirect, upgradeToHttps } from './webUrl.js';

export type FetchFunction = typeof globalThis.fetch;

export interface FetchPageOptions {
  signal: AbortSignal;
  limits: WebFetchLimits;
  userAgent: string;
  fetch?: FetchFunction;
}

export type FetchOutcome =
  | { kind: 'page'; url: string; status: number; contentType: string; body: Uint8Array; truncated: boolean }
  /** A redirect to another site, not followed. */
  | { kind: 'redirect'; from: string; to: string; status: number }
  | { kind: 'binary'; url: string; contentType: string; size: number | null }
  | { kind: 'http_error'; url: string; status: number; statusText: string }
  | { kind: 'failed'; message: string }
  | { kind: 'aborted' };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/markdown, text/html;q=0.9, text/plain;q=0.8, application/json;q=0.8, */*;q=0.5';

export async function fetchPage(start: URL, options: FetchPageOptions): Promise<FetchOutcome> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.limits.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout.signal]);
  try {
    return await follow(start, options, signal);
  } catch (error) {
    if (options.signal.aborted) return { kind: 'aborted' };
    if (timeout.signal.aborted) {
      return { kind: 'failed', message: `Fetching ${start.href} took longer than ${seconds(options.limits.timeoutMs)}; gave up.` };
    }
    return { kind: 'failed', message: `Could not fetch ${start.href}: ${networkReason(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

async function follow(start: URL, options: FetchPageOptions, signal: AbortSignal): Promise<FetchOutcome> {
  const fetchFunction = options.fetch ?? globalThis.fetch;
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const response = await fetchFunction(url.href, {
      redirect: 'manual',
      signal,
      headers: { 'User-Agent': options.userAgent, Accept: ACCEPT },
    });
    const location = response.headers.get('location');
    if (REDIRECT_STATUSES.has(response.status) && location !== null) {
      await response.body?.cancel();
      const target = redirectTarget(location, url);
      if (target === null) return { kind: 'failed', message: `${url.href} redirected to an invalid location: ${location}` };
      if (!isSameSiteRedirect(url, target)) return { kind: 'redirect', from: url.href, to: target.href, status: response.status };
      if (redirects >= MAX_REDIRECTS) return { kind: 'failed', message: `${start.href} redirected more than ${MAX_REDIRECTS} times; gave up.` };
      url = target;
      continue;
    }
    if (response.status >= 400) {
      await response.body?.cancel();
      return { kind: 'http_error', url: url.href, status: response.status, statusText: response.statusText };
    }
    return readPage(url, response, options.limits.maxBytes);
  }
}

function redirectTarget(location: string, from: URL): URL | null {
  try {
    const target = new URL(location, from);
    return target.protocol === 'http:' || target.protocol === 'https:' ? upgradeToHttps(target) : null;
  } catch {
    return null;
  }
}

async function readPage(url: URL, response: Response, maxBytes: number): Promise<FetchOutcome> {
  const contentType = response.headers.get('content-type') ?? '';
  const declaredSize = Number(response.headers.get('content-length') ?? NaN);
  const size = Number.isFinite(declaredSize) ? declaredSize : null;
  if (contentKind(contentType) === 'binary') {
    await response.body?.cancel();
    return { kind: 'binary', url: url.href, contentType, size };
  }
  const { body, truncated } = await readBody(response, maxBytes);
  if (contentKind(contentType) === 'unknown' && !looksLikeText(body)) {
    return { kind: 'binary', url: url.href, contentType: contentType || 'no content type', size: size ?? body.length };
  }
  return { kind: 'page', url: url.href, status: response.status, contentType, body, truncated };
}

/** Reads up to `maxBytes`, then stops reading and cancels the rest. */
async function readBody(response: Response, maxBytes: number): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (response.body === null) return { body: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: concat(chunks, total), truncated: false };
    if (total + value.length > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - total));
      await reader.cancel();
      return { body: concat(chunks, maxBytes), truncated: true };
    }
    chunks.push(value);
    total += value.length;
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** undici reports "fetch failed" with the useful part (ENOTFOUND, ECONNREFUSED, a TLS error) in `cause`. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.message ? `${cause.code} (${cause.message})` : cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
