/**
 * Builds `ShellWord`s from syntax nodes: quote removal and escape processing for `value`, and where
 * expansion would happen (`hasExpansion`, `hasGlob`). tree-sitter splits some words into adjacent
 * pieces (`$"x"`, `r\<newline>m`), so a word is a run of pieces with nothing but line continuations
 * between them, as bash sees it. Literal text is not trusted blindly: a `$` or backtick the grammar
 * left inside plain text still counts as an expansion, and one that would run a command is reported.
 */
import { decodeAnsiCQuoted } from './bashAnsiCQuote.js';
import type { SyntaxNode } from './bashSyntaxTree.js';
import type { ShellWord } from './bashTokens.js';

/** Nodes whose text is kept as written in `value` because they expand when the command runs. */
const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion']);

export interface WordProblems {
  /** Substitution text the grammar did not recognise as such. */
  unrecognisedSubstitution: boolean;
}

interface Builder {
  value: string;
  /** Unquoted literal text only: where globs and brace expansion can happen. */
  unquoted: string;
  hasExpansion: boolean;
}

/** Groups adjacent pieces (no whitespace between them) into words. */
export function groupWordPieces(source: string, pieces: readonly SyntaxNode[]): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [];
  let previous: SyntaxNode | undefined;
  for (const piece of pieces) {
    const gap = previous === undefined ? undefined : source.slice(previous.end, piece.start);
    if (gap !== undefined && /^(\\\n)*$/.test(gap)) (groups[groups.length - 1] as SyntaxNode[]).push(piece);
    else groups.push([piece]);
    previous = piece;
  }
  return groups;
}

export function buildWord(source: string, pieces: readonly SyntaxNode[], problems: WordProblems): ShellWord {
  const first = pieces[0] as SyntaxNode;
  const last = pieces[pieces.length - 1] as SyntaxNode;
  const builder: Builder = { value: '', unquoted: '', hasExpansion: false };
  appendRange(source, first.start, last.end, pieces, builder, problems);
  const raw = source.slice(first.start, last.end);
  const unquoted = builder.unquoted;
  return {
    raw,
    value: builder.value,
    hasExpansion: builder.hasExpansion,
    // A lone `[` (the test command) matches only itself.
    hasGlob: (unquoted !== '[' && /[*?[]/.test(unquoted)) || (/\{/.test(unquoted) && /\}/.test(unquoted) && /,|\.\./.test(unquoted)),
    startsWithTilde: raw.startsWith('~'),
  };
}

/** The range [start, end) covered by `nodes` (in order) and unquoted text in the gaps between them. */
function appendRange(source: string, start: number, end: number, nodes: readonly SyntaxNode[], builder: Builder, problems: WordProblems): void {
  let pos = start;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as SyntaxNode;
    if (node.start > pos) appendUnquoted(source, pos, node.start, builder, problems);
    // `$"…"` (a translated string) means the same as `"…"` here; the grammar may split off the `$`.
    const next = nodes[i + 1];
    if (node.type === '$' && next?.type === 'string' && next.start === node.end) {
      pos = node.end;
      continue;
    }
    appendNode(source, node, builder, problems);
    pos = Math.max(pos, node.end);
  }
  if (end > pos) appendUnquoted(source, pos, end, builder, problems);
}

function appendNode(source: string, node: SyntaxNode, builder: Builder, problems: WordProblems): void {
  const text = source.slice(node.start, node.end);
  if (EXPANSIONS.has(node.type)) {
    builder.hasExpansion = true;
    builder.value += text;
  } else if (node.type === 'string' || node.type === 'translated_string') {
    appendDoubleQuoted(source, node, builder, problems);
  } else if (node.type === 'raw_string') {
    builder.value += text.slice(1, -1);
  } else if (node.type === 'ansi_c_string') {
    builder.value += decodeAnsiCQuoted(text, 2).value;
  } else if (node.children.length > 0) {
    appendRange(source, node.start, node.end, node.children, builder, problems);
  } else {
    appendUnquoted(source, node.start, node.end, builder, problems);
  }
}

function appendDoubleQuoted(source: string, node: SyntaxNode, builder: Builder, problems: WordProblems): void {
  // Content runs from after the opening quote (`"` or `$"`) to before the closing one.
  const open = source.startsWith('$"', node.start) ? 2 : 1;
  let pos = node.start + open;
  const end = node.end - 1;
  for (const child of node.children) {
    if (child.start < pos || child.end > end) continue;
    if (child.start > pos) appendQuotedText(source, pos, child.start, builder, problems);
    if (EXPANSIONS.has(child.type)) {
      builder.hasExpansion = true;
      builder.value += source.slice(child.start, child.end);
    } else {
      appendQuotedText(source, child.start, child.end, builder, problems);
    }
    pos = child.end;
  }
  if (end > pos) appendQuotedText(source, pos, end, builder, problems);
}

/** Text inside double quotes: a backslash escapes only `$`, backtick, `"`, `\` and newline. */
function appendQuotedText(source: string, start: number, end: number, builder: Builder, problems: WordProblems): void {
  for (let i = start; i < end; i++) {
    const char = source[i] as string;
    const next = source[i + 1];
    if (char === '\\' && i + 1 < end && next !== undefined && '$`"\\\n'.includes(next)) {
      if (next !== '\n') builder.value += next;
      i++;
    } else {
      if (char === '$' || char === '`') noteDollarOrBacktick(source, i, builder, problems);
      builder.value += char;
    }
  }
}

/** Unquoted text: a backslash quotes the next character; a backslash-newline disappears. */
function appendUnquoted(source: string, start: number, end: number, builder: Builder, problems: WordProblems): void {
  for (let i = start; i < end; i++) {
    const char = source[i] as string;
    if (char === '\\' && i + 1 < end) {
      if (source[i + 1] !== '\n') builder.value += source[i + 1];
      i++;
      continue;
    }
    if (char === '$' || char === '`') noteDollarOrBacktick(source, i, builder, problems);
    builder.value += char;
    builder.unquoted += char;
  }
}

/**
 * A `$` or backtick in text the grammar called literal. Expansions the grammar recognised never get
 * here, so anything that would expand means the grammar and bash disagree about this word. The
 * character after the `$` is read from the whole source: the grammar may have put it in the next piece.
 */
function noteDollarOrBacktick(source: string, i: number, builder: Builder, problems: WordProblems): void {
  const next = source[i + 1];
  if (source[i] === '`' || next === '(' || next === '[') {
    builder.hasExpansion = true;
    problems.unrecognisedSubstitution = true;
  } else if (next !== undefined && /[A-Za-z0-9_{@*#?$!-]/.test(next)) {
    builder.hasExpansion = true;
  }
}
