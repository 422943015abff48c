// How a tool call reads on one line: `Bash(npm test)`, `Read(src/app.ts)`, and the first lines of
// what it returned.
import { isAbsolute, relative } from 'node:path';
import type { ToolResultBlock } from '../../model/types.js';

const KEY_ARGUMENTS = ['command', 'file_path', 'notebook_path', 'path', 'pattern', 'url', 'query', 'description', 'skill', 'plan'];

/** `Name(key argument)`, the argument shortened to fit `maxArgument` characters. */
export function toolCallLabel(name: string, input: Record<string, unknown>, cwd?: string, maxArgument = 60): string {
  const key = KEY_ARGUMENTS.find((field) => typeof input[field] === 'string' && input[field] !== '');
  if (key === undefined) return name;
  let value = (input[key] as string).replace(/\s+/g, ' ').trim();
  if (cwd !== undefined && (key === 'file_path' || key === 'notebook_path' || key === 'path') && isAbsolute(value)) {
    const inside = relative(cwd, value);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) value = inside;
  }
  return `${name}(${shorten(value, maxArgument)})`;
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : text;
}

/** The first `maxLines` non-empty lines of a tool result, plus a count of the rest. */
export function resultPreview(content: ToolResultBlock['content'], maxLines = 3, maxWidth = 100): string[] {
  const lines = resultText(content).split('\n').filter((line) => line.trim() !== '');
  const shown = lines.slice(0, maxLines).map((line) => shorten(line.replace(/\t/g, '  '), maxWidth));
  if (lines.length > maxLines) shown.push(`… +${lines.length - maxLines} lines`);
  return shown;
}

/** All of a tool result as text: images and documents as `[image]`, error tags removed. */
export function resultText(content: ToolResultBlock['content']): string {
  const text = typeof content === 'string'
    ? content
    : (content ?? []).map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
  return text.replace(/<\/?tool_use_error>/g, '');
}

/** `850ms`, `3.2s`, `2m 5s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
