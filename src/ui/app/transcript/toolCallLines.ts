// One tool call in the transcript, in full: its header line, everything it was asked to do (the whole
// command, the diff of an edit, every argument) and everything it returned, errors in red.
import { isAbsolute, relative } from 'node:path';
import { renderDiffLines } from '../../diff/renderDiff.js';
import type { Line, Span, Style } from '../../markdown/styledText.js';
import { sliceLine } from '../../markdown/wrap.js';
import type { ToolItem } from '../conversationState.js';
import { formatDuration, resultText, toolCallLabel } from '../toolSummary.js';
import { cleanText, hangingVerbatim, indent } from './lineBlocks.js';

export interface ToolLineOptions {
  width: number;
  color: boolean;
  cwd?: string;
}

const STATUS_STYLE: Record<ToolItem['status'], Style> = {
  running: { fg: 'cyan' },
  done: { fg: 'green' },
  error: { fg: 'red' },
  interrupted: { fg: 'yellow' },
};
const DIM: Style = { dim: true };
const INPUT_INDENT = 2;

export function toolCallLines(tool: ToolItem, options: ToolLineOptions): Line[] {
  const inner = Math.max(10, options.width - INPUT_INDENT);
  return [...headerLines(tool, options), ...indent(inputLines(tool, { ...options, width: inner }), INPUT_INDENT), ...resultLines(tool, options.width)];
}

function headerLines(tool: ToolItem, options: ToolLineOptions): Line[] {
  const status = tool.status === 'error' ? { text: ' · error', style: { fg: 'red' as const, bold: true } } : { text: ` · ${tool.status}`, style: DIM };
  const header: Line = [
    { text: '● ', style: STATUS_STYLE[tool.status] },
    { text: toolCallLabel(tool.name, tool.input, options.cwd, Math.max(20, options.width - 30)), style: { bold: true } },
    status,
    ...(tool.durationMs !== undefined ? [{ text: ` ${formatDuration(tool.durationMs)}`, style: DIM }] : []),
  ];
  return sliceLine(header, options.width);
}

function inputLines(tool: ToolItem, options: ToolLineOptions): Line[] {
  const { input } = tool;
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
  const path = text('file_path');
  if (tool.name === 'Bash' && text('command') !== undefined) {
    return [...hangingVerbatim({ text: '$ ', style: DIM }, cleanText(text('command')!), {}, options.width), ...fieldLines(input, ['command'], options.width)];
  }
  if (tool.name === 'Edit' && path !== undefined && text('old_string') !== undefined && text('new_string') !== undefined) {
    return [...diffLines(path, text('old_string')!, text('new_string')!, options), ...fieldLines(input, ['file_path', 'old_string', 'new_string'], options.width)];
  }
  if (tool.name === 'MultiEdit' && path !== undefined && Array.isArray(input['edits']) && input['edits'].every(isStringEdit)) {
    return (input['edits'] as StringEdit[]).flatMap((edit) => diffLines(path, edit.old_string, edit.new_string, options));
  }
  if (tool.name === 'Write' && path !== undefined && text('content') !== undefined) {
    return [[{ text: displayPath(path, options.cwd), style: { bold: true } }], ...hangingVerbatim({ text: '│ ', style: DIM }, cleanText(text('content')!), {}, options.width)];
  }
  return fieldLines(input, [], options.width);
}

interface StringEdit {
  old_string: string;
  new_string: string;
}

function isStringEdit(value: unknown): value is StringEdit {
  const edit = value as Record<string, unknown> | null;
  return typeof edit === 'object' && edit !== null && typeof edit['old_string'] === 'string' && typeof edit['new_string'] === 'string';
}

/** The edit as a diff of the replaced text (no line numbers: the tool call does not say where in the file it is). */
function diffLines(path: string, before: string, after: string, options: ToolLineOptions): Line[] {
  return renderDiffLines(
    { path: displayPath(path, options.cwd), before: cleanText(before), after: cleanText(after) },
    { width: options.width, color: options.color, lineNumbers: false, maxLines: Number.MAX_SAFE_INTEGER },
  );
}

/** Every argument not shown otherwise, as `name: value`; text over several lines as an indented block. */
function fieldLines(input: Record<string, unknown>, shown: string[], width: number): Line[] {
  const lines: Line[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (shown.includes(key) || value === undefined) continue;
    const label: Span = { text: `${key}: `, style: DIM };
    const raw = typeof value === 'string' ? value : JSON.stringify(value);
    const text = cleanText(raw);
    if (text.includes('\n')) {
      lines.push([{ text: `${key}:`, style: DIM }], ...hangingVerbatim({ text: '  ', style: {} }, text, {}, width));
    } else {
      lines.push(...hangingVerbatim(label, text, {}, width));
    }
  }
  return lines;
}

function resultLines(tool: ToolItem, width: number): Line[] {
  const gutter: Span = { text: '  ⎿ ', style: DIM };
  if (tool.result === undefined) {
    const note = tool.status === 'running' ? 'running…' : tool.status === 'interrupted' ? 'interrupted before it finished' : 'no result';
    return [[gutter, { text: note, style: DIM }]];
  }
  const text = cleanText(resultText(tool.result)).replace(/^\n+/, '');
  const style: Style = tool.status === 'error' ? { fg: 'red' } : {};
  if (text === '') return [[gutter, { text: '(no output)', style: DIM }]];
  return hangingVerbatim(gutter, text, style, width);
}

function displayPath(path: string, cwd: string | undefined): string {
  if (cwd === undefined || !isAbsolute(path)) return path;
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
