// The `hooks` setting of every settings layer, validated and put together. Lists from every scope
// run (managed, --settings, local, project, user); a handler repeated in several files — same
// event, matcher and handler — runs once. Problems name the file and the key.
import { compileMatcher, type CompiledMatcher } from './hookMatcher.js';
import { HOOK_EVENTS, isHookEventName, UNSUPPORTED_HOOK_EVENTS, type HookEventName } from './hookEvents.js';

export interface CommandHookHandler {
  type: 'command';
  command: string;
  /** Seconds; the event's default when absent. */
  timeout?: number;
  /** The shell the command runs in (`bash` unless set). */
  shell?: string;
  statusMessage?: string;
  /** Extra environment for the command (a plugin's hooks get CLAUDE_PLUGIN_ROOT / WRIGHT_PLUGIN_ROOT). */
  env?: Record<string, string>;
  /** Runs in the background: never waited for, never decides; its output is ignored. */
  async?: boolean;
}

export interface PromptHookHandler {
  type: 'prompt';
  /** `$ARGUMENTS` is replaced by the event's input JSON. */
  prompt: string;
  timeout?: number;
  model?: string;
  statusMessage?: string;
}

export interface HttpHookHandler {
  type: 'http';
  /** Receives the event's JSON in a POST; a 2xx body is read as the hook's output. */
  url: string;
  /** Values may use `$VAR` / `${VAR}` for the variables in `allowedEnvVars`. */
  headers?: Record<string, string>;
  allowedEnvVars?: string[];
  timeout?: number;
  statusMessage?: string;
}

export type HookHandler = CommandHookHandler | PromptHookHandler | HttpHookHandler;

export interface HookEntry {
  event: HookEventName;
  /** As written ('' when omitted). */
  matcher: string;
  compiled: CompiledMatcher;
  handler: HookHandler;
  /** The settings file it came from (or `--settings`). */
  source: string;
}

export interface HookConfig {
  entries: HookEntry[];
  /** Things that load but do nothing: events and handler types wright does not run. */
  warnings: string[];
}

export interface HookLayer {
  /** Settings file path, or `--settings`. */
  source: string;
  scope: 'managed' | 'cli' | 'local' | 'project' | 'user' | 'plugin';
  hooks: unknown;
}

export interface HookConfigProblem {
  source: string;
  /** Key path inside the settings file, e.g. `['hooks', 'PreToolUse', 0, 'hooks', 1, 'command']`. */
  path: Array<string | number>;
  message: string;
}

export type HookConfigResult = { ok: true; config: HookConfig } | { ok: false; problem: HookConfigProblem };

export interface HookConfigOptions {
  /** `disableAllHooks: true` in the settings in effect. */
  disableAll?: boolean;
  /** Managed settings set `allowManagedHooksOnly`: hooks from every other file are ignored. */
  managedOnly?: boolean;
}

export const EMPTY_HOOK_CONFIG: HookConfig = { entries: [], warnings: [] };

/** Layers highest precedence first, as settings are read. */
export function parseHookLayers(layers: readonly HookLayer[], options: HookConfigOptions = {}): HookConfigResult {
  const entries: HookEntry[] = [];
  const warnings: string[] = [];
  // Every file is validated, even when hooks are off: a broken file is reported either way.
  for (const layer of layers) {
    if (layer.hooks === undefined) continue;
    const parsed = parseLayer(layer, warnings);
    if (!parsed.ok) return parsed;
    if (options.managedOnly && layer.scope !== 'managed') continue;
    entries.push(...parsed.entries);
  }
  if (options.disableAll) return { ok: true, config: { entries: [], warnings } };
  return { ok: true, config: { entries: withoutRepeatedEntries(entries), warnings } };
}

/** Two handlers are the same when they would do the same thing: type and command (or prompt, or URL), shell and model. */
export function handlerIdentity(handler: HookHandler): string {
  switch (handler.type) {
    case 'command':
      return JSON.stringify(['command', handler.command, handler.shell ?? 'bash', ...(handler.env !== undefined ? [handler.env] : [])]);
    case 'prompt':
      return JSON.stringify(['prompt', handler.prompt, handler.model ?? '']);
    case 'http':
      return JSON.stringify(['http', handler.url, handler.headers ?? {}]);
  }
}

function withoutRepeatedEntries(entries: HookEntry[]): HookEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.event}\0${entry.matcher}\0${handlerIdentity(entry.handler)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type LayerResult = { ok: true; entries: HookEntry[] } | { ok: false; problem: HookConfigProblem };

function parseLayer(layer: HookLayer, warnings: string[]): LayerResult {
  const fail = (path: Array<string | number>, message: string): LayerResult => ({ ok: false, problem: { source: layer.source, path: ['hooks', ...path], message } });
  if (!isObject(layer.hooks)) return fail([], 'must be an object keyed by event name, e.g. {"PreToolUse": [...]}');
  const entries: HookEntry[] = [];
  for (const [event, groups] of Object.entries(layer.hooks)) {
    if (UNSUPPORTED_HOOK_EVENTS.has(event)) {
      warnings.push(`${layer.source}: hooks.${event}: wright does not fire this event; its hooks are ignored.`);
      continue;
    }
    if (!isHookEventName(event)) return fail([event], `unknown hook event; use one of ${HOOK_EVENTS.join(', ')}`);
    if (!Array.isArray(groups)) return fail([event], 'must be a list of {"matcher": "...", "hooks": [...]} objects');
    for (const [groupIndex, group] of groups.entries()) {
      if (!isObject(group)) return fail([event, groupIndex], 'must be an object with "hooks" (and optionally "matcher")');
      const matcher = group.matcher ?? '';
      if (typeof matcher !== 'string') return fail([event, groupIndex, 'matcher'], 'must be a string such as "Bash", "Edit|Write" or "mcp__.*"');
      const compiled = compileMatcher(matcher);
      if (!compiled.ok) return fail([event, groupIndex, 'matcher'], compiled.error);
      if (!Array.isArray(group.hooks)) return fail([event, groupIndex, 'hooks'], 'must be a list of handlers such as {"type": "command", "command": "..."}');
      for (const [handlerIndex, raw] of group.hooks.entries()) {
        const at = [event, groupIndex, 'hooks', handlerIndex];
        const handler = parseHandler(raw);
        if ('error' in handler) return fail([...at, ...handler.key], handler.error);
        if ('ignored' in handler) {
          warnings.push(`${layer.source}: hooks.${event}[${groupIndex}].hooks[${handlerIndex}]: handler type "${handler.ignored}" is not supported by wright; ignored.`);
          continue;
        }
        entries.push({ event, matcher, compiled: compiled.matcher, handler: handler.handler, source: layer.source });
      }
    }
  }
  return { ok: true, entries };
}

type HandlerResult = { handler: HookHandler } | { ignored: string } | { key: string[]; error: string };

const LATER_HANDLER_TYPES = new Set(['mcp_tool', 'agent']);

function parseHandler(raw: unknown): HandlerResult {
  if (!isObject(raw)) return { key: [], error: 'must be an object such as {"type": "command", "command": "..."}' };
  const { type } = raw;
  if (typeof type === 'string' && LATER_HANDLER_TYPES.has(type)) return { ignored: type };
  if (type !== 'command' && type !== 'prompt' && type !== 'http') return { key: ['type'], error: 'must be "command", "prompt" or "http"' };
  const timeout = raw.timeout;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)) {
    return { key: ['timeout'], error: 'must be a positive number of seconds' };
  }
  const statusMessage = raw.statusMessage;
  if (statusMessage !== undefined && typeof statusMessage !== 'string') return { key: ['statusMessage'], error: 'must be a string' };
  const common = { ...(timeout !== undefined ? { timeout } : {}), ...(statusMessage !== undefined ? { statusMessage } : {}) };
  if (type === 'command') {
    if (typeof raw.command !== 'string' || raw.command.trim() === '') return { key: ['command'], error: 'must be a non-empty string' };
    const shell = raw.shell;
    if (shell !== undefined && (typeof shell !== 'string' || shell.trim() === '')) return { key: ['shell'], error: 'must be the name of a shell such as "bash"' };
    if (shell === 'powershell') return { key: ['shell'], error: 'powershell hooks are not supported; use "bash"' };
    if (raw.async !== undefined && typeof raw.async !== 'boolean') return { key: ['async'], error: 'must be true or false' };
    return { handler: { type, command: raw.command, ...(shell !== undefined ? { shell } : {}), ...(raw.async === true ? { async: true } : {}), ...common } };
  }
  if (type === 'http') return parseHttpHandler(raw, common);
  if (typeof raw.prompt !== 'string' || raw.prompt.trim() === '') return { key: ['prompt'], error: 'must be a non-empty string' };
  const model = raw.model;
  if (model !== undefined && (typeof model !== 'string' || model.trim() === '')) return { key: ['model'], error: 'must be a model name' };
  return { handler: { type, prompt: raw.prompt, ...(model !== undefined ? { model } : {}), ...common } };
}

function parseHttpHandler(raw: Record<string, unknown>, common: { timeout?: number; statusMessage?: string }): HandlerResult {
  const { url, headers, allowedEnvVars } = raw;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return { key: ['url'], error: 'must be an http:// or https:// URL' };
  if (headers !== undefined && (!isObject(headers) || !Object.values(headers).every((value) => typeof value === 'string'))) {
    return { key: ['headers'], error: 'must be an object of header names to string values' };
  }
  if (allowedEnvVars !== undefined && (!Array.isArray(allowedEnvVars) || !allowedEnvVars.every((name) => typeof name === 'string'))) {
    return { key: ['allowedEnvVars'], error: 'must be a list of environment variable names' };
  }
  return {
    handler: {
      type: 'http',
      url,
      ...(headers !== undefined ? { headers: headers as Record<string, string> } : {}),
      ...(allowedEnvVars !== undefined ? { allowedEnvVars: allowedEnvVars as string[] } : {}),
      ...common,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
