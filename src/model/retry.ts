// Runs one model request as a series of attempts until one streams a complete response: transient
// failures are retried with backoff, a stalled stream is cut off by a watchdog, and every attempt
// streams from its own `message_start` so the consumer can discard a failed attempt's output.
import { EventStream } from './eventStream.js';
import { MessageAssembler } from './messageAssembler.js';
import { describeProviderError, failure, type AttemptFailure, type ProviderEndpoint } from './providerErrors.js';
import { abortableSleep, backoffDelayMs, type Random, type Sleep } from './retryPolicy.js';
import { ModelError, type AssistantMessage, type ModelResponseStream, type RetryNotice, type StreamEvent } from './types.js';

export interface RetryDependencies {
  sleep: Sleep;
  random: Random;
}

export const realRetryDependencies: RetryDependencies = { sleep: abortableSleep, random: Math.random };

export interface RetryingStreamOptions {
  endpoint: ProviderEndpoint;
  maxRetries: number;
  /** An attempt that receives nothing for this long is abandoned and retried. */
  idleTimeoutMs: number;
  /** The first backoff step; later ones double it (full jitter). */
  baseDelayMs?: number;
  signal?: AbortSignal | undefined;
  dependencies: RetryDependencies;
  onRetry?: ((notice: RetryNotice) => void) | undefined;
  /** One try: opens the response and yields its events, calling `heartbeat` for every raw chunk read. */
  attempt: (signal: AbortSignal, heartbeat: () => void) => AsyncIterable<StreamEvent>;
}

/** The retry knobs of a model configuration, as streamWithRetry takes them. */
export function retryLimits(config: { maxRetries: number; idleTimeoutMs: number; retryBaseDelayMs: number }) {
  return { maxRetries: config.maxRetries, idleTimeoutMs: config.idleTimeoutMs, baseDelayMs: config.retryBaseDelayMs };
}

export function streamWithRetry(options: RetryingStreamOptions): ModelResponseStream {
  const cancel = new AbortController();
  const stream = new EventStream<StreamEvent, AssistantMessage>(() => cancel.abort());
  runAttempts(options, stream, cancel.signal).catch((error: unknown) => stream.fail(error));
  return stream;
}

async function runAttempts(
  options: RetryingStreamOptions,
  stream: EventStream<StreamEvent, AssistantMessage>,
  cancelled: AbortSignal,
): Promise<void> {
  const stopped = () => options.signal?.aborted === true || cancelled.aborted;
  for (let retries = 0; ; retries++) {
    if (stopped()) return stream.fail(abortedError());
    const outcome = await runOneAttempt(options, stream, [options.signal, cancelled]);
    if (outcome.ok) return stream.end(outcome.message);
    if (stopped()) return stream.fail(abortedError());

    const failed = outcome.failure;
    if (!failed.retryable || retries >= options.maxRetries) {
      return stream.fail(new ModelError(failed.kind, failed.message + retriesSuffix(retries), failed.status));
    }
    const delayMs = backoffDelayMs(retries + 1, options.dependencies.random, failed.retryAfterMs, options.baseDelayMs);
    options.onRetry?.({
      attempt: retries + 1,
      maxRetries: options.maxRetries,
      delayMs,
      errorStatus: failed.status,
      error: failed.category,
      message: failed.message,
    });
    const wait = anySignal([options.signal, cancelled]);
    try {
      await options.dependencies.sleep(delayMs, wait.signal);
    } catch {
      return stream.fail(abortedError());
    } finally {
      wait.dispose();
    }
  }
}

type AttemptOutcome = { ok: true; message: AssistantMessage } | { ok: false; failure: AttemptFailure };

async function runOneAttempt(
  options: RetryingStreamOptions,
  stream: EventStream<StreamEvent, AssistantMessage>,
  outerSignals: Array<AbortSignal | undefined>,
): Promise<AttemptOutcome> {
  const linked = anySignal(outerSignals);
  const watchdog = new IdleWatchdog(options.idleTimeoutMs, () => linked.abort());
  const assembler = new MessageAssembler();
  try {
    for await (const event of options.attempt(linked.signal, watchdog.heartbeat)) {
      watchdog.heartbeat();
      assembler.apply(event);
      stream.push(event);
    }
    if (watchdog.fired) return { ok: false, failure: stallFailure(options) };
    if (linked.signal.aborted) return { ok: false, failure: failure('aborted', false, null, 'The request was aborted.') };
    if (!assembler.complete) {
      const message = `${options.endpoint.label} closed the stream before the response was complete`;
      return { ok: false, failure: failure('connection', true, null, message) };
    }
    return { ok: true, message: assembler.result() };
  } catch (error) {
    if (watchdog.fired) return { ok: false, failure: stallFailure(options) };
    return { ok: false, failure: describeProviderError(error, options.endpoint) };
  } finally {
    watchdog.stop();
    linked.dispose();
  }
}

function stallFailure(options: RetryingStreamOptions): AttemptFailure {
  const seconds = Math.round(options.idleTimeoutMs / 100) / 10;
  const stalled = failure('connection', true, null, `${options.endpoint.label} sent no data for ${seconds} s`);
  return { ...stalled, category: 'stream_stalled' };
}

function abortedError(): ModelError {
  return new ModelError('aborted', 'The request was aborted.');
}

function retriesSuffix(retries: number): string {
  if (retries === 0) return '';
  return ` (after ${retries} ${retries === 1 ? 'retry' : 'retries'})`;
}

/** Calls `onIdle` once when `heartbeat` has not been called for `timeoutMs`. */
class IdleWatchdog {
  fired = false;
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number, onIdle: () => void) {
    this.timer = setTimeout(() => {
      this.fired = true;
      onIdle();
    }, timeoutMs);
  }

  readonly heartbeat = (): void => {
    if (!this.fired) this.timer.refresh();
  };

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** An abort controller that also aborts when any of `signals` does; `dispose` unhooks it from them. */
function anySignal(signals: Array<AbortSignal | undefined>): AbortController & { dispose(): void } {
  const controller = new AbortController();
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const onAbort = () => controller.abort();
  for (const signal of present) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  return Object.assign(controller, {
    dispose: () => present.forEach((signal) => signal.removeEventListener('abort', onAbort)),
  });
}
