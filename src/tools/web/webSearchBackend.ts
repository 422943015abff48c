// What WebSearch needs from a search service, whichever it is: the provider's own server-side
// search (Anthropic), or a search API wright calls itself (SearXNG, Brave).
import type { SideModelUsage } from '../types.js';

export interface SearchHit {
  title: string;
  url: string;
  /** How old the page is, as the service words it ("3 days ago", "April 2, 2025"). */
  pageAge?: string;
}

export interface SearchRequest {
  query: string;
  allowedDomains?: string[];
  blockedDomains?: string[];
  signal: AbortSignal;
}

export type SearchOutcome =
  | {
      ok: true;
      hits: SearchHit[];
      /** The searching model's own summary of what it found (server-side search only). */
      summary?: string;
      /** The queries actually run, when the service chose them. */
      queries?: string[];
      /** Model tokens the search used (server-side search runs through a model request). */
      modelUsage?: SideModelUsage[];
    }
  | { ok: false; message: string; aborted?: boolean };

export interface WebSearchBackend {
  /** Named in results, e.g. "SearXNG at https://search.example.org". */
  label: string;
  search(request: SearchRequest): Promise<SearchOutcome>;
}
