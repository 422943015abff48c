// Runs turns for the interactive app, outside React: one turn at a time, messages typed meanwhile
// queued for the next turn boundary, Esc aborting the turn in flight. The view subscribes to its
// immutable state snapshots (useSyncExternalStore).
import type { AgentEvent, ModelUsageEntry } from '../../agent/events.js';
import {
  addNotice,
  addUserPrompt,
  applyAgentEvent,
  emptyConversation,
  type ConversationState,
} from './conversationState.js';
import { evictedItems, type ItemArchive } from './finishedArchive.js';

/** What the controller needs from an Agent (src/agent/agent.ts fits). */
export interface TurnRunner {
  run(prompt: string, signal: AbortSignal): AsyncIterable<AgentEvent>;
  /** Replaces the conversation with a summary; absent where compaction is not available. */
  compact?(instructions: string | undefined, signal: AbortSignal): AsyncIterable<AgentEvent>;
}

export interface SessionViewState {
  conversation: ConversationState;
  /** When the turn in flight began (ms since epoch), or null when idle. */
  busySince: number | null;
  queued: string[];
}

/** What the session's turns have used so far, summed from their result events (for /cost). */
export interface UsageTotals {
  totalCostUsd: number;
  byModel: Record<string, ModelUsageEntry>;
  durationMs: number;
  apiDurationMs: number;
}

export interface SessionControllerOptions {
  agent: TurnRunner;
  /** Receives finished items as the state's window lets them go (for the transcript view). */
  archive?: ItemArchive;
  /** Applied to all text before it is shown (secrets); identity by default. */
  redact?: (text: string) => string;
  now?: () => number;
}

export class SessionController {
  private state: SessionViewState = { conversation: emptyConversation(), busySince: null, queued: [] };
  private readonly listeners = new Set<() => void>();
  private abort: AbortController | null = null;
  private idle: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  /** What each queued message sends to the model (the view shows what was typed). */
  private queuedSends: string[] = [];
  private totals: UsageTotals = { totalCostUsd: 0, byModel: {}, durationMs: 0, apiDurationMs: 0 };

  constructor(private readonly options: SessionControllerOptions) {
    this.now = options.now ?? Date.now;
  }

  getState = (): SessionViewState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get busy(): boolean {
    return this.state.busySince !== null;
  }

  /**
   * Starts a turn, or queues the text when one is in flight. `send` is what goes to the model when it
   * differs from what the user typed (e.g. `@file` mentions expanded); the conversation shows `text`.
   */
  submit(text: string, send: string = text): void {
    if (text.trim() === '') return;
    if (this.busy) {
      this.queuedSends.push(send);
      this.update({ queued: [...this.state.queued, text] });
      return;
    }
    this.idle = this.runThenQueued(() => this.runTurn({ shown: text, sent: send }));
  }

  /** `/compact`: runs like a turn (Esc interrupts it); refused while a turn is in flight. */
  compact(instructions: string): void {
    const agent = this.options.agent;
    if (!agent.compact) return this.notice('Compaction is not available here.', 'warning');
    if (this.busy) return this.notice('Wait for the current turn to finish (or press Esc), then /compact.', 'warning');
    const shown = instructions ? `/compact ${instructions}` : '/compact';
    this.idle = this.runThenQueued(() => this.runEvents(shown, (signal) => agent.compact!(instructions || undefined, signal)));
  }

  usage(): UsageTotals {
    return { ...this.totals, byModel: { ...this.totals.byModel } };
  }

  /** Aborts the turn in flight; false when there is none. */
  interrupt(): boolean {
    if (!this.abort || this.abort.signal.aborted) return false;
    this.abort.abort();
    return true;
  }

  notice(text: string, tone: 'info' | 'warning' | 'error' = 'info'): void {
    this.update({ conversation: addNotice(this.state.conversation, text, tone) });
  }

  /** Resolves once no turn is running and nothing is queued. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const current = this.idle;
      await current;
      if (current === this.idle) return;
    }
  }

  /** Runs `first` (a turn, or /compact), then, turn by turn, whatever was typed meanwhile. */
  private async runThenQueued(first: () => Promise<void>): Promise<void> {
    await first();
    for (;;) {
      // Everything typed during the turn goes as one message at its end.
      const queued = this.state.queued;
      if (queued.length === 0) return;
      const prompt = { shown: queued.join('\n\n'), sent: this.queuedSends.join('\n\n') };
      this.queuedSends = [];
      this.update({ queued: [] });
      await this.runTurn(prompt);
    }
  }

  private runTurn(prompt: { shown: string; sent: string }): Promise<void> {
    return this.runEvents(prompt.shown, (signal) => this.options.agent.run(prompt.sent, signal));
  }

  private async runEvents(shown: string, events: (signal: AbortSignal) => AsyncIterable<AgentEvent>): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.update({ conversation: addUserPrompt(this.state.conversation, shown), busySince: this.now() });
    try {
      for await (const event of events(abort.signal)) {
        if (event.type === 'result') this.addUsage(event);
        this.update({ conversation: applyAgentEvent(this.state.conversation, this.redacted(event), this.now()) });
      }
    } catch (error) {
      this.notice(`Error: ${error instanceof Error ? error.message : String(error)}`, 'error');
    } finally {
      this.abort = null;
      this.update({ busySince: null });
    }
  }

  private addUsage(event: Extract<AgentEvent, { type: 'result' }>): void {
    const byModel = { ...this.totals.byModel };
    for (const [model, entry] of Object.entries(event.modelUsage)) {
      const before = byModel[model];
      byModel[model] = before
        ? {
            inputTokens: before.inputTokens + entry.inputTokens,
            outputTokens: before.outputTokens + entry.outputTokens,
            cacheReadInputTokens: before.cacheReadInputTokens + entry.cacheReadInputTokens,
            cacheCreationInputTokens: before.cacheCreationInputTokens + entry.cacheCreationInputTokens,
            costUSD: before.costUSD + entry.costUSD,
          }
        : { ...entry };
    }
    this.totals = {
      totalCostUsd: this.totals.totalCostUsd + event.total_cost_usd,
      byModel,
      durationMs: this.totals.durationMs + event.duration_ms,
      apiDurationMs: this.totals.apiDurationMs + event.duration_api_ms,
    };
  }

  private redacted(event: AgentEvent): AgentEvent {
    const redact = this.options.redact;
    // Streamed deltas can split a secret; the view redacts the accumulated text instead.
    if (!redact || event.type === 'stream_event') return event;
    return JSON.parse(JSON.stringify(event), (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value)) as AgentEvent;
  }

  private update(patch: Partial<SessionViewState>): void {
    if (patch.conversation && this.options.archive) this.options.archive.append(evictedItems(this.state.conversation.finished, patch.conversation.finished));
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
