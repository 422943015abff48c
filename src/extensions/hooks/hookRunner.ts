// Runs the hooks configured for an event: every matching handler at once, each with the event's
// JSON on stdin (or in its prompt), and combines what they say. Nothing here throws: a hook that
// fails is reported to the user and otherwise ignored.
import { handlerIdentity, type HookConfig, type HookEntry, type HookHandler, type HttpHookHandler } from './hookConfig.js';
import { runHookHttp } from './hookHttp.js';
import { MATCHER_FIELD, type HookEventName } from './hookEvents.js';
import { matcherMatches } from './hookMatcher.js';
import { combineVerdicts, NO_HOOKS, type HookOutcome } from './hookOutcome.js';
import { interpretHandlerRun, type HandlerRun } from './hookOutput.js';
import { runHookCommand } from './hookProcess.js';
import { parsePromptHookReply, PROMPT_HOOK_SYSTEM, promptHookText, type HookModelQuery } from './promptHook.js';

export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 60;
export const DEFAULT_PROMPT_TIMEOUT_SECONDS = 30;

/** The session a hook is told about (the common input fields) and runs in. */
export interface HookSession {
  sessionId: string;
  transcriptPath: string | null;
  /** The session's working directory (the `cwd` input field). */
  cwd: string;
  /** Where hooks run, and `WRIGHT_PROJECT_DIR` / `CLAUDE_PROJECT_DIR`. */
  projectDir: string;
  permissionMode(): string;
  /** The environment hook commands get (the project dir variables are added). */
  env: Record<string, string | undefined>;
}

export interface HookRunnerOptions {
  /** Answers `prompt` hooks; without it they fail as non-blocking errors. */
  askModel?: HookModelQuery;
  /** The shell commands run in when a handler names none. */
  shell?: string;
}

export interface HookRunOptions {
  signal?: AbortSignal;
  /** A cap on every handler's time (SessionEnd's short budget), in seconds. */
  budgetSeconds?: number;
  /** Used instead of the event's default when a handler sets no timeout. */
  defaultTimeoutSeconds?: number;
  /** Extra environment for this event's commands (SessionStart's CLAUDE_ENV_FILE). */
  env?: Record<string, string>;
}

export class HookRunner {
  constructor(
    readonly config: HookConfig,
    private readonly session: HookSession,
    private readonly options: HookRunnerOptions = {},
  ) {}

  has(event: HookEventName): boolean {
    return this.config.entries.some((entry) => entry.event === event);
  }

  /** `fields` are the event's own input fields; the common ones are added here. */
  async run(event: HookEventName, fields: Record<string, unknown>, options: HookRunOptions = {}): Promise<HookOutcome> {
    const handlers = this.matching(event, fields);
    if (handlers.length === 0) return NO_HOOKS;
    const input = JSON.stringify({
      session_id: this.session.sessionId,
      transcript_path: this.session.transcriptPath ?? '',
      cwd: this.session.cwd,
      permission_mode: this.session.permissionMode(),
      hook_event_name: event,
      ...fields,
    });
    const signal = options.signal ?? new AbortController().signal;
    // `async: true` commands start with the others but are not waited for: they cannot block or
    // decide, and what they print is dropped. They are not cancelled with the event either (only by
    // their timeout), since the event is long over by the time they matter.
    const background = handlers.filter((handler) => handler.type === 'command' && handler.async === true);
    for (const handler of background) this.runHandler(event, handler, input, new AbortController().signal, options).catch(() => {});
    const waited = handlers.filter((handler) => !background.includes(handler));
    const runs = await Promise.all(waited.map((handler) => this.runHandler(event, handler, input, signal, options)));
    return { ...combineVerdicts(runs.map(interpretHandlerRun)), ran: handlers.length };
  }

  /** Matching handlers in configuration order, each distinct handler once. */
  private matching(event: HookEventName, fields: Record<string, unknown>): HookHandler[] {
    const field = MATCHER_FIELD[event];
    const raw = field === null ? undefined : fields[field];
    const value = typeof raw === 'string' ? raw : undefined;
    const seen = new Set<string>();
    return this.config.entries
      .filter((entry: HookEntry) => entry.event === event && matcherMatches(entry.compiled, value))
      .map((entry) => entry.handler)
      .filter((handler) => {
        const key = handlerIdentity(handler);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  private async runHandler(event: HookEventName, handler: HookHandler, input: string, signal: AbortSignal, options: HookRunOptions): Promise<HandlerRun> {
    const fallback = handler.type === 'prompt' ? DEFAULT_PROMPT_TIMEOUT_SECONDS : (options.defaultTimeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_SECONDS);
    const timeoutSeconds = Math.min(handler.timeout ?? fallback, options.budgetSeconds ?? Infinity);
    if (handler.type === 'prompt') return this.runPrompt(event, handler.prompt, handler.model, input, signal, timeoutSeconds);
    if (handler.type === 'http') return this.runHttp(event, handler, input, signal, timeoutSeconds);
    const run = await runHookCommand({
      command: handler.command,
      shell: handler.shell ?? this.options.shell ?? 'bash',
      cwd: this.session.projectDir,
      // stdin is a socket pair: at SHLVL < 2 bash takes that for rshd and sources ~/.bashrc (noise on stderr).
      env: { SHLVL: '1', ...this.session.env, WRIGHT_PROJECT_DIR: this.session.projectDir, CLAUDE_PROJECT_DIR: this.session.projectDir, ...options.env, ...handler.env },
      input,
      timeoutMs: timeoutSeconds * 1000,
      signal,
    });
    return {
      event,
      hook: handler.command,
      exitCode: run.exitCode,
      stdout: run.stdout,
      stderr: run.stderr,
      timedOut: run.timedOut,
      timeoutSeconds,
      aborted: run.aborted,
      ...(run.spawnError !== undefined ? { failure: `could not run ${handler.shell ?? this.options.shell ?? 'bash'}: ${run.spawnError}` } : {}),
    };
  }

  private async runHttp(event: HookEventName, handler: HttpHookHandler, input: string, signal: AbortSignal, timeoutSeconds: number): Promise<HandlerRun> {
    const base = { event, hook: `POST ${handler.url}`, stdout: '', stderr: '', timedOut: false, timeoutSeconds };
    const run = await runHookHttp({
      url: handler.url,
      headers: handler.headers ?? {},
      allowedEnvVars: handler.allowedEnvVars ?? [],
      env: this.session.env,
      input,
      timeoutMs: timeoutSeconds * 1000,
      signal,
    });
    switch (run.kind) {
      case 'answered':
        if (run.status >= 200 && run.status < 300) return { ...base, exitCode: 0, stdout: run.body };
        return { ...base, exitCode: null, failure: `the server answered HTTP ${run.status}${run.body.trim() !== '' ? `: ${run.body.trim().slice(0, 200)}` : ''}` };
      case 'failed':
        return { ...base, exitCode: null, failure: `could not reach ${handler.url}: ${run.error}` };
      case 'timedOut':
        return { ...base, exitCode: null, timedOut: true };
      case 'aborted':
        return { ...base, exitCode: null, aborted: true };
    }
  }

  private async runPrompt(event: HookEventName, prompt: string, model: string | undefined, input: string, signal: AbortSignal, timeoutSeconds: number): Promise<HandlerRun> {
    const base = { event, hook: prompt, stdout: '', stderr: '', timedOut: false, timeoutSeconds };
    if (!this.options.askModel) return { ...base, exitCode: null, failure: 'prompt hooks need a model, and none is available' };
    const timeout = AbortSignal.timeout(timeoutSeconds * 1000);
    const answer = await this.options.askModel({
      system: PROMPT_HOOK_SYSTEM,
      prompt: promptHookText(prompt, input),
      ...(model !== undefined ? { model } : {}),
      signal: AbortSignal.any([signal, timeout]),
    });
    if (signal.aborted) return { ...base, exitCode: null, aborted: true };
    if (timeout.aborted) return { ...base, exitCode: null, timedOut: true };
    if (!answer.ok) return { ...base, exitCode: null, failure: `prompt hook: ${answer.message}` };
    const reply = parsePromptHookReply(answer.text);
    if ('invalid' in reply) return { ...base, exitCode: null, failure: `prompt hook: ${reply.invalid}` };
    return reply.ok ? { ...base, exitCode: 0 } : { ...base, exitCode: 2, stderr: reply.reason };
  }
}
