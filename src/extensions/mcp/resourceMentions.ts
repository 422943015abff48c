// `@server:protocol://path` in a user's prompt: the MCP server's resource is read and attached to
// the turn after the prompt, as `@file` mentions attach files (src/context/fileMentions.ts). The
// mention stays in the text as typed. A server that is unknown, not connected or has no resources,
// and a resource that cannot be read, leave the text as it is and give a notice.
import { MAX_FILE_CHARS, MAX_TOTAL_CHARS } from '../../context/fileMentions.js';
import type { McpHub } from './mcpHub.js';

/** `@name:scheme:…` (the URI must have a scheme, so `@src/a.ts` and `@notes:` stay file mentions). */
const RESOURCE_MENTION = /(^|\s)@([A-Za-z0-9_-]+):([A-Za-z][A-Za-z0-9+.-]*:\S+)/g;

export interface ResourceMention {
  server: string;
  uri: string;
}

export function findResourceMentions(text: string): ResourceMention[] {
  return [...text.matchAll(RESOURCE_MENTION)].map((match) => ({ server: match[2]!, uri: match[3]! }));
}

export interface ResourceAttachments {
  /** `<mcp-resource>` blocks, in the order mentioned. */
  blocks: string[];
  /** What could not be attached, for the user. */
  notices: string[];
}

type Contents = Array<Record<string, unknown>>;

function contentsText(contents: Contents): string {
  return contents
    .map((item) => (typeof item.text === 'string' ? item.text : `[binary content of ${String(item.uri)} (${String(item.mimeType ?? 'unknown type')}) not included]`))
    .join('\n');
}

export async function resourceMentionBlocks(text: string, hub: Pick<McpHub, 'connection'>, signal: AbortSignal): Promise<ResourceAttachments> {
  const blocks: string[] = [];
  const notices: string[] = [];
  const seen = new Set<string>();
  let budget = MAX_TOTAL_CHARS;
  for (const { server, uri } of findResourceMentions(text)) {
    const key = `${server}\0${uri}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const connection = hub.connection(server);
    if (connection === undefined || connection.status !== 'connected' || !connection.hasResources) {
      notices.push(`@${server}:${uri} was not attached: no connected MCP server "${server}" with resources.`);
      continue;
    }
    // "see @srv:x://doc." — try the URI without trailing punctuation when it is not found as typed.
    const candidates = [...new Set([uri, uri.replace(/[,.;:!?)\]}'"]+$/, '')])].filter((candidate) => candidate !== '');
    let read: { uri: string; contents: Contents } | undefined;
    let failure = '';
    for (const candidate of candidates) {
      try {
        read = { uri: candidate, contents: await connection.readResource(candidate, signal) };
        break;
      } catch (error) {
        failure ||= (error as Error).message;
      }
    }
    if (read === undefined) {
      notices.push(`@${server}:${uri} was not attached: ${failure}`);
      continue;
    }
    let body = contentsText(read.contents);
    const cap = Math.min(MAX_FILE_CHARS, Math.max(budget, 0));
    const truncated = body.length > cap;
    if (truncated) body = `${body.slice(0, cap)}\n[Truncated: only the first ${cap} characters are shown. Use ReadMcpResourceTool for the rest.]`;
    budget -= Math.min(body.length, cap);
    blocks.push(`<mcp-resource server="${server}" uri="${read.uri}"${truncated ? ' truncated="true"' : ''}>\n${body}\n</mcp-resource>`);
  }
  return { blocks, notices };
}

/** The prompt with the mentioned resources appended, and notices for the ones left out. */
export async function expandResourceMentions(text: string, hub: Pick<McpHub, 'connection'>, signal: AbortSignal): Promise<{ text: string; notices: string[] }> {
  if (findResourceMentions(text).length === 0) return { text, notices: [] };
  const { blocks, notices } = await resourceMentionBlocks(text, hub, signal);
  return { text: blocks.length === 0 ? text : `${text}\n\n${blocks.join('\n\n')}`, notices };
}
