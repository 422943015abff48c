/**
 * The rule "Yes, and don't ask again" offers: the narrowest one that still saves asking for the same
 * kind of call next time, or none when no rule is both narrow and safe to keep.
 *  - Bash: per simple command that is not already read-only, `Bash(<program> <subcommand>:*)` for
 *    programs organised by subcommands (bashPrefixes.ts), else the exact command. Nothing when any
 *    part cannot be analysed or hides what it runs, when the destructive-command guard stops it, or
 *    when more than five rules would be needed.
 *  - Edit, Write, MultiEdit, NotebookEdit (and Read-type tools that asked): `Edit(/<dir>/**)` for the
 *    file's directory, relative to the project root (the local settings file's root); the file itself
 *    for files at the root, since `Edit(/**)` would be the whole project. Nothing for files outside
 *    the project — a project's local settings should not grant edits elsewhere on the machine — and
 *    nothing for protected paths (`.git`, `.wright`, `.env*`, …), which should always be asked about.
 *  - WebFetch: `WebFetch(domain:<host>)`. MCP tools: their exact name. Agent/Task: `Agent(<type>)`.
 *    Skill: `Skill(<name>)`. Anything else: the bare tool name.
 * Every suggestion is checked before it is offered: as an allow rule in the project's local settings
 * it must make evaluatePermission allow this very call; one that would not is dropped.
 */
import { homedir } from 'node:os';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { BashCommandFacts } from '../../permissions/bashFacts.js';
import { describeBash, readOnlyInside } from '../../permissions/bashPolicy.js';
import { findDestructiveCommands } from '../../permissions/destructiveGuard.js';
import { evaluatePermission } from '../../permissions/evaluatePermission.js';
import { fileAccessOfTool, toolInputPath } from '../../permissions/pathRules.js';
import { resolvePolicyPath } from '../../permissions/pathResolution.js';
import { protectedPartOf } from '../../permissions/protectedPaths.js';
import { parseRule } from '../../permissions/ruleParser.js';
import type { PermissionPolicy, PermissionRule } from '../../permissions/types.js';
import { commandPrefix } from './bashPrefixes.js';

export interface SuggestionCall {
  toolName: string;
  input: Record<string, unknown>;
}

export interface SuggestionContext {
  cwd: string;
  projectRoot: string;
}

/** Like Claude Code: one "don't ask again" saves at most this many rules for a compound command. */
export const MAX_SUGGESTED_RULES = 5;

const SUGGESTION_SOURCE = 'suggested rule';

/** The narrowest useful allow rule(s) for a call that asked, or [] when none is sensible. */
export function suggestAllowRules(call: SuggestionCall, context: SuggestionContext): string[] {
  const policy = basePolicy(context, []);
  const candidates = candidateRules(call, context, policy);
  if (candidates.length === 0) return [];
  return allowsCall(call, candidates, context) ? candidates : [];
}

function candidateRules(call: SuggestionCall, context: SuggestionContext, policy: PermissionPolicy): string[] {
  const { toolName, input } = call;
  if (toolName === 'Bash') return typeof input['command'] === 'string' ? bashRules(input['command'], policy) : [];
  if (fileAccessOfTool(toolName) !== undefined) return fileRules(call, context, policy);
  if (toolName === 'WebFetch') return webFetchRules(input['url']);
  if (toolName === 'Agent' || toolName === 'Task') return namedRule(toolName, input['subagent_type']);
  if (toolName === 'Skill') return namedRule(toolName, input['skill']);
  // MCP tool names (`mcp__server__tool`) are exact already; so is any other tool's.
  return parseRule(toolName, SUGGESTION_SOURCE, context.projectRoot).ok ? [toolName] : [];
}

function bashRules(command: string, policy: PermissionPolicy): string[] {
  if (command.trim() === '') return [];
  const subject = describeBash(command, policy);
  const { analysis } = subject;
  if (analysis.unanalysable.length > 0 || analysis.hidden.length > 0) return [];
  if (findDestructiveCommands(subject, policy).length > 0) return [];
  const rules = new Set<string>();
  for (const fact of subject.facts) {
    if (readOnlyInside(fact, policy)) continue;
    rules.add(bashRuleFor(fact));
  }
  return rules.size > MAX_SUGGESTED_RULES ? [] : [...rules];
}

function bashRuleFor(fact: BashCommandFacts): string {
  const words = fact.command.effective;
  // A prefix rule says nothing about where output goes, so a command writing files through
  // redirections is allowed only exactly, redirections spelled out.
  if (fact.redirectWrites.length === 0) {
    const prefix = commandPrefix(words);
    if (prefix !== undefined) return `Bash(${prefix.join(' ')}:*)`;
  }
  const redirects = fact.redirectWrites.length === 0 ? [] : fact.command.redirects.map((r) => `${r.fd ?? ''}${r.operator}${r.target ? ' ' + r.target.raw : ''}`);
  return `Bash(${escapeSpecifier([...words.map((word) => word.raw), ...redirects].join(' '))})`;
}

/** In an exact rule a `*` is literal, and parentheses must not end the specifier early. */
function escapeSpecifier(text: string): string {
  return text.replace(/[*()]/g, (char) => `\\${char}`);
}

/** Characters that would make a path pattern match more than the directory named. */
const GLOB_CHARACTERS = /[*?[\]{}()!+@\\]/;

function fileRules(call: SuggestionCall, context: SuggestionContext, policy: PermissionPolicy): string[] {
  const written = toolInputPath(call.toolName, call.input, context.cwd);
  if (written === undefined) return [];
  const target = resolvePolicyPath(written, context.cwd, policy.home);
  const root = resolve(context.projectRoot);
  const rel = relative(root, target.lexical);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return [];
  if (protectedPartOf(target, [root, ...policy.workingDirectories]) !== undefined) return [];
  const isDirectory = fileAccessOfTool(call.toolName) === 'read' && call.input['file_path'] === undefined && call.input['notebook_path'] === undefined;
  const scope = isDirectory ? rel : dirname(rel);
  if (GLOB_CHARACTERS.test(rel)) return [];
  const anchored = scope === '.' ? `/${rel}` : `/${scope.split(sep).join('/')}/**`;
  const tool = fileAccessOfTool(call.toolName) === 'read' ? 'Read' : 'Edit';
  return [`${tool}(${anchored})`];
}

function webFetchRules(url: unknown): string[] {
  if (typeof url !== 'string') return [];
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return [];
  }
  return /^[a-z0-9.-]+$/.test(host) ? [`WebFetch(domain:${host})`] : [];
}

function namedRule(toolName: string, name: unknown): string[] {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.:-]+$/.test(name)) return [toolName];
  return [`${toolName === 'Task' ? 'Agent' : toolName}(${name})`];
}

function basePolicy(context: SuggestionContext, allow: PermissionRule[]): PermissionPolicy {
  const cwd = resolve(context.cwd);
  return { mode: 'default', rules: { allow, ask: [], deny: [] }, cwd, workingDirectories: [cwd], home: homedir() };
}

/** Whether the rules, kept in the project's local settings, would let this very call run. */
function allowsCall(call: SuggestionCall, rules: readonly string[], context: SuggestionContext): boolean {
  const parsed: PermissionRule[] = [];
  for (const text of rules) {
    const result = parseRule(text, SUGGESTION_SOURCE, resolve(context.projectRoot));
    if (!result.ok) return false;
    parsed.push(result.rule);
  }
  const decision = evaluatePermission({ ...call, isReadOnly: false }, basePolicy(context, parsed));
  return decision.behavior === 'allow';
}
