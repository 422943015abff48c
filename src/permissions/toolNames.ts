/** What the permission pipeline knows about tool names, as data. */
import type { PermissionBehavior } from './types.js';
import { compileWildcard } from './wildcardPattern.js';

/** Tools that read files; `Read(path)` rules govern them. */
export const READ_FILE_TOOLS: ReadonlySet<string> = new Set(['Read', 'Glob', 'Grep', 'LS', 'NotebookRead']);
/** Tools that change files; `Edit(path)` rules govern them. */
export const EDIT_FILE_TOOLS: ReadonlySet<string> = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);
/**
 * Tools that act only on the session itself (its todo list, the background shells it started, a
 * question to the user) or read the user's own earlier sessions of this project: allowed without
 * asking in every mode, plan mode included.
 */
export const SESSION_TOOLS: ReadonlySet<string> = new Set(['TodoWrite', 'BashOutput', 'KillShell', 'AskUserQuestion', 'SessionSearch']);
/** Allowed without asking when their paths are inside the working directories. */
export const READ_ONLY_TOOLS: ReadonlySet<string> = new Set([...READ_FILE_TOOLS, ...SESSION_TOOLS]);

/** Other names for the same tool (the subagent tool was renamed from Task to Agent). */
const ALIASES: Readonly<Record<string, string>> = { Task: 'Agent' };

export function canonicalToolName(name: string): string {
  return Object.hasOwn(ALIASES, name) ? (ALIASES[name] as string) : name;
}

/**
 * Whether a rule's tool name covers a call's tool name: exact (after aliases), `mcp__server` for all of
 * that server's tools, or a `*` pattern. An allow pattern must name its MCP server literally
 * (`mcp__github__*`), so a broad `*` can only ever deny or ask.
 */
export function ruleNameCoversTool(ruleName: string, toolName: string, behavior: PermissionBehavior): boolean {
  const rule = canonicalToolName(ruleName);
  const tool = canonicalToolName(toolName);
  if (rule === tool) return true;
  const isServerName = rule.startsWith('mcp__') && !rule.includes('*') && !rule.slice(5).includes('__');
  if (isServerName && tool.startsWith(`${rule}__`)) return true;
  if (!rule.includes('*')) return false;
  if (behavior === 'allow' && !/^mcp__[^*]+__/.test(rule)) return false;
  return compileWildcard(rule).matches(tool);
}
