/**
 * One pass over the whole syntax tree, wherever a node sits (words, here-document bodies, `case`
 * patterns, `for` lists): parse errors, constructs the analysis cannot follow, and the text of every
 * command that runs inside another (`$(…)`, backticks, `<(…)`, `>(…)`). Only outermost
 * substitutions are collected; the analysis re-parses each one, which finds those nested inside.
 */
import { readBacktickBody } from './bashDelimitedText.js';
import type { SyntaxNode } from './bashSyntaxTree.js';
import { ISSUE } from './bashTokens.js';

export interface SubstitutionScan {
  issues: Set<string>;
  payloads: string[];
}

/** Arithmetic contexts inside `${…}`: a non-literal subscript, a substring offset, or `${!name}`. */
const SUBSCRIPT = /^\$\{#?[A-Za-z_][A-Za-z0-9_]*\[([^\]]*)\]/;
const SUBSTRING = /^\$\{[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?:(?![-=?+])([^}]*)\}$/;
const LITERAL_INDEX = /^\s*(@|\*|-?\d+)\s*$/;
const LITERAL_RANGE = /^\s*-?\d+\s*(:\s*-?\d+\s*)?$/;
const INDIRECT = /^\$\{![A-Za-z_]/;

export function scanSubstitutions(source: string, root: SyntaxNode): SubstitutionScan {
  const issues = new Set<string>();
  const payloads: string[] = [];
  const stack: Array<{ node: SyntaxNode; inside: boolean; inExpansion: boolean }> = [{ node: root, inside: false, inExpansion: false }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { node, inside, inExpansion } = frame;
    let childrenInside = inside;
    if (inExpansion && node.children.length === 0 && EXPANDED_TEXT.has(node.type)) {
      scanUnparsedSubstitutions(source.slice(node.start, node.end), inside, issues, payloads);
    }
    if (node.type === 'ERROR' || node.missing) issues.add(ISSUE.couldNotParse(diagnose(source, node)));
    else if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      const payload = substitutionBody(source, node, issues);
      if (!inside && payload !== undefined) payloads.push(payload);
      childrenInside = true;
    } else if (node.type === 'arithmetic_expansion') issues.add(ISSUE.arithmeticExpansion);
    else if (node.type === 'c_style_for_statement' || (node.type === 'compound_statement' && node.children[0]?.type === '((')) {
      issues.add(ISSUE.arithmeticCommand);
    } else if (node.type === 'test_command' && node.children[0]?.type === '[[') issues.add(ISSUE.testCommand);
    else if (node.type === 'comment' && node.start > 0 && !/[\s;&|()<>]/.test(source[node.start - 1] as string)) {
      // bash starts a comment only at the start of a word; anywhere else `#` is an ordinary character.
      issues.add(ISSUE.couldNotParse('a `#` read as a comment in the middle of a word'));
    }
    else if (node.type === 'function_definition') issues.add(ISSUE.functionDefinition);
    else if (node.type === 'expansion' && evaluatesArithmetic(source.slice(node.start, node.end))) issues.add(ISSUE.arithmeticInExpansion);
    else if (node.type === 'subscript' && node.field === 'name') {
      // `a[i]=x` evaluates `i` too.
      const index = node.children.find((child) => child.field === 'index');
      if (index !== undefined && !LITERAL_INDEX.test(source.slice(index.start, index.end))) issues.add(ISSUE.arithmeticInExpansion);
    }
    const childrenInExpansion = inExpansion || node.type === 'expansion';
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i] as SyntaxNode, inside: childrenInside, inExpansion: childrenInExpansion });
    }
  }
  return { issues, payloads };
}

/**
 * Inside `${…}` the grammar reads the operand of `:-`, `/` and the like as plain text, so a
 * `` `…` `` or `$(…)` there (which bash does run) has no node of its own; read them from the text.
 */
const EXPANDED_TEXT = new Set(['word', 'regex', 'string_content', 'extglob_pattern']);

function scanUnparsedSubstitutions(text: string, inside: boolean, issues: Set<string>, payloads: string[]): void {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '`') {
      issues.add(ISSUE.backtickSubstitution);
      const read = readBacktickBody(text, i + 1);
      if (!read.closed) issues.add(ISSUE.couldNotParse('backticks'));
      if (!inside) payloads.push(read.body);
      i = read.end - 1;
    } else if (text.startsWith('$(', i)) {
      // Without a node we cannot be sure where it ends: ask rather than guess.
      issues.add(ISSUE.couldNotParse('a command substitution inside ${…}'));
    }
  }
}

function substitutionBody(source: string, node: SyntaxNode, issues: Set<string>): string | undefined {
  const open = node.children[0]?.type ?? '';
  if (open === '`') {
    issues.add(ISSUE.backtickSubstitution);
    const read = readBacktickBody(source, node.start + 1);
    // The grammar and bash must agree on where the backticks close.
    if (!read.closed || read.end !== node.end) issues.add(ISSUE.couldNotParse('backticks'));
    return read.body;
  }
  issues.add(node.type === 'process_substitution' ? ISSUE.processSubstitution : ISSUE.commandSubstitution);
  const close = node.children[node.children.length - 1];
  const end = close?.type === ')' && !close.missing ? close.start : node.end;
  return source.slice(node.start + open.length, end);
}

function evaluatesArithmetic(text: string): boolean {
  if (INDIRECT.test(text)) return true;
  const subscript = SUBSCRIPT.exec(text);
  if (subscript !== null && !LITERAL_INDEX.test(subscript[1] as string)) return true;
  const substring = SUBSTRING.exec(text);
  return substring !== null && !LITERAL_RANGE.test(substring[2] as string);
}

/** A hint at what is wrong, in the words people use for it. */
function diagnose(source: string, node: SyntaxNode): string | undefined {
  const tokens = node.missing ? [node.type] : leafTypes(node);
  const text = source.slice(node.start, node.end);
  if (tokens.some((type) => type === '"' || type === "'") || /^\$?['"]/.test(text)) return ISSUE.unbalancedQuotes;
  if (tokens.some((type) => type === '(' || type === ')' || type === '$(')) return ISSUE.unbalancedParentheses;
  const last = tokens[tokens.length - 1] ?? '';
  if (/^(\d*)(<|>|>>|&>|&>>|>\||<&|>&|<<<?-?)$/.test(last)) return ISSUE.redirectWithoutTarget;
  return undefined;
}

function leafTypes(node: SyntaxNode): string[] {
  const types: string[] = [];
  const stack = [node];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.children.length === 0) types.push(next.type);
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as SyntaxNode);
  }
  return types;
}
