// The one HTTP call a search API backend makes: GET, JSON back, a time limit, failures as values.
import { networkReason, type FetchFunction } from './httpFetcher.js';

export const SEARCH_TIMEOUT_MS = 20_000;

export type SearchJson<Body> = { ok: true; body: Body } | { ok: false; message: string; aborted?: boolean };

export async function requestSearchJson<Body>(
  endpoint: URL,
  options: { service: string; signal: AbortSignal; headers: Record<string, string>; fetch?: FetchFunction; timeoutMs?: number },
): Promise<SearchJson<Body>> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? SEARCH_TIMEOUT_MS);
  const where = `${endpoint.origin}${endpoint.pathname}`;
  try {
    const response = await (options.fetch ?? globalThis.fetch)(endpoint.href, {
      signal: AbortSignal.any([options.signal, timeout]),
      headers: { Accept: 'application/json', ...options.headers },
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).trim().slice(0, 300);
      return { ok: false, message: `${options.service} answered HTTP ${response.status} from ${where}${detail ? `: ${detail}` : '.'}` };
    }
    try {
      return { ok: true, body: (await response.json()) as Body };
    } catch {
      return { ok: false, message: `${options.service} at ${where} did not answer JSON (for SearXNG, enable the json format in its settings).` };
    }
  } catch (error) {
    if (options.signal.aborted) return { ok: false, message: 'Interrupted.', aborted: true };
    if (timeout.aborted) return { ok: false, message: `${options.service} at ${where} did not answer within ${(options.timeoutMs ?? SEARCH_TIMEOUT_MS) / 1000} s.` };
    return { ok: false, message: `Could not reach ${options.service} at ${where}: ${networkReason(error)}` };
  }
}
