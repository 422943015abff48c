// The terminal screen as Ink draws on it: which frame Ink has drawn last, and the switch between the
// normal screen (with its scrollback) and the alternate screen full-screen views use.
//
// Ink redraws its live region by erasing as many lines as its previous frame had, upwards from the
// cursor. A switch of screens is therefore made only right after Ink has drawn an empty frame: the
// live region is gone from the screen being left, and the one line Ink then believes is on screen
// is the blank line at the cursor of the screen being entered (the normal screen keeps its cursor
// where the live region was), so neither screen gets lines erased that Ink did not draw.

const ENTER_ALTERNATE = '\x1b[?1049h\x1b[H';
const LEAVE_ALTERNATE = '\x1b[?1049l';
/** Ink's whole-terminal repaint: erase the screen and the scrollback, cursor home. */
const CLEAR_TERMINAL = '\x1b[2J\x1b[3J\x1b[H';

export interface InkScreen {
  /** How many frames Ink has drawn so far. */
  framesDrawn(): number;
  /** Calls back once Ink has written a frame after its `since`th (at once if it has); returns a cancel. */
  afterFrame(since: number, callback: () => void): () => void;
  enterAlternate(): void;
  /** Back to the normal screen, if on the alternate one. */
  leaveAlternate(): void;
}

interface Writable {
  write(data: string): unknown;
}

/**
 * Ink's output as it may reach the alternate screen. After a frame as tall as the terminal (which a
 * shrinking terminal makes of any full-screen view) Ink repaints everything: it erases the scrollback
 * and replays all the session's static output. On the alternate screen that would wipe the normal
 * screen's scrollback (tmux and xterm erase it from either screen) and replay the session for
 * nothing, so it becomes a repaint of the frame alone: the last `rows - 1` lines written.
 */
export function forAlternateScreen(data: string, rows: number): string {
  if (!data.startsWith(CLEAR_TERMINAL)) return data;
  const lines = data.slice(CLEAR_TERMINAL.length).split('\n');
  return `\x1b[2J\x1b[H${lines.slice(-Math.max(1, rows - 1)).join('\n')}`;
}

/**
 * A screen for Ink's real renderer, which draws frames when it likes (throttled): Ink is given
 * `stream` to write to and `frameDrawn` as `onRender`, which it calls after laying out a frame and
 * before writing it, so waiters run once that write is done.
 */
export function trackedInkScreen(stdout: NodeJS.WriteStream): InkScreen & { frameDrawn(): void; stream: NodeJS.WriteStream } {
  let frames = 0;
  let waiters: Array<{ since: number; callback: () => void }> = [];
  const screen = alternateScreen(stdout);
  const write = (data: unknown, ...rest: unknown[]) =>
    (stdout.write as (...args: unknown[]) => boolean)(screen.isAlternate() && typeof data === 'string' ? forAlternateScreen(data, stdout.rows || 24) : data, ...rest);
  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    enterAlternate: screen.enterAlternate,
    leaveAlternate: screen.leaveAlternate,
    stream,
    framesDrawn: () => frames,
    frameDrawn() {
      frames++;
      if (waiters.length === 0) return;
      queueMicrotask(() => {
        const due = waiters.filter((waiter) => frames > waiter.since);
        waiters = waiters.filter((waiter) => frames <= waiter.since);
        for (const waiter of due) waiter.callback();
      });
    },
    afterFrame(since, callback) {
      if (frames > since) {
        callback();
        return () => {};
      }
      const waiter = { since, callback };
      waiters.push(waiter);
      return () => {
        waiters = waiters.filter((other) => other !== waiter);
      };
    },
  };
}

/** A screen for a renderer that writes every frame as it is committed (Ink's debug mode, tests). */
export function immediateInkScreen(stdout: Writable): InkScreen {
  const { enterAlternate, leaveAlternate } = alternateScreen(stdout);
  return {
    enterAlternate,
    leaveAlternate,
    framesDrawn: () => 0,
    afterFrame(_since, callback) {
      callback();
      return () => {};
    },
  };
}

function alternateScreen(stdout: Writable): Pick<InkScreen, 'enterAlternate' | 'leaveAlternate'> & { isAlternate(): boolean } {
  let alternate = false;
  return {
    isAlternate: () => alternate,
    enterAlternate() {
      if (alternate) return;
      alternate = true;
      stdout.write(ENTER_ALTERNATE);
    },
    leaveAlternate() {
      if (!alternate) return;
      alternate = false;
      stdout.write(LEAVE_ALTERNATE);
    },
  };
}
