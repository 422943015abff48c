// SearXNG: GET <instance>/search?q=…&format=json (the instance must enable the json format).
import type { FetchFunction } from './httpFetcher.js';
import { filterHitsByDomain, querySiteHint } from './domainFilter.js';
import { requestSearchJson } from './searchHttp.js';
import type { SearchHit, WebSearchBackend } from './webSearchBackend.js';

interface SearxngResponse {
  results?: Array<{ title?: unknown; url?: unknown; publishedDate?: unknown }>;
}

export function createSearxngBackend(options: { url: string; userAgent: string; fetch?: FetchFunction }): WebSearchBackend {
  const base = options.url.replace(/\/+$/, '');
  return {
    label: `SearXNG at ${base}`,
    async search(request) {
      const endpoint = new URL(`${base}/search`);
      endpoint.searchParams.set('q', querySiteHint(request.query, request.allowedDomains));
      endpoint.searchParams.set('format', 'json');
      const response = await requestSearchJson<SearxngResponse>(endpoint, {
        service: 'SearXNG',
        signal: request.signal,
        headers: { 'User-Agent': options.userAgent },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (!response.ok) return response;
      const hits = (response.body.results ?? []).flatMap((result): SearchHit[] =>
        typeof result.url === 'string' && result.url !== ''
          ? [{ title: typeof result.title === 'string' ? result.title : result.url, url: result.url, ...(typeof result.publishedDate === 'string' && result.publishedDate ? { pageAge: result.publishedDate } : {}) }]
          : [],
      );
      return { ok: true, hits: filterHitsByDomain(hits, request.allowedDomains, request.blockedDomains) };
    },
  };
}
