// Web search run by the provider (Anthropic's server-side `web_search` tool): one side request to the
// main model with only that tool, continued while the server pauses it, then the calls, results and
// the model's own summary are read out of the reply.
import { completeSideRequest } from './sideQuery.js';
import type { ContentBlock, ModelClient, Usage, WebSearchServerTool } from './types.js';
import { addUsage } from './pricing.js';
import { emptyUsage } from './types.js';

/** Searches the server may run for one WebSearch call. */
export const WEB_SEARCH_MAX_USES = 8;
const MAX_CONTINUATIONS = 3;
const MAX_TOKENS = 4096;

const SYSTEM = `You run web searches for a coding assistant. Search for the query with the web_search tool (refine and search again if the first results are poor), then summarise what you found in a few sentences, naming the sources.`;

export interface ServerSearchRequest {
  query: string;
  allowedDomains?: string[];
  blockedDomains?: string[];
  signal: AbortSignal;
}

export type ServerSearchOutcome =
  | { ok: true; hits: Array<{ title: string; url: string; pageAge?: string }>; queries: string[]; summary: string; usage: Usage }
  | { ok: false; message: string; aborted: boolean };

export function webSearchServerTool(request: Pick<ServerSearchRequest, 'allowedDomains' | 'blockedDomains'>): WebSearchServerTool {
  return {
    type: 'web_search_20250305',
    name: 'web_search',
    max_uses: WEB_SEARCH_MAX_USES,
    ...(request.allowedDomains?.length ? { allowed_domains: request.allowedDomains } : {}),
    ...(request.blockedDomains?.length ? { blocked_domains: request.blockedDomains } : {}),
  };
}

export async function runServerWebSearch(client: ModelClient, model: string, request: ServerSearchRequest): Promise<ServerSearchOutcome> {
  const side = {
    model,
    system: SYSTEM,
    prompt: `Perform a web search for the query: ${request.query}`,
    maxTokens: MAX_TOKENS,
    serverTools: [webSearchServerTool(request)],
    signal: request.signal,
  };
  const answer: ContentBlock[] = [];
  let usage = emptyUsage();
  for (let continuation = 0; ; continuation++) {
    const response = await completeSideRequest(client, side, answer);
    if (!response.ok) return { ok: false, message: `The web search request failed: ${response.message}`, aborted: response.aborted };
    answer.push(...response.message.content);
    usage = addUsage(usage, response.message.usage);
    if (response.message.stop_reason !== 'pause_turn' || continuation >= MAX_CONTINUATIONS) break;
  }
  return readSearchAnswer(answer, usage);
}

function readSearchAnswer(blocks: ContentBlock[], usage: Usage): ServerSearchOutcome {
  const hits: Array<{ title: string; url: string; pageAge?: string }> = [];
  const seen = new Set<string>();
  const queries: string[] = [];
  const errors: string[] = [];
  const summary: string[] = [];
  for (const block of blocks) {
    if (block.type === 'server_tool_use' && typeof block.input['query'] === 'string') queries.push(block.input['query']);
    if (block.type === 'text') summary.push(block.text);
    if (block.type !== 'web_search_tool_result') continue;
    if (!Array.isArray(block.content)) {
      errors.push(block.content.error_code);
      continue;
    }
    for (const result of block.content) {
      if (seen.has(result.url)) continue;
      seen.add(result.url);
      hits.push({ title: result.title, url: result.url, ...(result.page_age ? { pageAge: result.page_age } : {}) });
    }
  }
  if (hits.length === 0 && errors.length > 0) {
    return { ok: false, message: `The web search failed (${[...new Set(errors)].join(', ')}).`, aborted: false };
  }
  return { ok: true, hits, queries, summary: summary.join('').trim(), usage };
}
