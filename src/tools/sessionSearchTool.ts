// SessionSearch: finds earlier sessions of this project by what was said in them, so the model can
// pick up a past decision, command or error without the user retelling it. The search itself lives
// in src/session (the tools may not import it); the session hands it in through CoreToolOptions.
import { z } from 'zod';
import type { Tool, ToolResult } from './types.js';

/** One matching past session, its snippet already marked with **…**. */
export interface PastSessionHit {
  sessionId: string;
  title: string;
  modifiedAt: Date;
  matches: number;
  kind: 'prompt' | 'answer' | 'tool' | 'summary';
  snippet: string;
}

/** Searches this project's transcripts, leaving out the session in progress. */
export interface PastSessionSearch {
  search(query: string, limit: number): { ok: true; hits: PastSessionHit[]; more: number } | { ok: false; message: string };
}

const DEFAULT_LIMIT = 10;

const inputSchema = z.object({
  query: z.string().min(1).describe('Words that must all occur in one message (any case); "double quotes" for an exact phrase'),
  limit: z.number().int().min(1).max(50).optional().describe(`Most sessions to return (default ${DEFAULT_LIMIT})`),
});

type SessionSearchInput = z.infer<typeof inputSchema>;

const description = `Searches this project's past sessions (prompts, answers, tool results) and returns matching sessions, newest first, each with a snippet. Use it when the user refers to earlier work or you need a past decision, command or error. The current session is not searched.`;

const KIND: Record<PastSessionHit['kind'], string> = { prompt: 'user', answer: 'assistant', tool: 'tool result', summary: 'summary' };

function formatHits(query: string, hits: PastSessionHit[], more: number): string {
  const lines = [`${hits.length + more} past session${hits.length + more === 1 ? '' : 's'} match ${JSON.stringify(query)} (newest first):`];
  hits.forEach((hit, i) => {
    const count = hit.matches === 1 ? '1 matching message' : `${hit.matches} matching messages`;
    lines.push(`${i + 1}. ${hit.sessionId} · ${hit.modifiedAt.toISOString().slice(0, 10)} · ${JSON.stringify(hit.title || '(no prompt)')} · ${count}`);
    lines.push(`   ${KIND[hit.kind]}: ${hit.snippet}`);
  });
  if (more > 0) lines.push(`${more} more not shown; a larger limit or more specific words narrow it down.`);
  lines.push('Use what the snippets say, or suggest the user resume a session (`wright -r <session id>`) for its full context.');
  return lines.join('\n');
}

export function createSessionSearchTool(pastSessions: PastSessionSearch): Tool<typeof inputSchema> {
  return {
    name: 'SessionSearch',
    description,
    inputSchema,
    isReadOnly: () => true,
    async run(input: SessionSearchInput): Promise<ToolResult> {
      const outcome = pastSessions.search(input.query, input.limit ?? DEFAULT_LIMIT);
      if (!outcome.ok) return { isError: true, content: `${outcome.message} Give one or more words, or a "quoted phrase".` };
      if (outcome.hits.length === 0) {
        return { content: `No past session of this project matches ${JSON.stringify(input.query)}. Try fewer or other words.`, data: { hits: [], more: 0 } };
      }
      return { content: formatHits(input.query, outcome.hits, outcome.more), data: { hits: outcome.hits, more: outcome.more } };
    },
  };
}
