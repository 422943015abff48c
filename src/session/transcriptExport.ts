// `/export`: a conversation as Markdown a person can read or share: prompts, answers, and each tool
// call with its input and (shortened) result.
import type { ContentBlock, Message } from '../model/types.js';

const MAX_RESULT_LINES = 40;

export function conversationToMarkdown(messages: readonly Message[], options: { title?: string } = {}): string {
  const parts: string[] = [`# ${options.title ?? 'wright session'}`];
  for (const message of messages) {
    const blocks: ContentBlock[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    for (const block of blocks) {
      const rendered = renderBlock(message.role, block);
      if (rendered !== undefined) parts.push(rendered);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

function renderBlock(role: Message['role'], block: ContentBlock): string | undefined {
  switch (block.type) {
    case 'text':
      if (block.text.trim() === '') return undefined;
      return role === 'user' ? `## User\n\n${block.text.trim()}` : `## Assistant\n\n${block.text.trim()}`;
    case 'tool_use':
      return `### Tool: ${block.name}\n\n${fenced(JSON.stringify(block.input, null, 2), 'json')}`;
    case 'tool_result': {
      const text = typeof block.content === 'string' ? block.content : block.content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join('\n');
      return `${block.is_error ? 'Error' : 'Result'}:\n\n${fenced(shorten(text), '')}`;
    }
    case 'image':
    case 'document':
      return `[${block.type}]`;
    default:
      return undefined;
  }
}

function shorten(text: string): string {
  const lines = text.split('\n');
  if (lines.length <= MAX_RESULT_LINES) return text;
  return [...lines.slice(0, MAX_RESULT_LINES), `… ${lines.length - MAX_RESULT_LINES} more lines`].join('\n');
}

/** A code fence longer than any run of backticks inside, so the content cannot close it. */
function fenced(text: string, language: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
