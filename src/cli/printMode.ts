// The print front end (`-p`): runs the task without a terminal UI and writes the outcome as text,
// one JSON result, or a JSONL event stream.
import { createInterface } from 'node:readline';
import type { AgentEvent, ResultEvent } from '../agent/events.js';
import type { ContentBlock } from '../model/types.js';
import type { Redactor } from '../secrets/redactor.js';
import { disposeToolSessionState } from '../tools/index.js';
import type { CliOptions } from './args.js';
import { assembleAgent, type AssembledSession } from './assembleAgent.js';
import { customCommandEvents, PRINT_MODE_BUILTINS } from './printCustomCommands.js';
import { PartialMessageRedaction } from './partialMessageRedaction.js';
import { expandResourceMentions, findResourceMentions } from '../extensions/mcp/resourceMentions.js';
import { EXIT } from './exitCodes.js';
import { printModeInteraction } from './printInteraction.js';
import { printModeCanUseTool } from './printPermissions.js';
import { withHookVerdicts } from './hookPermissionGate.js';
import type { PolicyInputs } from './assembleAgent.js';
import { readAllStdin, stdinHasInput } from './readStdin.js';
import { UsageError } from './errors.js';

type OutputFormat = 'text' | 'json' | 'stream-json';

export function checkPrintOptions(options: CliOptions): { output: OutputFormat; streamInput: boolean } {
  const output = (options.outputFormat ?? 'text') as OutputFormat;
  if (!['text', 'json', 'stream-json'].includes(output)) {
    throw new UsageError(`--output-format must be text, json or stream-json, got "${options.outputFormat}".`);
  }
  const input = options.inputFormat ?? 'text';
  if (input !== 'text' && input !== 'stream-json') {
    throw new UsageError(`--input-format must be text or stream-json, got "${options.inputFormat}".`);
  }
  if (input === 'stream-json' && output !== 'stream-json') {
    throw new UsageError('--input-format stream-json needs --output-format stream-json.');
  }
  if (options.includePartialMessages && output !== 'stream-json') {
    throw new UsageError('--include-partial-messages needs --output-format stream-json.');
  }
  return { output, streamInput: input === 'stream-json' };
}

/** Everything print mode writes goes through here, secrets redacted. */
interface PrintOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  json(value: unknown): void;
  partial: PartialMessageRedaction;
}

function redactedOutput(redactor: Redactor): PrintOutput {
  return {
    partial: new PartialMessageRedaction(redactor),
    stdout: (text) => process.stdout.write(redactor.redactText(text)),
    stderr: (text) => process.stderr.write(redactor.redactText(text)),
    // Redacting the value, not its JSON text, keeps every line valid JSON.
    json: (value) => process.stdout.write(JSON.stringify(redactor.redact(value)) + '\n'),
  };
}

export async function runPrintMode(options: CliOptions, version: string, redactor: Redactor): Promise<number> {
  const { output, streamInput } = checkPrintOptions(options);
  const prompts = streamInput ? streamJsonPrompts() : singlePrompt(options.prompt);

  const gate = (policy: PolicyInputs) => withHookVerdicts(printModeCanUseTool(policy), policy, { promptsUser: false });
  const assembled = await assembleAgent(options, version, gate, printModeInteraction, redactor);
  const out = redactedOutput(redactor);
  for (const warning of [...assembled.warnings, ...assembled.customizations.registry.builtinConflicts(PRINT_MODE_BUILTINS)]) {
    out.stderr(`wright: warning: ${warning}\n`);
  }

  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let last: ResultEvent | null = null;
  try {
    for await (const prompt of prompts) {
      last = await runTurn(assembled, prompt, controller.signal, output, options, out);
      if (last.interrupted) break;
    }
  } finally {
    // Background shells end with the run; the signal handlers stay until then, so a second Ctrl+C
    // cannot kill wright before its shells are gone.
    await disposeToolSessionState(assembled.toolSession);
    await assembled.mcp.close();
    const ended = await assembled.agent.endSession('other');
    if (output === 'text' && options.verbose) for (const message of ended) out.stderr(hookMessageLine(message.event, message.text));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (!last) throw new UsageError('No prompt given. Pass one as an argument or pipe it on stdin.');
  if (last.interrupted) return stoppedBy === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
  return last.is_error ? EXIT.error : EXIT.success;
}

async function runTurn(
  assembled: AssembledSession,
  prompt: string | ContentBlock[],
  signal: AbortSignal,
  output: OutputFormat,
  options: CliOptions,
  out: PrintOutput,
): Promise<ResultEvent> {
  let result: ResultEvent | null = null;
  const warn = (message: string) => out.stderr(`wright: warning: ${message}\n`);
  for await (const event of printModeEvents(assembled, prompt, signal, warn)) {
    if (event.type === 'result') result = event;
    if (output === 'stream-json') writeStreamJson(event, options.includePartialMessages, out);
    else if (output === 'text' && options.verbose) writeVerbose(event, out);
  }
  if (!result) throw new Error('the agent ended without a result');
  if (output === 'json') out.json(result);
  if (output === 'text') {
    if (result.is_error) out.stderr(`wright: ${(result.errors ?? [result.subtype]).join('\n')}\n`);
    if (result.result) out.stdout(result.result.endsWith('\n') ? result.result : result.result + '\n');
  }
  return result;
}

/**
 * The session commands that make sense without a terminal, as in Claude Code's SDK: `/compact
 * [focus]` and `/context`; then custom commands, skills and MCP prompts (`/name args`). Anything
 * else, slash or not, goes to the model, with the MCP resources it mentions (`@server:uri`) attached. Every turn runs in the turn scopes, so what a skill grants ends with it.
 */
function printModeEvents(assembled: AssembledSession, prompt: string | ContentBlock[], signal: AbortSignal, warn: (message: string) => void): AsyncIterable<AgentEvent> {
  const { agent } = assembled;
  const command = typeof prompt === 'string' ? /^\/(compact|context)(?:\s+([\s\S]*))?$/.exec(prompt.trim()) : null;
  if (command?.[1] === 'compact') return agent.compact(command[2]?.trim() || undefined, signal);
  if (command?.[1] === 'context' && !command[2]) return agent.context(signal);
  const custom = typeof prompt === 'string' ? customCommandEvents(assembled, prompt, signal, warn) : undefined;
  if (custom) return custom;
  if (typeof prompt === 'string' && findResourceMentions(prompt).length > 0) return withResourceMentions(assembled, prompt, signal, warn);
  return assembled.customizations.scopes.around(agent.run(prompt, signal));
}

/** `@server:uri` mentions: the resources are read and attached; what cannot be is a warning. */
async function* withResourceMentions(assembled: AssembledSession, prompt: string, signal: AbortSignal, warn: (message: string) => void): AsyncGenerator<AgentEvent> {
  const expanded = await expandResourceMentions(prompt, assembled.mcp, signal);
  for (const notice of expanded.notices) warn(notice);
  yield* assembled.customizations.scopes.around(assembled.agent.run(expanded.text, signal));
}

function writeStreamJson(event: AgentEvent, includePartial: boolean, out: PrintOutput): void {
  if (event.type === 'stream_event' && !includePartial) return;
  if (event.type === 'system' && event.subtype === 'tool_start') return;
  if (event.type === 'stream_event') for (const redacted of out.partial.redact(event)) out.json(redacted);
  else out.json(event);
}

const hookMessageLine = (event: string, text: string) => `wright: ${text.startsWith(`${event} hook`) ? text : `${event} hook: ${text}`}\n`;

function writeVerbose(event: AgentEvent, out: PrintOutput): void {
  if (event.type === 'system' && event.subtype === 'hook_message') {
    out.stderr(hookMessageLine(event.hook_event, event.message));
  } else if (event.type === 'system' && event.subtype === 'tool_start') {
    out.stderr(`wright: ${event.tool_name}(${toolInputSummary(event.tool_input)})\n`);
  } else if (event.type === 'system' && event.subtype === 'api_retry') {
    out.stderr(
      `wright: API error (${event.error_status ?? 'connection'}: ${event.error}); retry ${event.attempt}/${event.max_retries} in ${event.retry_delay_ms} ms\n`,
    );
  }
}

/** The argument a person recognises a call by: the command, the file, or the pattern. */
function toolInputSummary(input: Record<string, unknown>): string {
  const key = ['command', 'file_path', 'pattern', 'notebook_path', 'url'].find((name) => typeof input[name] === 'string');
  if (!key) return '';
  const value = (input[key] as string).replace(/\s+/g, ' ');
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

async function* singlePrompt(argument: string | undefined): AsyncGenerator<string> {
  const piped = stdinHasInput() ? (await readAllStdin()).trim() : '';
  const parts = [piped, argument?.trim() ?? ''].filter(Boolean);
  if (parts.length === 0) return;
  yield parts.join('\n\n');
}

/** Each stdin line is `{"type":"user","message":{"role":"user","content":…}}`: one turn each. */
async function* streamJsonPrompts(): AsyncGenerator<string | ContentBlock[]> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let parsed: { type?: unknown; message?: { content?: unknown } };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new UsageError(`stdin line ${lineNumber} is not JSON.`);
    }
    const content = parsed.message?.content;
    if (parsed.type !== 'user' || (typeof content !== 'string' && !Array.isArray(content))) {
      throw new UsageError(`stdin line ${lineNumber} is not a user message ({"type":"user","message":{"role":"user","content":…}}).`);
    }
    yield content as string | ContentBlock[];
  }
}
