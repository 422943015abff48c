// The built-in slash commands of the interactive UI, as pure functions from a view of the session to
// an outcome the UI carries out (print text, start over, send a prompt, switch model, exit…). Keeping
// them free of Ink makes each one testable on its own.
import type { ModelUsageEntry } from '../../agent/events.js';
import type { PermissionMode } from '../../config/permissionModes.js';
import { contextUsage, formatContextUsage, type ContextUsageInput } from '../../context/contextUsage.js';
import type { Message } from '../../model/types.js';
import { listSessionSummaries } from '../../session/sessionSummaries.js';
import { conversationToMarkdown } from '../../session/transcriptExport.js';
import type { TodoItem } from '../../tools/types.js';

export interface SlashCommandContext {
  cwd: string;
  version: string;
  sessionId: string;
  model: string;
  permissionMode: PermissionMode;
  /** Where this project's transcripts are, for /resume. */
  transcriptDir: string;
  workingDirectories: readonly string[];
  messages(): readonly Message[];
  usage(): { totalCostUsd: number; byModel: Record<string, ModelUsageEntry>; durationMs: number; apiDurationMs: number };
  todos(): readonly TodoItem[];
  context(): ContextUsageInput;
  rules(): { allow: string[]; ask: string[]; deny: string[] };
  /** The settings files in effect and the main settings, for /config. */
  config?(): { sources: string[]; summary: Array<[string, string]> };
  /** Memory files given to the model, and where each scope's file lives (to open with /memory). */
  memory?(): { loaded: Array<{ path: string; scope: string }>; paths: { project: string; local: string; user: string } };
  /** Custom commands and skills the user can run (built-in names left out), for /help and completion. */
  customCommands?(): readonly CustomCommandInfo[];
  /** Whether `/name` runs a custom command or skill (`namespace:name` too). */
  hasCustomCommand?(name: string): boolean;
  /** The hooks in effect, described by event, matcher, handler and source file, for /hooks. */
  hooks?(): string;
  /** The MCP servers with their status, for /mcp. */
  mcp?(): string;
  /** The output styles (names, and the listing with the current one marked), for /output-style. */
  outputStyles?(): { names: string[]; listing: string };
  /** The subagent definitions with their sources, for /agents. */
  agents?(): string;
  /** The session's plugins, for /plugin. */
  plugins?(): string;
}

export interface CustomCommandInfo {
  name: string;
  description: string;
  argumentHint?: string;
  /** Where it comes from: `(project)`, `(user:git)`, `(project skill)`. */
  origin: string;
}

export type SlashCommandOutcome =
  | { kind: 'print'; text: string }
  | { kind: 'clear' }
  | { kind: 'exit' }
  | { kind: 'prompt'; text: string }
  | { kind: 'compact'; instructions: string }
  | { kind: 'setModel'; model: string }
  | { kind: 'addDirectory'; path: string }
  | { kind: 'resume'; sessionId: string }
  | { kind: 'export'; path: string; markdown: string }
  | { kind: 'doctor' }
  | { kind: 'openFile'; path: string }
  | { kind: 'addRule'; behavior: 'allow' | 'ask' | 'deny'; rule: string }
  | { kind: 'setOutputStyle'; name: string }
  | { kind: 'mcpReconnect'; name: string }
  | { kind: 'mcpLogin'; name: string }
  | { kind: 'mcpLogout'; name: string }
  | { kind: 'custom'; name: string; args: string; text: string };

interface SlashCommand {
  name: string;
  description: string;
  argument?: string;
  run(args: string, ctx: SlashCommandContext): SlashCommandOutcome;
}

const print = (text: string): SlashCommandOutcome => ({ kind: 'print', text });

const INIT_PROMPT = `Analyse this repository and write a WRIGHT.md file at its root for future coding sessions. Include:
- the commands to build, lint and test (and to run a single test);
- the high-level architecture: the main modules and how they fit together, what is not obvious from one file;
- conventions the code follows (style, naming, error handling, tests).
Read the README, package manifests, CI configuration and existing AGENTS.md / CLAUDE.md / .cursor rules first and keep what is still true. Be concise: no generic advice, nothing easily found by listing files. If WRIGHT.md exists, improve it instead.`;

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { name: 'help', description: 'Show commands and keys', run: (_args, ctx) => print(helpText(ctx.customCommands?.() ?? [])) },
  { name: 'clear', description: 'Start a new conversation (the old one stays resumable)', run: () => ({ kind: 'clear' }) },
  { name: 'cost', description: 'Show what this session has cost', run: (_args, ctx) => print(costText(ctx)) },
  {
    name: 'compact',
    description: 'Replace the conversation with a summary to free context',
    argument: '[instructions]',
    run: (args) => ({ kind: 'compact', instructions: args.trim() }),
  },
  { name: 'context', description: 'Show what fills the context window', run: (_args, ctx) => print(formatContextUsage(contextUsage(ctx.context()))) },
  {
    name: 'model',
    description: 'Show or switch the model',
    argument: '[model]',
    run: (args, ctx) => (args.trim() === '' ? print(`Model: ${ctx.model}. Switch with /model <name> (e.g. sonnet, opus, haiku, or a full model id).`) : { kind: 'setModel', model: args.trim() }),
  },
  { name: 'status', description: 'Show version, model, mode, directories and session', run: (_args, ctx) => print(statusText(ctx)) },
  {
    name: 'permissions',
    description: 'Show the permission mode and rules, or add one',
    argument: '[allow|ask|deny <rule>]',
    run: (args, ctx) => {
      const adding = /^(allow|ask|deny)\s+(\S[\s\S]*)$/.exec(args.trim());
      if (adding) return { kind: 'addRule', behavior: adding[1] as 'allow' | 'ask' | 'deny', rule: adding[2]!.trim() };
      return args.trim() === '' ? print(permissionsText(ctx)) : print('Usage: /permissions [allow|ask|deny <rule>], e.g. /permissions allow Bash(npm test:*)');
    },
  },
  { name: 'todos', description: 'Show the todo list', run: (_args, ctx) => print(todosText(ctx.todos())) },
  {
    name: 'add-dir',
    description: 'Add a working directory for this session',
    argument: '<path>',
    run: (args) => (args.trim() === '' ? print('Usage: /add-dir <path>') : { kind: 'addDirectory', path: args.trim() }),
  },
  { name: 'init', description: 'Analyse the repository and write WRIGHT.md', run: () => ({ kind: 'prompt', text: INIT_PROMPT }) },
  {
    name: 'resume',
    description: 'List earlier sessions, or resume one by number or id',
    argument: '[n|id]',
    run: (args, ctx) => resume(args.trim(), ctx),
  },
  {
    name: 'export',
    description: 'Write the conversation as Markdown',
    argument: '[file]',
    run: (args, ctx) => ({
      kind: 'export',
      path: args.trim() || `wright-session-${ctx.sessionId.slice(0, 8)}.md`,
      markdown: conversationToMarkdown(ctx.messages(), { title: `wright session ${ctx.sessionId}` }),
    }),
  },
  { name: 'config', description: 'Show the settings in effect and their files', run: (_args, ctx) => print(configText(ctx)) },
  { name: 'hooks', description: 'Show the hooks in effect and their files', run: (_args, ctx) => print(ctx.hooks?.() ?? 'Hooks are not available in this session.') },
  {
    name: 'mcp',
    description: 'Show MCP servers and their status; reconnect one, or sign in to or out of one',
    argument: '[reconnect|login|logout <server>]',
    run: (args, ctx) => {
      const action = /^(reconnect|login|logout)\s+(\S+)$/.exec(args.trim());
      if (action?.[1] === 'reconnect') return { kind: 'mcpReconnect', name: action[2]! };
      if (action?.[1] === 'login') return { kind: 'mcpLogin', name: action[2]! };
      if (action?.[1] === 'logout') return { kind: 'mcpLogout', name: action[2]! };
      return args.trim() === '' ? print(ctx.mcp?.() ?? 'MCP is not available in this session.') : print('Usage: /mcp [reconnect|login|logout <server>]');
    },
  },
  {
    name: 'output-style',
    description: 'Show the output styles, or choose one (from the next session)',
    argument: '[name]',
    run: (args, ctx) => outputStyle(args.trim(), ctx),
  },
  { name: 'agents', description: 'Show the subagent definitions and their sources', run: (_args, ctx) => print(ctx.agents?.() ?? 'Agents are not available in this session.') },
  { name: 'plugin', description: 'Show the plugins this session loaded', run: (_args, ctx) => print(ctx.plugins?.() ?? 'Plugins are not available in this session.') },
  {
    name: 'memory',
    description: 'List memory files, or open one in $EDITOR',
    argument: '[project|local|user]',
    run: (args, ctx) => memory(args.trim(), ctx),
  },
  { name: 'doctor', description: 'Check the installation', run: () => ({ kind: 'doctor' }) },
  { name: 'exit', description: 'Leave wright', run: () => ({ kind: 'exit' }) },
];

/**
 * Runs `/name args`: a built-in command, else a custom command or skill (built-ins win). Undefined
 * when the text is not a command at all (it then goes to the model).
 */
export function runSlashCommand(text: string, ctx: SlashCommandContext): SlashCommandOutcome | undefined {
  const match = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const name = match[1]!;
  const command = SLASH_COMMANDS.find((candidate) => candidate.name === name);
  if (command) return command.run(match[2] ?? '', ctx);
  if (ctx.hasCustomCommand?.(name)) return { kind: 'custom', name, args: match[2] ?? '', text: text.trim() };
  if (!/^[a-z][a-z-]*$/.test(name)) return undefined;
  return print(`Unknown command /${name}. Type /help for the list.`);
}

function helpText(custom: readonly CustomCommandInfo[]): string {
  const usage = (name: string, argument: string | undefined) => `${name}${argument ? ` ${argument}` : ''}`;
  const rows = [
    ...SLASH_COMMANDS.map((command) => [usage(command.name, command.argument), command.description] as const),
    ...custom.map((command) => [usage(command.name, command.argumentHint), `${command.description} ${command.origin}`] as const),
  ];
  // Each section aligns on its own: long custom names (MCP prompts) do not push the built-ins apart.
  const section = (list: ReadonlyArray<readonly [string, string]>) => {
    const width = Math.max(...list.map(([left]) => left.length));
    return list.map(([left, right]) => `  /${left.padEnd(width)}  ${right}`);
  };
  return [
    'Commands:',
    ...section(rows.slice(0, SLASH_COMMANDS.length)),
    ...(custom.length > 0 ? ['', 'Custom commands and skills:', ...section(rows.slice(SLASH_COMMANDS.length))] : []),
    '',
    'Keys: Enter send · Ctrl+J or \\ Enter new line · Up/Down history · Ctrl+R search history',
    '      @ file completion · Esc interrupt · Shift+Tab permission mode · Ctrl+C clear / exit · Ctrl+D exit',
    '      Ctrl+O transcript (every tool call in full; / search, Esc returns) · Ctrl+T todos',
  ].join('\n');
}

function costText(ctx: SlashCommandContext): string {
  const usage = ctx.usage();
  const lines = [`Total cost: $${usage.totalCostUsd.toFixed(4)}`, `Time: ${(usage.durationMs / 1000).toFixed(1)} s (API ${(usage.apiDurationMs / 1000).toFixed(1)} s)`];
  for (const [model, entry] of Object.entries(usage.byModel)) {
    lines.push(`  ${model}: ${entry.inputTokens} in, ${entry.outputTokens} out, ${entry.cacheReadInputTokens} cache read, ${entry.cacheCreationInputTokens} cache write — $${entry.costUSD.toFixed(4)}`);
  }
  return lines.join('\n');
}

function statusText(ctx: SlashCommandContext): string {
  return [
    `wright ${ctx.version}`,
    `Session: ${ctx.sessionId}`,
    `Model: ${ctx.model}`,
    `Permission mode: ${ctx.permissionMode}`,
    `Working directories: ${ctx.workingDirectories.join(', ')}`,
  ].join('\n');
}

function permissionsText(ctx: SlashCommandContext): string {
  const rules = ctx.rules();
  const list = (name: string, entries: string[]) => `${name}: ${entries.length === 0 ? '(none)' : entries.join(', ')}`;
  return [
    `Mode: ${ctx.permissionMode} (Shift+Tab to change)`,
    list('Allow', rules.allow),
    list('Ask', rules.ask),
    list('Deny', rules.deny),
    'Add one with /permissions allow|ask|deny <rule> (saved to .wright/settings.local.json), or edit .wright/settings.json (shared).',
  ].join('\n');
}

function todosText(todos: readonly TodoItem[]): string {
  if (todos.length === 0) return 'No todos.';
  const mark = { completed: '☒', in_progress: '◐', pending: '☐' } as const;
  return todos.map((todo) => `${mark[todo.status]} ${todo.content}`).join('\n');
}

function resume(argument: string, ctx: SlashCommandContext): SlashCommandOutcome {
  const sessions = listSessionSummaries(ctx.transcriptDir, { limit: 20 }).filter((session) => session.id !== ctx.sessionId);
  if (argument !== '') {
    const byNumber = /^\d+$/.test(argument) ? sessions[Number(argument) - 1] : undefined;
    const chosen = byNumber ?? sessions.find((session) => session.id.startsWith(argument));
    return chosen ? { kind: 'resume', sessionId: chosen.id } : print(`No earlier session matches "${argument}". Type /resume to list them.`);
  }
  if (sessions.length === 0) return print('No earlier sessions in this directory.');
  const rows = sessions.map((session, index) => {
    const when = session.modifiedAt.toISOString().replace('T', ' ').slice(0, 16);
    return `  ${String(index + 1).padStart(2)}. ${when}  ${String(session.messageCount).padStart(3)} msgs  ${session.firstPrompt || '(no prompt)'}`;
  });
  return print(['Earlier sessions (resume with /resume <number>):', ...rows].join('\n'));
}

function configText(ctx: SlashCommandContext): string {
  const config = ctx.config?.();
  if (!config) return 'Settings are not available here.';
  const width = Math.max(...config.summary.map(([key]) => key.length));
  return [
    'Settings files in effect (later ones win):',
    ...(config.sources.length === 0 ? ['  (none)'] : config.sources.map((source) => `  ${source}`)),
    '',
    ...config.summary.map(([key, value]) => `${key.padEnd(width)}  ${value}`),
  ].join('\n');
}

function memory(scope: string, ctx: SlashCommandContext): SlashCommandOutcome {
  const memoryView = ctx.memory?.();
  if (!memoryView) return print('Memory files are not available here.');
  if (scope === 'project' || scope === 'local' || scope === 'user') return { kind: 'openFile', path: memoryView.paths[scope] };
  if (scope !== '') return print('Usage: /memory [project|local|user]');
  const loaded = memoryView.loaded.length === 0 ? ['  (none yet)'] : memoryView.loaded.map((file) => `  ${file.scope.padEnd(8)} ${file.path}`);
  return print(
    [
      'Memory files given to the model:',
      ...loaded,
      '',
      `Open one in $EDITOR: /memory project (${memoryView.paths.project}), /memory local (${memoryView.paths.local}), /memory user (${memoryView.paths.user}).`,
    ].join('\n'),
  );
}

function outputStyle(name: string, ctx: SlashCommandContext): SlashCommandOutcome {
  const styles = ctx.outputStyles?.();
  if (!styles) return print('Output styles are not available here.');
  if (name === '') return print(styles.listing);
  const match = styles.names.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return match === undefined ? print(`Unknown output style "${name}". Available: ${styles.names.join(', ')}.`) : { kind: 'setOutputStyle', name: match };
}
