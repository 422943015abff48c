// WebFetch's limits, read from the session's environment (tests shorten them):
//   WRIGHT_WEB_FETCH_TIMEOUT_MS  the whole fetch, redirects and body included (default 30 s)
//   WRIGHT_WEB_FETCH_MAX_BYTES   bytes of body read before stopping (default 10 MB)

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_FETCH_MAX_BYTES = 10 * 1024 * 1024;
/** Characters of page text handed to the model (or the small model) at most. */
export const MAX_PAGE_CHARACTERS = 100_000;
export const MAX_REDIRECTS = 10;

export interface WebFetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export function webFetchLimits(env: Record<string, string | undefined>): WebFetchLimits {
  return {
    timeoutMs: positiveWhole(env['WRIGHT_WEB_FETCH_TIMEOUT_MS']) ?? DEFAULT_FETCH_TIMEOUT_MS,
    maxBytes: positiveWhole(env['WRIGHT_WEB_FETCH_MAX_BYTES']) ?? DEFAULT_FETCH_MAX_BYTES,
  };
}

/** A malformed value falls back to the default rather than failing a fetch the model asked for. */
function positiveWhole(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value.trim());
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
