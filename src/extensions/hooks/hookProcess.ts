// Runs one command hook: `<shell> -c <command>` in its own process group (so no controlling TTY,
// and a timeout takes its children too), the event's JSON on stdin, output collected up to a cap.
import { spawn } from 'node:child_process';

/** Bytes kept of each stream; the rest is counted and dropped. */
export const HOOK_OUTPUT_CAP_BYTES = 1024 * 1024;

/** After the hook exits, how long to wait for its pipes to close (a background child may hold them). */
const PIPE_GRACE_MS = 1000;

export interface HookCommandRequest {
  command: string;
  shell: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed. */
  input: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HookCommandRun {
  /** Null when it did not exit on its own (timed out, aborted, killed by a signal, failed to start). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** Why it could not start (shell missing…). */
  spawnError?: string;
}

export function runHookCommand(request: HookCommandRequest): Promise<HookCommandRun> {
  return new Promise((resolve) => {
    const stdout = new CappedText();
    const stderr = new CappedText();
    let timedOut = false;
    let aborted = false;
    let settled = false;
    let exitCode: number | null = null;
    let graceTimer: NodeJS.Timeout | undefined;

    const child = spawn(request.shell, ['-c', request.command], {
      cwd: request.cwd,
      env: request.env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const finish = (run: Partial<HookCommandRun> = {}) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      request.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ exitCode: timedOut || aborted ? null : exitCode, stdout: stdout.text(), stderr: stderr.text(), timedOut, aborted, ...run });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, request.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.add(chunk));
    // A hook that ignores its input closes stdin early; that is not an error.
    child.stdin!.on('error', () => {});
    child.stdin!.end(request.input);
    child.on('error', (error) => finish({ exitCode: null, spawnError: error.message }));
    child.on('exit', (code) => {
      exitCode = code;
      // A child the hook left in the background may hold its pipes open: do not wait for it long.
      graceTimer = setTimeout(() => finish(), PIPE_GRACE_MS);
    });
    child.on('close', () => finish());
  });
}

class CappedText {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  add(chunk: Buffer): void {
    const room = HOOK_OUTPUT_CAP_BYTES - this.kept;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
    this.dropped += chunk.length - part.length;
  }

  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `${text}\n… (${this.dropped} more bytes of output dropped)` : text;
  }
}
