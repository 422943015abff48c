// A small driver for real tmux: each session runs on its own tmux server (its own socket, no user
// config), at a fixed size, and is killed in `close()`. Screens are read with capture-pane and
// waited for by polling with generous deadlines, never by sleeping a fixed time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why tmux tests cannot run here, or undefined when they can. */
export function tmuxMissing(): string | undefined {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'tmux is not installed (apt-get install tmux); the terminal UI end-to-end tests need it';
}

export interface TmuxStart {
  /** The program and its arguments, run through `sh -c` with a report of its exit status afterwards. */
  command: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  width?: number;
  height?: number;
}

let sessions = 0;

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export class TmuxSession {
  private readonly dir: string;
  private readonly socket: string;
  private closed = false;

  private constructor(dir: string) {
    this.dir = dir;
    this.socket = join(dir, 'tmux.sock');
  }

  /** Starts `command` in a new detached session. After it exits the pane shows `[exit N]` and the terminal's stty settings. */
  static start(options: TmuxStart): TmuxSession {
    const session = new TmuxSession(mkdtempSync(join(tmpdir(), `wright-tmux-${process.pid}-${sessions++}-`)));
    const config = join(session.dir, 'tmux.conf');
    writeFileSync(config, 'set -g status off\nset -g history-limit 10000\nset -g remain-on-exit on\nset -g escape-time 0\n');
    const env = Object.entries(options.env)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `${name}=${value}`);
    const script = `${options.command.map(quote).join(' ')}; echo "[exit $?]"; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600`;
    session.tmux(
      '-f', config, 'new-session', '-d', '-s', 'wright', '-x', String(options.width ?? 100), '-y', String(options.height ?? 30),
      '-c', options.cwd, 'env', '-i', ...env, 'sh', '-c', script,
    );
    return session;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Named keys as tmux spells them: `Enter`, `Escape`, `C-c`, `C-d`, `BTab`, `Up`, `BSpace`. */
  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', 'wright', ...names);
  }

  /** Literal text, as if typed. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'wright', '-l', text);
  }

  /** The visible screen (with `history`, the scrollback too); `escapes` keeps colour codes. */
  screen(options: { history?: boolean; escapes?: boolean } = {}): string {
    return this.tmux('capture-pane', '-p', '-t', 'wright', ...(options.history ? ['-S', '-'] : []), ...(options.escapes ? ['-e'] : []));
  }

  /** Polls the screen (and scrollback) until `pattern` shows; returns that capture. */
  async waitFor(pattern: string | RegExp, timeoutMs = 30_000, options: { history?: boolean } = { history: true }): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen(options);
      if (matches(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}; the screen was:\n${last}`);
  }

  /** Polls the visible screen until `pattern` is gone (a menu closed, a dialog answered). */
  async waitForAbsent(pattern: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (!matches(last)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)} to go; the screen was:\n${last}`);
  }

  /** Resizes the terminal, as a user dragging the window would. */
  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', 'wright', '-x', String(width), '-y', String(height));
  }

  /** A tmux format evaluated for the pane, e.g. `#{alternate_on}` (1 while the program uses the alternate screen). */
  format(format: string): string {
    return this.tmux('display-message', '-p', '-t', 'wright', format).trim();
  }

  /** Appends everything the program writes to the terminal from now on to `file` (for byte counts). */
  pipeOutput(file: string): void {
    this.tmux('pipe-pane', '-o', '-t', 'wright', `cat >> ${quote(file)}`);
  }

  /** The pid of the program started (the child of the `sh -c` wrapper). */
  programPid(): number {
    const shell = this.tmux('display-message', '-p', '-t', 'wright', '#{pane_pid}').trim();
    const child = spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
    if (!child) throw new Error('the program is not running');
    return Number(child);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
