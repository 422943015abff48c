import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_IDLE_NOTIFICATION_MS, IdleNotifier, idleNotificationDelay } from '../../../src/ui/app/idleNotifier.js';

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  return {
    pending,
    setTimer: (callback: () => void, ms: number) => {
      pending.set(++next, { callback, ms });
      return next;
    },
    clearTimer: (timer: unknown) => void pending.delete(timer as number),
    fireAll: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const timer of due) timer.callback();
    },
  };
}

function notifier(delayMs = 500) {
  const timers = manualTimers();
  let notified = 0;
  const idle = new IdleNotifier({ delayMs, notify: () => void notified++, setTimer: timers.setTimer, clearTimer: timers.clearTimer });
  return { idle, timers, notified: () => notified };
}

describe('IdleNotifier', () => {
  it('waits the delay after a turn finishes, then notifies once', () => {
    const { idle, timers, notified } = notifier(500);
    idle.observe(false);
    assert.equal(timers.pending.size, 0, 'no turn yet: nothing to wait for');
    idle.observe(true);
    idle.observe(true);
    idle.observe(false);
    assert.deepEqual([...timers.pending.values()].map((timer) => timer.ms), [500]);
    idle.observe(false);
    assert.equal(timers.pending.size, 1, 'further idle updates do not restart the wait');
    timers.fireAll();
    assert.equal(notified(), 1);
    idle.observe(false);
    assert.equal(timers.pending.size, 0, 'once per finished turn');
  });

  it('a new turn cancels the wait, and the next finished turn starts another', () => {
    const { idle, timers, notified } = notifier();
    idle.observe(true);
    idle.observe(false);
    idle.observe(true);
    assert.equal(timers.pending.size, 0);
    idle.observe(false);
    timers.fireAll();
    assert.equal(notified(), 1);
  });

  it('notifies nothing after it is disposed', () => {
    const { idle, timers, notified } = notifier();
    idle.observe(true);
    idle.observe(false);
    idle.dispose();
    assert.equal(timers.pending.size, 0);
    idle.observe(true);
    idle.observe(false);
    assert.equal(timers.pending.size, 0);
    assert.equal(notified(), 0);
  });

  it('really fires with the default timers', async () => {
    let fired = false;
    const idle = new IdleNotifier({ delayMs: 1, notify: () => (fired = true) });
    idle.observe(true);
    idle.observe(false);
    const deadline = Date.now() + 10_000;
    while (!fired && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(fired, true);
  });
});

describe('idleNotificationDelay', () => {
  it('is 60 s unless WRIGHT_IDLE_NOTIFICATION_MS says otherwise', () => {
    assert.equal(DEFAULT_IDLE_NOTIFICATION_MS, 60_000);
    assert.equal(idleNotificationDelay({}), 60_000);
    assert.equal(idleNotificationDelay({ WRIGHT_IDLE_NOTIFICATION_MS: '250' }), 250);
    assert.equal(idleNotificationDelay({ WRIGHT_IDLE_NOTIFICATION_MS: 'soon' }), 60_000);
    assert.equal(idleNotificationDelay({ WRIGHT_IDLE_NOTIFICATION_MS: '-5' }), 60_000);
  });
});
