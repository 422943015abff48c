import { open, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Expands `@path` mentions for the model: the mentions stay in the prompt as typed, and the contents of
 * each mentioned file that exists are appended as `<file path="…">…</file>` blocks, capped in size with
 * the truncation stated. Mentions of missing files, directories and binary files add nothing.
 */
export const MAX_FILE_CHARS = 50_000;
export const MAX_FILE_LINES = 2_000;
export const MAX_TOTAL_CHARS = 200_000;

const MENTION = /(^|\s)@(?:"([^"\n]+)"|(\S+))/g;

export function findFileMentions(text: string): string[] {
  const mentions: string[] = [];
  for (const match of text.matchAll(MENTION)) mentions.push(match[2] ?? match[3]!);
  return mentions;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The mentioned file, trying without trailing punctuation too ("see @src/a.ts, then …"). */
async function resolveMention(mention: string, cwd: string): Promise<string | undefined> {
  const candidates = [mention, mention.replace(/[,.;:!?)\]}'"]+$/, '')];
  for (const candidate of candidates) {
    if (candidate === '') continue;
    const path = resolve(cwd, candidate);
    if (await isFile(path)) return path;
  }
  return undefined;
}

async function readCapped(path: string, maxChars: number): Promise<{ content: string; truncated: boolean; binary: boolean } | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    // Read a little more than the cap (UTF-8 is up to 4 bytes per char) to tell whether anything was cut.
    const limit = maxChars * 4 + 1;
    const chunk = Buffer.alloc(limit);
    const { bytesRead } = await handle.read(chunk, 0, limit, 0);
    const bytes = chunk.subarray(0, bytesRead);
    if (bytes.subarray(0, 8192).includes(0)) return { content: '', truncated: false, binary: true };
    const size = (await handle.stat()).size;
    let content = bytes.toString('utf8');
    let truncated = size > bytesRead;
    if (content.length > maxChars) {
      content = content.slice(0, maxChars);
      truncated = true;
    }
    const lines = content.split('\n');
    if (lines.length > MAX_FILE_LINES) {
      content = lines.slice(0, MAX_FILE_LINES).join('\n');
      truncated = true;
    }
    return { content, truncated, binary: false };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

function displayPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside.replaceAll('\\', '/') : path;
}

export async function expandFileMentions(text: string, cwd: string): Promise<string> {
  const blocks = await fileMentionBlocks(text, cwd);
  return blocks.length === 0 ? text : `${text}\n\n${blocks.join('\n\n')}`;
}

/** The `<file>` blocks for the files `text` mentions, in order (shared by typed prompts and custom commands). */
export async function fileMentionBlocks(text: string, cwd: string): Promise<string[]> {
  const seen = new Set<string>();
  const blocks: string[] = [];
  let budget = MAX_TOTAL_CHARS;
  for (const mention of findFileMentions(text)) {
    const path = await resolveMention(mention, cwd);
    if (path === undefined || seen.has(path)) continue;
    seen.add(path);
    const shown = displayPath(path, cwd);
    if (budget <= 0) {
      blocks.push(`<file path="${shown}" omitted="true">Not included: the attached files reached ${MAX_TOTAL_CHARS} characters. Use the Read tool.</file>`);
      continue;
    }
    const read = await readCapped(path, Math.min(MAX_FILE_CHARS, budget));
    if (!read) continue;
    if (read.binary) {
      blocks.push(`<file path="${shown}" binary="true">Binary file, contents not included. Use the Read tool if it is an image or PDF.</file>`);
      continue;
    }
    budget -= read.content.length;
    const note = read.truncated
      ? `\n[Truncated: only the first ${read.content.split('\n').length} lines are shown. Use the Read tool with an offset for the rest.]`
      : '';
    blocks.push(`<file path="${shown}"${read.truncated ? ' truncated="true"' : ''}>\n${read.content}${note}\n</file>`);
  }
  return blocks;
}
