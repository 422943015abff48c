// Runs the user's status line command (settings `statusLine`) with the session as JSON on stdin and
// hands each result's lines to the UI. Requests are debounced; a newer request cancels a run still
// in flight, and a run that hangs is killed, so a slow script can never stall the interface.
import { spawn } from 'node:child_process';
import { killGroup } from '../../tools/processGroup.js';
import { findShell } from '../../tools/shellProcess.js';

export interface StatusLineRunnerOptions {
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  onUpdate(lines: string[]): void;
  debounceMs?: number;
  timeoutMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 300;
const DEFAULT_TIMEOUT_MS = 5000;
const MAX_LINES = 5;
const MAX_OUTPUT_CHARS = 4000;

export class StatusLineRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: { pid: number | undefined; cancelled: boolean } | undefined;
  private disposed = false;

  constructor(private readonly options: StatusLineRunnerOptions) {}

  /** Asks for a refresh with this session state; only the last request in a burst runs. */
  request(input: Record<string, unknown>): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(input), this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.cancelRunning();
  }

  private cancelRunning(): void {
    if (!this.running) return;
    this.running.cancelled = true;
    killGroup(this.running.pid, 'SIGKILL');
    this.running = undefined;
  }

  private run(input: Record<string, unknown>): void {
    this.cancelRunning();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.options.env)) if (value !== undefined) env[key] = value;
    const child = spawn(findShell(env), ['-c', this.options.command], {
      cwd: this.options.cwd,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const run = { pid: child.pid, cancelled: false };
    this.running = run;
    let output = '';
    const timeout = setTimeout(() => {
      run.cancelled = true;
      killGroup(child.pid, 'SIGKILL');
    }, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (output.length < MAX_OUTPUT_CHARS) output += chunk;
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(input));
    child.on('error', () => clearTimeout(timeout));
    child.on('close', () => {
      clearTimeout(timeout);
      if (this.running === run) this.running = undefined;
      if (run.cancelled || this.disposed) return;
      const lines = output.replace(/\n+$/, '').split('\n').slice(0, MAX_LINES);
      this.options.onUpdate(lines[0] === '' && lines.length === 1 ? [] : lines);
    });
  }
}
