// Claude Code's `idle_prompt` Notification: when a turn has finished and the prompt has waited for
// the user this long, Notification hooks hear of it (a desktop alert, a chat message…). Once per
// finished turn; a new turn (or leaving) cancels the wait. Typing does not count as activity: the
// prompt is still waiting for a message.

/** Claude Code's delay. `WRIGHT_IDLE_NOTIFICATION_MS` overrides it (tests use a short one). */
export const DEFAULT_IDLE_NOTIFICATION_MS = 60_000;

export const IDLE_PROMPT_MESSAGE = 'wright is waiting for your input';

export function idleNotificationDelay(env: Record<string, string | undefined>): number {
  const raw = env.WRIGHT_IDLE_NOTIFICATION_MS?.trim();
  if (raw === undefined || raw === '') return DEFAULT_IDLE_NOTIFICATION_MS;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_IDLE_NOTIFICATION_MS;
}

export interface IdleNotifierOptions {
  delayMs: number;
  /** Called when the wait is over. */
  notify(): void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Follows a "busy" flag (a turn in flight) and calls `notify` once per busy → idle edge, after the delay. */
export class IdleNotifier {
  private timer: unknown = null;
  private wasBusy = false;
  private disposed = false;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: IdleNotifierOptions) {
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms).unref());
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  }

  /** Called with the session's state whenever it changes. */
  observe(busy: boolean): void {
    if (this.disposed) return;
    if (busy) this.cancel();
    else if (this.wasBusy) this.schedule();
    this.wasBusy = busy;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private schedule(): void {
    this.cancel();
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (!this.disposed) this.options.notify();
    }, this.options.delayMs);
  }

  private cancel(): void {
    if (this.timer === null) return;
    this.clearTimer(this.timer);
    this.timer = null;
  }
}
