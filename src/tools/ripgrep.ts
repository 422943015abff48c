import { spawn } from 'node:child_process';
import { rgPath } from '@vscode/ripgrep';

export interface RipgrepRun {
  /** 0 = matches, 1 = no matches, 2 = error; null when killed (abort or output cap). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** True when stdout reached the byte cap and ripgrep was stopped early; the last partial line is dropped. */
  outputCapped: boolean;
  aborted: boolean;
  /** Set when the binary could not be started at all. */
  spawnError?: string;
}

export interface RipgrepOptions {
  signal: AbortSignal;
  maxOutputBytes: number;
  cwd?: string;
}

const MAX_STDERR_BYTES = 64 * 1024;

/**
 * Runs the bundled ripgrep with an argument vector (never through a shell, so patterns need no
 * quoting) and collects its output up to a cap, stopping it early rather than buffering gigabytes.
 */
export function runRipgrep(args: string[], options: RipgrepOptions): Promise<RipgrepRun> {
  return new Promise((resolve) => {
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let outputCapped = false;
    let settled = false;
    const finish = (run: Omit<RipgrepRun, 'stdout' | 'stderr' | 'outputCapped' | 'aborted'>) => {
      if (settled) return;
      settled = true;
      let stdout = Buffer.concat(stdoutChunks).toString('utf8');
      if (outputCapped) stdout = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
      resolve({
        ...run,
        stdout,
        stderr: Buffer.concat(stderrChunks).toString('utf8'),
        outputCapped,
        aborted: options.signal.aborted,
      });
    };

    let child;
    try {
      child = spawn(rgPath, args, { cwd: options.cwd, signal: options.signal, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // Invalid arguments (a NUL byte in the pattern) throw synchronously instead of emitting 'error'.
      finish({ exitCode: null, spawnError: `Could not run ripgrep: ${(error as Error).message}` });
      return;
    }
    child.stdout.on('data', (chunk: Buffer) => {
      if (outputCapped) return;
      const room = options.maxOutputBytes - stdoutBytes;
      stdoutChunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      stdoutBytes += Math.min(chunk.length, room);
      if (chunk.length >= room) {
        outputCapped = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes >= MAX_STDERR_BYTES) return;
      stderrChunks.push(chunk);
      stderrBytes += chunk.length;
    });
    child.on('error', (error) => {
      if (options.signal.aborted) finish({ exitCode: null });
      else finish({ exitCode: null, spawnError: `Could not run ripgrep: ${error.message}` });
    });
    child.on('close', (code) => finish({ exitCode: code }));
  });
}
