// What of a transcript line is searchable: what the user typed, what the assistant wrote, and the
// start of each tool result. Thinking, tool inputs, images and system lines are left out. The same
// function serves indexing and, later, re-reading a line for its snippet, so both see the same text.

export type SearchableKind = 'prompt' | 'answer' | 'tool' | 'summary';

export interface SearchableText {
  kind: SearchableKind;
  text: string;
}

/** Tool results can be whole files or logs; their beginning says what they were. */
export const TOOL_RESULT_CHARS = 4000;
/** A prompt with a piped-in log or a pasted file is cut too. */
export const MESSAGE_CHARS = 20000;

type Block = { type?: unknown; text?: unknown; content?: unknown };

const blocksOf = (content: unknown): Block[] =>
  Array.isArray(content) ? content.filter((block): block is Block => typeof block === 'object' && block !== null) : [];

const textOfBlocks = (blocks: Block[]): string =>
  blocks.flatMap((block) => (block.type === 'text' && typeof block.text === 'string' ? [block.text] : [])).join('\n');

function toolResultText(block: Block): string {
  const content = block.content;
  const text = typeof content === 'string' ? content : textOfBlocks(blocksOf(content));
  return text.length > TOOL_RESULT_CHARS ? text.slice(0, TOOL_RESULT_CHARS) : text;
}

const cut = (text: string) => (text.length > MESSAGE_CHARS ? text.slice(0, MESSAGE_CHARS) : text);

/** The searchable text of one parsed transcript line, or null when it has none. */
export function searchableText(entry: unknown): SearchableText | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { type, message, isCompactSummary } = entry as { type?: unknown; message?: { content?: unknown }; isCompactSummary?: unknown };
  const content = message?.content;
  if (type === 'assistant') {
    const text = textOfBlocks(blocksOf(content));
    return text.trim() === '' ? null : { kind: 'answer', text: cut(text) };
  }
  if (type !== 'user') return null;
  const kind: SearchableKind = isCompactSummary === true ? 'summary' : 'prompt';
  if (typeof content === 'string') return content.trim() === '' ? null : { kind, text: cut(content) };
  const blocks = blocksOf(content);
  const typed = textOfBlocks(blocks);
  if (typed.trim() !== '') return { kind, text: cut(typed) };
  const results = blocks.filter((block) => block.type === 'tool_result').map(toolResultText).filter((text) => text.trim() !== '');
  return results.length === 0 ? null : { kind: 'tool', text: results.join('\n') };
}

/** The first prompt of a session on one line, as its title. */
export function titleOf(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
