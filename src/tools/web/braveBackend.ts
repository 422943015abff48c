// Brave Search API: GET <base>/res/v1/web/search?q=… with the key in X-Subscription-Token.
import type { FetchFunction } from './httpFetcher.js';
import { filterHitsByDomain, querySiteHint } from './domainFilter.js';
import { requestSearchJson } from './searchHttp.js';
import type { SearchHit, WebSearchBackend } from './webSearchBackend.js';

export const BRAVE_API_BASE = 'https://api.search.brave.com';
export const DEFAULT_BRAVE_KEY_VARIABLE = 'BRAVE_API_KEY';

interface BraveResponse {
  web?: { results?: Array<{ title?: unknown; url?: unknown; age?: unknown; page_age?: unknown }> };
}

export interface BraveBackendOptions {
  /** The API base; the public API unless set (tests point it at a local server). */
  url?: string;
  /** The environment variable holding the subscription token, and the environment to read it from. */
  apiKeyEnv: string;
  env: Record<string, string | undefined>;
  userAgent: string;
  fetch?: FetchFunction;
}

export function createBraveBackend(options: BraveBackendOptions): WebSearchBackend {
  const base = (options.url ?? BRAVE_API_BASE).replace(/\/+$/, '');
  return {
    label: `Brave Search${options.url ? ` at ${base}` : ''}`,
    async search(request) {
      const key = options.env[options.apiKeyEnv];
      if (!key) {
        return { ok: false, message: `Brave Search needs an API key: set ${options.apiKeyEnv} (settings webSearch.apiKeyEnv names the variable).` };
      }
      const endpoint = new URL(`${base}/res/v1/web/search`);
      endpoint.searchParams.set('q', querySiteHint(request.query, request.allowedDomains));
      endpoint.searchParams.set('count', '20');
      const response = await requestSearchJson<BraveResponse>(endpoint, {
        service: 'Brave Search',
        signal: request.signal,
        headers: { 'User-Agent': options.userAgent, 'X-Subscription-Token': key },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (!response.ok) return response;
      const hits = (response.body.web?.results ?? []).flatMap((result): SearchHit[] => {
        if (typeof result.url !== 'string' || result.url === '') return [];
        const age = typeof result.age === 'string' ? result.age : typeof result.page_age === 'string' ? result.page_age : undefined;
        return [{ title: typeof result.title === 'string' ? result.title : result.url, url: result.url, ...(age ? { pageAge: age } : {}) }];
      });
      return { ok: true, hits: filterHitsByDomain(hits, request.allowedDomains, request.blockedDomains) };
    },
  };
}
