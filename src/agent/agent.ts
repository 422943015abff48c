import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type {
  AssistantMessage,
  ContentBlock,
  Message,
  ModelClient,
  ModelRequest,
  RetryNotice,
  StreamEvent,
  ToolDefinition,
  ToolResultBlock,
  ToolUseBlock,
} from '../model/types.js';
import { ModelError } from '../model/types.js';
import { EventStream } from '../model/eventStream.js';
import type { TranscriptWriter } from '../session/transcriptWriter.js';
import type { AnyTool, ToolContext } from '../tools/types.js';
import type { AgentEvent, PermissionDenial, ResultEvent, ResultSubtype } from './events.js';
import { syntheticErrorOutcome, type CanUseTool, type ToolCallOutcome } from './executeToolCall.js';
import { AgentToolSet } from './agentToolSet.js';
import { PartialTextTracker } from './partialTextTracker.js';
import { RepeatedCallGuard, withNote } from './repeatedCallGuard.js';
import { withContextReminder, withPlanModeReminder } from './requestReminders.js';
import { runToolCalls, type CompletedCall } from './runToolCalls.js';
import { UsageLedger } from './usageLedger.js';
import { estimateRequestTokens, TokenCalibration } from '../context/tokenEstimate.js';
import { microCompact } from '../context/compaction/microCompaction.js';
import { contextUsage, formatContextUsage, type ContextUsage } from '../context/contextUsage.js';
import type { NestedMemoryLookup } from '../context/nestedMemory.js';
import { isPromptTooLong } from '../model/promptTooLong.js';
import { DEFAULT_CONTEXT_WINDOW } from '../model/contextWindow.js';
import { compactedConversation, type CompactTrigger } from './compactedConversation.js';
import { withoutOldestTurns } from './conversationTrim.js';
import { MAX_STOP_CONTINUATIONS, type AgentHooks } from '../extensions/hooks/agentHooks.js';
import type { SessionEndReason, SessionStartSource } from '../extensions/hooks/hookEvents.js';
import type { HookMessage } from '../extensions/hooks/hookOutput.js';

export interface AgentOptions {
  model: ModelClient;
  modelId: string;
  maxTokens: number;
  tools: AnyTool[];
  /**
   * The tools when they can change between requests (an MCP server's list changed, or it
   * reconnected); read before each request and supersedes `tools`. Answer the same array while
   * nothing changed: a new one rebuilds the definitions (and, sent, the provider's cached prefix).
   */
  toolsProvider?: () => AnyTool[];
  systemPrompt: string;
  /** Project context (memory files), sent ahead of the conversation on every request, never stored. */
  contextReminder?: string | null;
  canUseTool: CanUseTool;
  toolContext: Omit<ToolContext, 'signal'>;
  /** Where completed messages are appended; null when persistence is off. */
  transcript: TranscriptWriter | null;
  /** The conversation so far (from a resumed transcript). */
  history?: Message[];
  sessionId: string;
  maxTurns?: number;
  maxBudgetUsd?: number;
  /** Anthropic prompt caching of the conversation's prefix (default on; DISABLE_PROMPT_CACHING=1 turns it off). */
  promptCaching?: boolean;
  /** Reads the memory context again (after a compaction, memory files may have changed). */
  reloadMemory?: () => Promise<string | null>;
  /** Memory for parts of the repository, attached when the model first touches a file there. */
  nestedMemory?: NestedMemoryLookup;
  /** Tokens the model's context window holds (default 200k): bounds what compaction carries over. */
  contextWindow?: number;
  /** Input size (tokens, estimated) at which the conversation is compacted before a request; null or absent: never on its own. */
  autoCompactThresholdTokens?: number | null;
  apiKeySource: string;
  version: string;
  /** The user's hooks (settings `hooks`); none when absent. */
  hooks?: AgentHooks;
  /** What SessionStart hooks are told started this session (default `startup`). */
  sessionStartSource?: SessionStartSource;
  /** The MCP servers and their status, for system/init. */
  mcpServers?: () => Array<{ name: string; status: string }>;
  /** The slash commands a front end of this session runs (built-in and custom), for the init event. */
  slashCommands?: readonly string[] | (() => readonly string[]);
  /** The session's plugins, for the init event. */
  plugins?: ReadonlyArray<{ name: string; path: string }>;
  /** The output style in effect, for the init event (`default` when absent). */
  outputStyle?: string;
}

type RunEnd = { subtype: ResultSubtype; errors?: string[]; interrupted?: boolean };
type CompactOutcome = { ok: true } | { ok: false; error: string };

/** Auto-compaction stops for the session after this many failures in a row. */
export const AUTO_COMPACT_FAILURE_LIMIT = 3;

/** Tools whose `file_path` (or `notebook_path`) names a file the model worked with. */
const FILE_TOOLS = new Set(['Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit']);

/** One conversation. `run` drives a user turn to its end and yields every event on the way. */
export class Agent {
  readonly messages: Message[];
  private readonly toolSet: AgentToolSet;
  private readonly repeatGuard = new RepeatedCallGuard();
  private readonly calibration = new TokenCalibration();
  private autoCompactFailures = 0;
  /** The memory context sent ahead of the conversation; read again after each compaction. */
  private contextReminder: string | null;
  private sessionStarted = false;
  /** What SessionStart hooks said for the model, waiting for the next prompt. */
  private readonly pendingHookContext: string[] = [];

  constructor(private readonly options: AgentOptions) {
    this.messages = [...(options.history ?? [])];
    this.contextReminder = options.contextReminder ?? null;
    this.toolSet = new AgentToolSet(options.tools, options.toolsProvider);
  }

  private get tools(): Map<string, AnyTool> {
    return this.toolSet.byName;
  }

  private get toolDefinitions(): ToolDefinition[] {
    return this.toolSet.definitions;
  }

  async *run(prompt: string | ContentBlock[], signal: AbortSignal): AsyncGenerator<AgentEvent> {
    const started = Date.now();
    const usage = new UsageLedger();
    const denials: PermissionDenial[] = [];
    let apiMs = 0;
    let turns = 0;
    let lastAssistant: AssistantMessage | null = null;
    yield this.initEvent();
    this.repeatGuard.reset();
    yield* this.hookMessages(await this.startSession(signal));

    const content: ContentBlock[] = typeof prompt === 'string' ? [{ type: 'text', text: prompt }] : prompt;
    const submitted = this.options.hooks ? await this.options.hooks.userPromptSubmit(promptText(content), signal) : null;
    if (submitted) yield* this.hookMessages(submitted.messages);
    const refusal = submitted?.stop !== undefined ? submitted.stop || 'A UserPromptSubmit hook stopped the session.' : submitted?.blocked;
    if (refusal !== undefined) {
      // The prompt is erased: not sent, not recorded.
      const errors = [`Prompt blocked by a UserPromptSubmit hook: ${refusal}`];
      yield this.resultEvent({ subtype: 'error_during_execution', errors }, { started, apiMs, turns, usage, denials, lastAssistant });
      return;
    }
    this.recordUser({ role: 'user', content });
    this.attachReminders([...this.pendingHookContext.splice(0), submitted?.context ?? null]);

    let outcome: RunEnd = { subtype: 'success' };
    let stopContinuations = 0;
    for (;;) {
      if (signal.aborted) {
        outcome = { subtype: 'error_during_execution', errors: ['Interrupted by the user.'], interrupted: true };
        break;
      }
      if (this.options.maxBudgetUsd !== undefined && usage.totalCostUsd >= this.options.maxBudgetUsd) {
        outcome = {
          subtype: 'error_max_budget_usd',
          errors: [`Reached the budget of $${this.options.maxBudgetUsd} (spent $${usage.totalCostUsd.toFixed(4)}).`],
        };
        break;
      }
      if (this.shouldAutoCompact()) yield* this.compactConversation('auto', undefined, signal, usage);
      turns++;
      const requestStarted = Date.now();
      let response = yield* this.streamResponse(signal);
      if (response.kind === 'failed' && response.tooLong && !signal.aborted) {
        // The provider counted more than we estimated: make room and send the same turn again, once.
        const compacted = yield* this.compactConversation('auto', undefined, signal, usage);
        if (!compacted.ok) this.dropOldestTurns();
        response = yield* this.streamResponse(signal);
      }
      apiMs += Date.now() - requestStarted;

      if (response.kind === 'failed') {
        outcome = response.interrupted
          ? { subtype: 'error_during_execution', errors: ['Interrupted by the user.'], interrupted: true }
          : { subtype: 'error_during_execution', errors: [response.error] };
        break;
      }
      const message = response.message;
      lastAssistant = message;
      usage.record(message.model || this.options.modelId, message.usage);
      this.messages.push({ role: 'assistant', content: message.content });
      this.options.transcript?.append({ type: 'assistant', message });
      yield this.envelope({ type: 'assistant', message, parent_tool_use_id: null });

      const uses = message.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
      const turnLimitReached = this.options.maxTurns !== undefined && turns >= this.options.maxTurns;
      if (uses.length === 0) {
        // The server paused a long turn of its own tools; sending the conversation back resumes it.
        if (message.stop_reason === 'pause_turn' && !turnLimitReached) continue;
        const instruction = yield* this.stopHooks(message, stopContinuations, signal);
        if (instruction === null) break;
        stopContinuations++;
        this.recordMeta([{ type: 'text', text: `Stop hook feedback:\n${instruction}` }]);
        continue;
      }
      if (turnLimitReached) {
        const why = `Not run: the turn limit (${this.options.maxTurns}) was reached.`;
        yield* this.recordToolResults(uses.map((use) => ({ use, outcome: syntheticErrorOutcome(use, why) })));
        outcome = { subtype: 'error_max_turns', errors: [`Reached the maximum number of turns (${this.options.maxTurns}).`] };
        break;
      }
      const stoppedBy = yield* this.runTools(uses, signal, denials, usage);
      if (stoppedBy !== undefined) break;
    }

    yield this.resultEvent(outcome, {
      started,
      apiMs,
      turns,
      usage,
      denials,
      lastAssistant,
    });
  }

  /** `/compact [instructions]`: replaces the conversation with a summary now, and reports what it cost. */
  async *compact(instructions: string | undefined, signal: AbortSignal): AsyncGenerator<AgentEvent> {
    const started = Date.now();
    const usage = new UsageLedger();
    let outcome: RunEnd = { subtype: 'success' };
    yield* this.hookMessages(await this.startSession(signal));
    if (this.messages.length === 0) {
      outcome = { subtype: 'error_during_execution', errors: ['There is no conversation to compact yet.'] };
    } else {
      const compacted = yield* this.compactConversation('manual', instructions, signal, usage);
      if (!compacted.ok) outcome = { subtype: 'error_during_execution', errors: [compacted.error], ...(signal.aborted ? { interrupted: true } : {}) };
    }
    yield this.resultEvent(outcome, { started, apiMs: Date.now() - started, turns: 0, usage, denials: [], lastAssistant: null });
  }

  /**
   * `/context`: where the context window goes, by category. With `exact`, the provider counts the
   * request where it can (Anthropic's count_tokens); otherwise, and if counting fails, the
   * calibrated estimate is used.
   */
  async contextUsage(options: { exact?: boolean; signal?: AbortSignal } = {}): Promise<ContextUsage> {
    let counted: number | undefined;
    if (options.exact && this.options.model.countTokens && this.messages.length > 0) {
      try {
        counted = await this.options.model.countTokens({
          model: this.options.modelId,
          system: this.options.systemPrompt,
          messages: this.requestMessages(),
          tools: this.toolDefinitions,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch {
        counted = undefined;
      }
    }
    return contextUsage({
      systemPrompt: this.options.systemPrompt,
      tools: this.toolDefinitions,
      memory: this.contextReminder,
      // The memory is counted on its own; the messages as stored.
      messages: this.messages,
      contextWindow: this.options.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      reportedInputTokens: counted ?? this.estimatedContextTokens(),
    });
  }

  /** `/context` as a command of its own (print mode, stream-json): the report as a result. */
  async *context(signal: AbortSignal): AsyncGenerator<AgentEvent> {
    const started = Date.now();
    const usage = await this.contextUsage({ exact: true, signal });
    const result = this.resultEvent({ subtype: 'success' }, { started, apiMs: Date.now() - started, turns: 0, usage: new UsageLedger(), denials: [], lastAssistant: null });
    yield {
      ...result,
      result: formatContextUsage(usage),
      context_usage: { categories: usage.categories, used_tokens: usage.usedTokens, context_window: usage.contextWindow, percent_used: usage.percentUsed },
    };
  }

  /** The next request's input size as the provider would count it, estimated. */
  estimatedContextTokens(): number {
    return this.calibration.apply(estimateRequestTokens({ system: this.options.systemPrompt, tools: this.toolDefinitions, messages: this.requestMessages() }));
  }

  /**
   * Near the threshold, the cheapest rung first: old large tool results become stubs. Only when that
   * does not bring the conversation under the threshold is it summarised.
   */
  private shouldAutoCompact(): boolean {
    const threshold = this.options.autoCompactThresholdTokens;
    if (threshold === undefined || threshold === null || this.autoCompactFailures >= AUTO_COMPACT_FAILURE_LIMIT) return false;
    // A conversation of one message has nothing older to summarise.
    if (this.messages.length <= 1 || this.estimatedContextTokens() < threshold) return false;
    const micro = microCompact(this.messages);
    if (micro.cleared > 0) this.messages.splice(0, this.messages.length, ...micro.messages);
    return this.estimatedContextTokens() >= threshold;
  }

  /**
   * Replaces the conversation with a summary, the approved plan, the todo list and the files read
   * last. Compacting on its own (auto), the prompt the user just sent is kept word for word after the
   * summary; in the middle of a task the model is told to carry on.
   */
  private async *compactConversation(
    trigger: CompactTrigger,
    instructions: string | undefined,
    signal: AbortSignal,
    usage: UsageLedger,
  ): AsyncGenerator<AgentEvent, CompactOutcome> {
    const preTokens = this.estimatedContextTokens();
    const preCompact = this.options.hooks ? await this.options.hooks.preCompact({ trigger, instructions: instructions ?? '', signal }) : null;
    if (preCompact) yield* this.hookMessages(preCompact.messages);
    let outcome: CompactOutcome;
    if (preCompact?.blocked !== undefined) {
      outcome = { ok: false, error: `A PreCompact hook blocked the compaction: ${preCompact.blocked}` };
      if (trigger === 'auto') this.autoCompactFailures++;
    } else {
      yield this.envelope({ type: 'system', subtype: 'status', status: 'compacting' });
      try {
        await this.replaceWithSummary(trigger, instructions, signal, usage, preTokens);
        this.autoCompactFailures = 0;
        outcome = { ok: true };
      } catch (error) {
        outcome = { ok: false, error: signal.aborted ? 'Compaction was interrupted.' : `Compaction failed: ${error instanceof Error ? error.message : String(error)}` };
        if (trigger === 'auto' && !signal.aborted) this.autoCompactFailures++;
      }
      yield this.envelope({ type: 'system', subtype: 'status', status: null });
    }
    if (outcome.ok) {
      yield this.envelope({
        type: 'system',
        subtype: 'compact_boundary',
        compact_metadata: { trigger, pre_tokens: preTokens, post_tokens: this.estimatedContextTokens() },
      });
      // What SessionStart hooks add went with the summary: they are asked again.
      const restarted = this.options.hooks ? await this.options.hooks.sessionStart('compact', this.options.modelId, signal) : null;
      if (restarted) yield* this.hookMessages(restarted.messages);
      this.attachReminders([...this.pendingHookContext.splice(0), restarted?.context ?? null]);
    } else {
      const disabled = this.autoCompactFailures >= AUTO_COMPACT_FAILURE_LIMIT;
      yield this.envelope({ type: 'system', subtype: 'compact_failed', trigger, error: outcome.error, auto_compact_disabled: disabled });
    }
    return outcome;
  }

  private async replaceWithSummary(trigger: CompactTrigger, instructions: string | undefined, signal: AbortSignal, usage: UsageLedger, preTokens: number): Promise<void> {
    const { content, summaryMessage } = await compactedConversation({
      trigger,
      ...(instructions !== undefined ? { instructions } : {}),
      messages: this.messages,
      contextReminder: this.contextReminder,
      model: this.options.model,
      modelId: this.options.modelId,
      system: this.options.systemPrompt,
      tools: this.toolDefinitions,
      maxTokens: this.options.maxTokens,
      promptCaching: this.options.promptCaching !== false,
      todos: this.options.toolContext.session.todos,
      readLedger: this.options.toolContext.readLedger,
      contextWindow: this.options.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      signal,
    });
    const model = summaryMessage.model || this.options.modelId;
    if (trigger === 'manual') usage.record(model, summaryMessage.usage);
    else usage.recordSide(model, summaryMessage.usage);
    this.messages.splice(0, this.messages.length, { role: 'user', content });
    // What was attached for parts of the repository went with the summary: attach it again when needed.
    this.options.nestedMemory?.reset();
    if (this.options.reloadMemory) this.contextReminder = await this.options.reloadMemory().catch(() => this.contextReminder);
    this.options.transcript?.append({ type: 'system', subtype: 'compact_boundary', content: 'Conversation compacted', compactMetadata: { trigger, preTokens } });
    this.options.transcript?.append({ type: 'user', message: { role: 'user', content }, isCompactSummary: true });
  }

  /** When a summary cannot be had, the oldest part of the conversation goes instead. */
  private dropOldestTurns(): void {
    const shorter = withoutOldestTurns(this.messages, 0.5);
    if (shorter.length < this.messages.length) this.messages.splice(0, this.messages.length, ...shorter);
  }

  /** Streams one model response, forwarding stream and retry events; records a partial answer on abort. */
  private async *streamResponse(
    signal: AbortSignal,
  ): AsyncGenerator<AgentEvent, { kind: 'ok'; message: AssistantMessage } | { kind: 'failed'; error: string; interrupted: boolean; tooLong: boolean }> {
    const channel = new EventStream<{ stream: StreamEvent } | { retry: RetryNotice }, void>();
    const request = this.buildRequest(signal);
    const estimated = estimateRequestTokens(request);
    const stream = this.options.model.stream(request, (retry) => channel.push({ retry }));
    const partial = new PartialTextTracker();
    void (async () => {
      try {
        for await (const event of stream) channel.push({ stream: event });
        channel.end();
      } catch (error) {
        channel.fail(error);
      }
    })();
    try {
      for await (const item of channel) {
        if ('retry' in item) {
          yield this.envelope({
            type: 'system',
            subtype: 'api_retry',
            attempt: item.retry.attempt,
            max_retries: item.retry.maxRetries,
            retry_delay_ms: item.retry.delayMs,
            error_status: item.retry.errorStatus,
            error: item.retry.error,
          });
          continue;
        }
        partial.observe(item.stream);
        yield this.envelope({ type: 'stream_event', event: item.stream, parent_tool_use_id: null });
      }
      const message = await stream.final();
      const { input_tokens, cache_read_input_tokens, cache_creation_input_tokens } = message.usage;
      this.calibration.observe(estimated, input_tokens + cache_read_input_tokens + cache_creation_input_tokens);
      return { kind: 'ok', message };
    } catch (error) {
      const interrupted = signal.aborted || (error instanceof ModelError && error.kind === 'aborted');
      const text = partial.text();
      if (interrupted && text) this.recordPartialAnswer(text);
      const description = error instanceof Error ? error.message : String(error);
      this.options.transcript?.append({ type: 'system', subtype: 'api_error', content: description });
      return { kind: 'failed', error: description, interrupted, tooLong: isPromptTooLong(error) };
    }
  }

  /** Runs one response's tool calls; returns why a hook stopped the run, if one did. */
  private async *runTools(uses: ToolUseBlock[], signal: AbortSignal, denials: PermissionDenial[], usage: UsageLedger): AsyncGenerator<AgentEvent, string | undefined> {
    const ctx: ToolContext = { ...this.options.toolContext, signal };
    const done = new Map<string, ToolCallOutcome>();
    const hookContext: string[] = [];
    let stoppedBy: ToolCallOutcome['stopRun'];
    const notes = new Map<string, string>();
    const runnable: ToolUseBlock[] = [];
    for (const use of uses) {
      const verdict = this.repeatGuard.observe(use, this.tools.get(use.name));
      if (verdict.action === 'refuse') {
        const outcome = syntheticErrorOutcome(use, verdict.message);
        done.set(use.id, outcome);
        yield* this.recordToolResults([{ use, outcome }], false);
        continue;
      }
      if (verdict.action === 'warn') notes.set(use.id, verdict.note);
      runnable.push(use);
    }
    // Starts are reported the moment a call begins (a long command shows as running at once), and
    // results as each call completes: both flow through one channel in the order they happen.
    const channel = new EventStream<{ start: ToolUseBlock } | { completed: CompletedCall }, void>();
    void (async () => {
      try {
        for await (const completed of runToolCalls(runnable, this.tools, this.options.canUseTool, ctx, (use) => channel.push({ start: use }), this.options.hooks)) {
          channel.push({ completed });
        }
        channel.end();
      } catch (error) {
        channel.fail(error);
      }
    })();
    for await (const item of channel) {
      if ('start' in item) {
        const use = item.start;
        yield this.envelope({ type: 'system', subtype: 'tool_start', tool_use_id: use.id, tool_name: use.name, tool_input: use.input });
        continue;
      }
      const { use, outcome: ran } = item.completed;
      const note = notes.get(use.id);
      const outcome = note === undefined ? ran : { ...ran, block: withNote(ran.block, note) };
      done.set(use.id, outcome);
      for (const side of outcome.modelUsage ?? []) usage.recordSide(side.model, side.usage);
      if (outcome.denied) denials.push({ tool_name: use.name, tool_use_id: use.id, tool_input: use.input });
      yield* this.hookMessages(outcome.hookMessages ?? []);
      if (outcome.hookContext !== undefined) hookContext.push(outcome.hookContext);
      if (outcome.stopRun !== undefined) stoppedBy ??= outcome.stopRun;
      yield* this.recordToolResults([{ use, outcome }], false);
    }
    const results: ContentBlock[] = uses.map((use) => done.get(use.id)?.block ?? syntheticErrorOutcome(use, 'Interrupted.').block);
    const memory = await this.nestedMemoryFor(uses, done);
    const reminders: ContentBlock[] = [...hookContext, ...(memory !== null ? [memory] : [])].map((text) => ({ type: 'text', text }));
    if (reminders.length > 0) {
      results.push(...reminders);
      this.options.transcript?.append({ type: 'user', message: { role: 'user', content: reminders }, isMeta: true });
    }
    this.messages.push({ role: 'user', content: results });
    if (stoppedBy === undefined) return undefined;
    yield* this.hookMessages([{ event: stoppedBy.event, level: 'warning', text: `A ${stoppedBy.event} hook stopped the run${stoppedBy.reason ? `: ${stoppedBy.reason}` : '.'}` }]);
    return stoppedBy.reason;
  }

  /**
   * SessionStart hooks, once per Agent (the first run or compaction, or earlier when a front end
   * asks): what they say for the model waits for the next prompt; returns what they tell the user.
   */
  async startSession(signal: AbortSignal = new AbortController().signal): Promise<HookMessage[]> {
    if (this.sessionStarted || !this.options.hooks) return [];
    this.sessionStarted = true;
    const started = await this.options.hooks.sessionStart(this.options.sessionStartSource ?? 'startup', this.options.modelId, signal);
    if (started.context !== null) this.pendingHookContext.push(started.context);
    return started.messages;
  }

  /** SessionEnd hooks, on the way out (short budget); returns what they tell the user. */
  async endSession(reason: SessionEndReason): Promise<HookMessage[]> {
    return this.options.hooks ? this.options.hooks.sessionEnd(reason) : [];
  }

  /**
   * The model ended its turn: Stop hooks may send it back to work. Returns their instruction, or
   * null to stop (no hook objected, one said `continue: false`, or the cap on continuations was hit).
   */
  private async *stopHooks(message: AssistantMessage, continuations: number, signal: AbortSignal): AsyncGenerator<AgentEvent, string | null> {
    if (!this.options.hooks || signal.aborted) return null;
    const lastAssistantMessage = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    const verdict = await this.options.hooks.stop({ active: continuations > 0, lastAssistantMessage, signal });
    yield* this.hookMessages(verdict.messages);
    if (verdict.stop !== undefined || verdict.continueWith === undefined) return null;
    if (continuations >= MAX_STOP_CONTINUATIONS) {
      yield* this.hookMessages([{ event: 'Stop', level: 'warning', text: `Stop hooks asked to continue ${MAX_STOP_CONTINUATIONS} times in a row; stopping anyway.` }]);
      return null;
    }
    return verdict.continueWith;
  }

  private *hookMessages(messages: readonly HookMessage[]): Generator<AgentEvent> {
    for (const message of messages) {
      yield this.envelope({ type: 'system', subtype: 'hook_message', hook_event: message.event, level: message.level, message: message.text, ...(message.hook !== undefined ? { hook: message.hook } : {}) });
    }
  }

  /** Hook text for the model (`<system-reminder>`s), added to the newest user message and recorded as meta. */
  private attachReminders(texts: ReadonlyArray<string | null>): void {
    const blocks: ContentBlock[] = texts.flatMap((text) => (text !== null && text !== '' ? [{ type: 'text' as const, text }] : []));
    if (blocks.length > 0) this.recordMeta(blocks);
  }

  /** Harness-made user content (hook context and feedback): joins an open user turn, or starts one. */
  private recordMeta(blocks: ContentBlock[]): void {
    const last = this.messages.at(-1);
    if (last?.role === 'user') last.content = [...(typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content), ...blocks];
    else this.messages.push({ role: 'user', content: blocks });
    this.options.transcript?.append({ type: 'user', message: { role: 'user', content: blocks }, isMeta: true });
  }

  /** Memory files and rules that apply to the files these calls read or changed, not given before. */
  private async nestedMemoryFor(uses: ToolUseBlock[], done: Map<string, ToolCallOutcome>): Promise<string | null> {
    const lookup = this.options.nestedMemory;
    if (!lookup) return null;
    const paths = uses.flatMap((use) => {
      const path = use.input.file_path ?? use.input.notebook_path;
      const ok = done.get(use.id)?.block.is_error !== true;
      return ok && typeof path === 'string' && FILE_TOOLS.has(use.name) ? [resolve(this.options.toolContext.cwd, path)] : [];
    });
    if (paths.length === 0) return null;
    try {
      return await lookup.discover(paths);
    } catch {
      // Unreadable memory must not break the turn; the files stay where the user can see them.
      return null;
    }
  }

  /** Appends results to the transcript one line each and yields them; optionally adds them to history. */
  private *recordToolResults(
    completed: Array<{ use: ToolUseBlock; outcome: ToolCallOutcome }>,
    addToHistory = true,
  ): Generator<AgentEvent> {
    for (const { outcome } of completed) {
      const message: Message & { role: 'user' } = { role: 'user', content: [outcome.block] };
      this.options.transcript?.append({
        type: 'user',
        message,
        ...(outcome.data !== undefined ? { toolUseResult: outcome.data } : {}),
        ...(outcome.synthetic ? { isMeta: true } : {}),
      });
      yield this.envelope({
        type: 'user',
        message,
        parent_tool_use_id: null,
        ...(outcome.data !== undefined ? { tool_use_result: outcome.data } : {}),
      });
    }
    if (addToHistory) {
      this.messages.push({ role: 'user', content: completed.map(({ outcome }): ToolResultBlock => outcome.block) });
    }
  }

  private recordUser(message: Message & { role: 'user' }): void {
    const last = this.messages[this.messages.length - 1];
    if (last?.role === 'user') {
      // A run that ended without an answer (interrupt, API failure) leaves the user's turn open.
      last.content = [...(typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content), ...(message.content as ContentBlock[])];
    } else {
      this.messages.push({ role: 'user', content: [...(message.content as ContentBlock[])] });
    }
    this.options.transcript?.append({ type: 'user', message });
  }

  private recordPartialAnswer(text: string): void {
    const message: AssistantMessage = {
      id: `interrupted_${randomUUID()}`,
      type: 'message',
      role: 'assistant',
      model: this.options.modelId,
      content: [{ type: 'text', text }],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    };
    this.messages.push({ role: 'assistant', content: message.content });
    this.options.transcript?.append({ type: 'assistant', message });
  }

  private buildRequest(signal: AbortSignal): ModelRequest {
    return {
      model: this.options.modelId,
      system: this.options.systemPrompt,
      messages: this.requestMessages(),
      tools: this.toolDefinitions,
      maxTokens: this.options.maxTokens,
      ...(this.options.promptCaching === false ? {} : { promptCaching: true }),
      signal,
    };
  }

  private requestMessages(): Message[] {
    const messages = withContextReminder(this.messages, this.contextReminder);
    return this.options.toolContext.permissionMode.current() === 'plan' ? withPlanModeReminder(messages) : messages;
  }

  private initEvent(): AgentEvent {
    return this.envelope({
      type: 'system',
      subtype: 'init',
      cwd: this.options.toolContext.cwd,
      model: this.options.modelId,
      tools: [...this.tools.keys()],
      mcp_servers: this.options.mcpServers?.() ?? [],
      permissionMode: this.options.toolContext.permissionMode.current(),
      apiKeySource: this.options.apiKeySource,
      slash_commands: [...((typeof this.options.slashCommands === 'function' ? this.options.slashCommands() : this.options.slashCommands) ?? [])],
      output_style: this.options.outputStyle ?? 'default',
      plugins: [...(this.options.plugins ?? [])],
      wright_version: this.options.version,
    });
  }

  private resultEvent(
    end: RunEnd,
    run: { started: number; apiMs: number; turns: number; usage: UsageLedger; denials: PermissionDenial[]; lastAssistant: AssistantMessage | null },
  ): ResultEvent {
    const text = (run.lastAssistant?.content ?? [])
      .flatMap((block) => (block.type === 'text' ? [block.text] : []))
      .join('');
    return this.envelope({
      type: 'result',
      subtype: end.subtype,
      is_error: end.subtype !== 'success',
      duration_ms: Date.now() - run.started,
      duration_api_ms: run.apiMs,
      num_turns: run.turns,
      result: text,
      stop_reason: run.lastAssistant?.stop_reason ?? null,
      total_cost_usd: run.usage.totalCostUsd,
      usage: run.usage.total,
      modelUsage: run.usage.byModel,
      permission_denials: run.denials,
      ...(end.errors ? { errors: end.errors } : {}),
      ...(end.interrupted ? { interrupted: true } : {}),
    });
  }

  private envelope<E extends object>(event: E): E & { uuid: string; session_id: string } {
    return { ...event, uuid: randomUUID(), session_id: this.options.sessionId };
  }
}

/** The prompt's text, as UserPromptSubmit hooks are given it. */
function promptText(content: readonly ContentBlock[]): string {
  return content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}

