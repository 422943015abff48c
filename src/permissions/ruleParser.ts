import type { PermissionRule } from './types.js';

export type ParseRuleResult = { ok: true; rule: PermissionRule } | { ok: false; error: string };

export interface RuleEntry {
  rule: string;
  source: string;
  root: string;
}

export interface RuleError {
  rule: string;
  source: string;
  error: string;
}

// Tool names are identifiers; `*` is allowed so deny/ask rules can name groups such as `mcp__*`.
const TOOL_NAME = /^[A-Za-z0-9_.*-]+$/;

/**
 * Parses `Tool` or `Tool(specifier)`. Whitespace around the name and the specifier is ignored;
 * `Tool(*)` and `Tool()` mean the same as the bare `Tool` (every use of the tool). Inside the
 * specifier, parentheses must balance unless written as `\(` and `\)`, which stand for themselves.
 */
export function parseRule(text: string, source: string, root: string): ParseRuleResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'empty rule: expected `Tool` or `Tool(specifier)`' };

  const open = trimmed.indexOf('(');
  if (open === -1) {
    if (trimmed.includes(')')) {
      return { ok: false, error: `unbalanced parentheses in rule \`${trimmed}\`: \`)\` without \`(\`` };
    }
    const nameError = checkToolName(trimmed, trimmed);
    if (nameError) return { ok: false, error: nameError };
    return { ok: true, rule: { toolName: trimmed, raw: trimmed, source, root } };
  }

  const toolName = trimmed.slice(0, open).trim();
  const nameError = checkToolName(toolName, trimmed);
  if (nameError) return { ok: false, error: nameError };
  if (!trimmed.endsWith(')')) {
    return {
      ok: false,
      error: `unbalanced parentheses in rule \`${trimmed}\`: expected it to end with \`)\``,
    };
  }
  const body = unescapeParentheses(trimmed.slice(open + 1, -1));
  if (!body.ok) return { ok: false, error: `unbalanced parentheses in rule \`${trimmed}\`: ${body.error}` };

  const specifier = body.text.trim();
  if (specifier === '' || specifier === '*') {
    return { ok: true, rule: { toolName, raw: trimmed, source, root } };
  }
  return { ok: true, rule: { toolName, specifier, raw: trimmed, source, root } };
}

/** Parses many rules at once; bad ones are reported, never silently dropped. */
export function parseRuleList(entries: readonly RuleEntry[]): { rules: PermissionRule[]; errors: RuleError[] } {
  const rules: PermissionRule[] = [];
  const errors: RuleError[] = [];
  for (const entry of entries) {
    const parsed = parseRule(entry.rule, entry.source, entry.root);
    if (parsed.ok) rules.push(parsed.rule);
    else errors.push({ rule: entry.rule, source: entry.source, error: parsed.error });
  }
  return { rules, errors };
}

function checkToolName(name: string, rule: string): string | undefined {
  if (name === '') return `missing tool name in rule \`${rule}\`: expected \`Tool\` or \`Tool(specifier)\``;
  if (!TOOL_NAME.test(name)) {
    return `invalid tool name \`${name}\` in rule \`${rule}\`: use letters, digits, \`_\`, \`-\`, \`.\` or \`*\``;
  }
  return undefined;
}

function unescapeParentheses(body: string): { ok: true; text: string } | { ok: false; error: string } {
  let depth = 0;
  let text = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    const next = body[i + 1];
    if (char === '\\' && (next === '(' || next === ')')) {
      text += next;
      i++;
      continue;
    }
    if (char === '(') depth++;
    if (char === ')') {
      depth--;
      if (depth < 0) return { ok: false, error: 'a `)` inside the specifier closes nothing (escape it as `\\)`)' };
    }
    text += char;
  }
  if (depth > 0) return { ok: false, error: 'a `(` inside the specifier is never closed (escape it as `\\(`)' };
  return { ok: true, text };
}
