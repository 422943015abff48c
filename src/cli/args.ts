// Command-line parsing for the main command. Flag names follow Claude Code's. The table is the
// single source of truth: the parser and the help text both read it.
import { existsSync, statSync } from 'node:fs';
import { UsageError } from './errors.js';

type FlagKind = 'boolean' | 'string' | 'number' | 'list';

interface FlagSpec {
  names: string[];
  key: keyof CliOptions;
  kind: FlagKind;
  value?: string;
  help: string;
  /** For list flags: whether a following argument still belongs to the list. */
  continues?: (arg: string) => boolean;
}

export interface CliOptions {
  print: boolean;
  outputFormat?: string;
  inputFormat?: string;
  includePartialMessages: boolean;
  verbose: boolean;
  model?: string;
  provider?: string;
  maxTurns?: number;
  maxBudgetUsd?: number;
  systemPrompt?: string;
  systemPromptFile?: string;
  appendSystemPrompt?: string;
  appendSystemPromptFile?: string;
  allowedTools: string[];
  disallowedTools: string[];
  permissionMode?: string;
  dangerouslySkipPermissions: boolean;
  addDir: string[];
  continue: boolean;
  resume?: string;
  forkSession: boolean;
  sessionId?: string;
  noSessionPersistence: boolean;
  settings?: string;
  /** `--agents '<json>'`: subagent definitions for this session. */
  agents?: string;
  /** `--plugin-dir <path>` (repeatable): plugin directories loaded for this session only. */
  pluginDir: string[];
  help: boolean;
  version: boolean;
  prompt?: string;
}

// `*` may appear in a name: `mcp__github__*`.
const looksLikeToolRule = (arg: string) => /^[A-Za-z_*][\w*-]*(\(.*\))?(,\s*[A-Za-z_*][\w*-]*(\(.*\))?)*,?$/s.test(arg);
const isExistingDirectory = (arg: string) => existsSync(arg) && statSync(arg).isDirectory();

export const FLAGS: FlagSpec[] = [
  { names: ['-p', '--print'], key: 'print', kind: 'boolean', help: 'Run non-interactively: do the task, print the result, exit' },
  { names: ['--output-format'], key: 'outputFormat', kind: 'string', value: 'text|json|stream-json', help: 'Print-mode output (default text)' },
  { names: ['--input-format'], key: 'inputFormat', kind: 'string', value: 'text|stream-json', help: 'Print-mode input; stream-json reads JSONL user messages from stdin' },
  { names: ['--include-partial-messages'], key: 'includePartialMessages', kind: 'boolean', help: 'With stream-json output, also emit raw streaming events' },
  { names: ['--verbose'], key: 'verbose', kind: 'boolean', help: 'With text output, also print tool calls and retries to stderr' },
  { names: ['--model'], key: 'model', kind: 'string', value: 'name', help: 'Model alias (sonnet, opus, haiku) or full model id' },
  { names: ['--provider'], key: 'provider', kind: 'string', value: 'anthropic|openai', help: 'Model provider (default anthropic, or settings "provider")' },
  { names: ['--max-turns'], key: 'maxTurns', kind: 'number', value: 'N', help: 'Stop after N model turns (result subtype error_max_turns)' },
  { names: ['--max-budget-usd'], key: 'maxBudgetUsd', kind: 'number', value: 'X', help: 'Stop once the estimated cost reaches X dollars' },
  { names: ['--system-prompt'], key: 'systemPrompt', kind: 'string', value: 'text', help: 'Replace the built-in instructions' },
  { names: ['--system-prompt-file'], key: 'systemPromptFile', kind: 'string', value: 'file', help: 'Replace the built-in instructions with a file' },
  { names: ['--append-system-prompt'], key: 'appendSystemPrompt', kind: 'string', value: 'text', help: 'Append text to the system prompt' },
  { names: ['--append-system-prompt-file'], key: 'appendSystemPromptFile', kind: 'string', value: 'file', help: 'Append a file to the system prompt' },
  { names: ['--allowedTools', '--allowed-tools'], key: 'allowedTools', kind: 'list', value: 'rules…', help: 'Allow rules, e.g. "Bash(npm test:*)" Read (comma or space separated)', continues: looksLikeToolRule },
  { names: ['--disallowedTools', '--disallowed-tools'], key: 'disallowedTools', kind: 'list', value: 'rules…', help: 'Deny rules; a bare tool name removes the tool', continues: looksLikeToolRule },
  { names: ['--permission-mode'], key: 'permissionMode', kind: 'string', value: 'mode', help: 'default, acceptEdits, plan or bypassPermissions' },
  { names: ['--dangerously-skip-permissions'], key: 'dangerouslySkipPermissions', kind: 'boolean', help: 'Same as --permission-mode bypassPermissions' },
  { names: ['--add-dir'], key: 'addDir', kind: 'list', value: 'dirs…', help: 'Extra working directories (must exist); their commands, skills and agents load too', continues: isExistingDirectory },
  { names: ['-c', '--continue'], key: 'continue', kind: 'boolean', help: 'Continue the most recent session in this directory' },
  { names: ['-r', '--resume'], key: 'resume', kind: 'string', value: 'id', help: 'Resume a session by id (or unique id prefix)' },
  { names: ['--fork-session'], key: 'forkSession', kind: 'boolean', help: 'With -c/-r: continue in a new session, leaving the old one as it was' },
  { names: ['--session-id'], key: 'sessionId', kind: 'string', value: 'uuid', help: 'Use this id for a new session' },
  { names: ['--no-session-persistence'], key: 'noSessionPersistence', kind: 'boolean', help: 'Do not write a transcript' },
  { names: ['--settings'], key: 'settings', kind: 'string', value: 'file|json', help: 'An extra settings layer (file path or inline JSON)' },
  { names: ['--agents'], key: 'agents', kind: 'string', value: 'json', help: 'Subagents for this session: \'{"name":{"description":"…","prompt":"…","tools":["Read"],"model":"sonnet"}}\'' },
  { names: ['--plugin-dir'], key: 'pluginDir', kind: 'list', value: 'path', help: 'Load a plugin directory for this session only (repeatable)' },
  { names: ['-h', '--help'], key: 'help', kind: 'boolean', help: 'Show this help' },
  { names: ['-v', '--version'], key: 'version', kind: 'boolean', help: 'Print the version' },
];

const defaults = (): CliOptions => ({
  print: false,
  includePartialMessages: false,
  verbose: false,
  allowedTools: [],
  disallowedTools: [],
  dangerouslySkipPermissions: false,
  addDir: [],
  pluginDir: [],
  continue: false,
  forkSession: false,
  noSessionPersistence: false,
  help: false,
  version: false,
});

/** Splits `"Bash(a, b)",Read` on commas outside parentheses. */
export function splitRuleList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

export function parseArgs(argv: string[]): CliOptions {
  const options = defaults();
  const positionals: string[] = [];
  const byName = new Map(FLAGS.flatMap((spec) => spec.names.map((name) => [name, spec] as const)));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = byName.get(name);
    if (!spec) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option: ${name}. Run \`wright --help\` for the list.`);
      positionals.push(arg);
      continue;
    }
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${name} takes no value.`);
      (options[spec.key] as boolean) = true;
      continue;
    }
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1 && spec.kind !== 'number')) {
        throw new UsageError(`${name} needs a value${spec.value ? ` (${spec.value})` : ''}.`);
      }
      values.push(next);
      i++;
    }
    if (spec.kind === 'list') {
      while (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-') && spec.continues?.(argv[i + 1]!)) {
        values.push(argv[++i]!);
      }
      const list = options[spec.key] as string[];
      list.push(...(spec.key === 'addDir' || spec.key === 'pluginDir' ? values : values.flatMap(splitRuleList)));
    } else if (spec.kind === 'number') {
      const number = Number(values[0]);
      if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${name} needs a positive number, got "${values[0]}".`);
      (options[spec.key] as number) = number;
    } else {
      (options[spec.key] as string) = values[0]!;
    }
  }
  if (positionals.length > 0) options.prompt = positionals.join(' ');
  return options;
}

export function helpText(version: string): string {
  const rows = FLAGS.map((spec) => {
    const left = `  ${spec.names.join(', ')}${spec.value ? ` <${spec.value}>` : ''}`;
    return `${left.padEnd(44)} ${spec.help}`;
  });
  return [
    `wright ${version} — an agentic coding tool for the terminal`,
    '',
    'Usage:',
    '  wright ["<first prompt>"] [options]    start an interactive session in the terminal',
    '  wright -p "<task>" [options]          run a task non-interactively',
    '  cat file | wright -p "<question>"     piped input is added as context',
    '  wright permissions check <Tool> --input \'<json>\' [--mode M]',
    '                                        show the permission decision for a call',
    '  wright doctor [--connect]             check Node, settings, credentials, ripgrep, sandbox, terminal',
    '                                        (--connect also sends one tiny request to the provider)',
    '  wright sessions search <query> [--limit N] [--json]',
    '                                        find past sessions of this directory; "quoted" = exact phrase',
    '  wright sessions list [--limit N] [--json]   this directory\'s sessions, newest first',
    '  wright mcp add|add-json|list|get|remove …   manage MCP servers (wright mcp --help for details)',
    '  wright mcp serve                      expose wright\'s tools to an MCP client over stdio',
    '  wright mcp login|logout <name>        sign in to a remote MCP server with OAuth (browser), or forget it',
    '  wright plugin install|list|enable|disable|remove|validate|marketplace …',
    '                                        manage plugins (wright plugin --help for details)',
    '',
    'Options:',
    ...rows,
    '',
    'Credentials: ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or --provider openai with',
    'OPENAI_API_KEY / OPENAI_BASE_URL. Settings: .wright/settings.json, ~/.wright/settings.json.',
    '',
  ].join('\n');
}
