// The search a session offers its SessionSearch tool: this project's transcripts without the one
// being written, each snippet marked with **…** for the model.
import { markSnippet } from './searchSnippet.js';
import { searchSessions } from './sessionSearch.js';

export function pastSessionSearch(transcriptDir: string, currentSessionId: string) {
  return {
    search(query: string, limit: number) {
      const outcome = searchSessions(transcriptDir, query, { limit, excludeSessionId: currentSessionId });
      if (!outcome.ok) return outcome;
      const hits = outcome.hits.map((hit) => ({
        sessionId: hit.sessionId,
        title: hit.title,
        modifiedAt: hit.modifiedAt,
        matches: hit.matches,
        kind: hit.kind,
        snippet: markSnippet(hit.snippet),
      }));
      return { ok: true as const, hits, more: outcome.more };
    },
  };
}
