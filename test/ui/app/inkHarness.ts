// Helpers for the app's component tests: key sequences as a terminal sends them, polling until a
// frame shows something, and a scripted stand-in for the Agent whose turns the test releases.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AgentEvent, ResultEvent } from '../../../src/agent/events.js';
import type { AssistantMessage, ContentBlock, StreamEvent } from '../../../src/model/types.js';
import { emptyUsage } from '../../../src/model/types.js';
import type { TurnRunner } from '../../../src/ui/app/sessionController.js';

export const KEY = {
  enter: '\r',
  ctrlJ: '\n',
  backspace: '\x7f',
  left: '\x1b[D',
  right: '\x1b[C',
  up: '\x1b[A',
  down: '\x1b[B',
  escape: '\x1b',
  shiftTab: '\x1b[Z',
  ctrlA: '\x01',
  ctrlE: '\x05',
  ctrlU: '\x15',
  ctrlK: '\x0b',
  ctrlC: '\x03',
  ctrlD: '\x04',
};

/** Polls until `check` passes (it may throw meanwhile); fails with the last error after `timeoutMs`. */
export async function until(check: () => void | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (check() !== false) return;
      lastError = new Error('condition not met');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets Ink process written input (its parser flushes a lone Esc on the next turn of the loop). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const envelope = { uuid: 'u', session_id: 's' };

export const streamEvent = (event: StreamEvent): AgentEvent => ({ type: 'stream_event', event, parent_tool_use_id: null, ...envelope });

export function assistantEvent(content: ContentBlock[], usage: Partial<AssistantMessage['usage']> = {}): AgentEvent {
  return {
    type: 'assistant',
    parent_tool_use_id: null,
    ...envelope,
    message: {
      id: randomUUID(),
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content,
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { ...emptyUsage(), ...usage },
    },
  };
}

export function toolResultEvent(toolUseId: string, content: string, isError = false): AgentEvent {
  return {
    type: 'user',
    parent_tool_use_id: null,
    ...envelope,
    message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content, ...(isError ? { is_error: true } : {}) }] },
  };
}

export function resultEvent(extra: Partial<ResultEvent> = {}): ResultEvent {
  return {
    type: 'result',
    subtype: 'success',
    is_error: false,
    duration_ms: 1,
    duration_api_ms: 1,
    num_turns: 1,
    result: '',
    stop_reason: 'end_turn',
    total_cost_usd: 0,
    usage: emptyUsage(),
    modelUsage: {},
    permission_denials: [],
    ...envelope,
    ...extra,
  };
}

/** Stream events for one text block at `index`, in the given pieces. */
export function textStream(pieces: string[], index = 0): AgentEvent[] {
  return [
    streamEvent({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }),
    ...pieces.map((text) => streamEvent({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })),
  ];
}

type Step = AgentEvent | { waitFor: Promise<unknown> };

/**
 * A TurnRunner playing one scripted list of steps per turn. A `{ waitFor }` step holds the turn until
 * the promise resolves; if the turn is aborted meanwhile, it ends with an interrupted result.
 */
export class ScriptedAgent implements TurnRunner {
  readonly prompts: string[] = [];
  private readonly turns: Step[][] = [];

  push(...turns: Step[][]): void {
    this.turns.push(...turns);
  }

  async *run(prompt: string, signal: AbortSignal): AsyncGenerator<AgentEvent> {
    this.prompts.push(prompt);
    const steps = this.turns.shift() ?? [resultEvent({ is_error: true, subtype: 'error_during_execution', errors: ['no turn scripted'] })];
    for (const step of steps) {
      if ('waitFor' in step) {
        const aborted = new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        await Promise.race([step.waitFor, aborted]);
        if (signal.aborted) {
          yield resultEvent({ is_error: true, subtype: 'error_during_execution', interrupted: true });
          return;
        }
        continue;
      }
      yield step;
    }
  }
}

/** A promise with its resolver, to release a held turn. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * A stand-in terminal for Ink's real renderer (not the test renderer's debug mode). `stdout.written`
 * holds everything written, or stays empty with `keepOutput: false` (`bytes` counts either way).
 */
export function fakeTerminal({ keepOutput = true }: { keepOutput?: boolean } = {}) {
  const stdout = Object.assign(new EventEmitter(), {
    columns: 100,
    rows: 30,
    isTTY: true,
    written: '',
    bytes: 0,
    write(chunk: string) {
      stdout.bytes += chunk.length;
      if (keepOutput) stdout.written += chunk;
      return true;
    },
  });
  let pending: string | null = null;
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode() {},
    setEncoding() {},
    resume() {},
    pause() {},
    ref() {},
    unref() {},
    read: () => {
      const data = pending;
      pending = null;
      return data;
    },
    send(data: string) {
      pending = data;
      stdin.emit('readable');
    },
  });
  return { stdout, stdin };
}
