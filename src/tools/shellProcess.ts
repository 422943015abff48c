import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { HeadTailCollector } from './outputTruncation.js';
import { DEFAULT_KILL_GRACE_MS, groupIsAlive, killGroup } from './processGroup.js';

/** The process that runs a script; an OS sandbox wraps it in its own launcher. */
export interface ShellLaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** Turns the shell launch into the one actually spawned (the sandbox's); may throw, reported as a start failure. */
export type LaunchWrapper = (launch: ShellLaunch) => ShellLaunch;

export function shellLaunch(script: string, cwd: string, env: Record<string, string>): ShellLaunch {
  return { file: findShell(env), args: ['-c', script], env, cwd };
}

export interface ShellRunOptions {
  script: string;
  cwd: string;
  env: Record<string, string>;
  wrap?: LaunchWrapper;
  timeoutMs: number;
  signal: AbortSignal;
  /** Characters of each stream kept (head and tail); the middle of longer output is dropped. */
  maxOutputChars: number;
  /** Time between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /** Receives every chunk of stdout and stderr in arrival order, with its decoded length. */
  onOutput?: (raw: Buffer, chars: number) => void;
}

export interface ShellRunResult {
  stdout: HeadTailCollector;
  stderr: HeadTailCollector;
  /** The exit status; 128 + n when killed by signal n, as a shell reports it. */
  exitCode: number | null;
  timedOut: boolean;
  interrupted: boolean;
  spawnError?: string;
}

/**
 * A command that leaves a background job holding our pipes (`server &`) would otherwise keep us
 * waiting for EOF forever; once the shell itself has exited we wait only this long for the rest.
 */
const DRAIN_AFTER_EXIT_MS = 250;

/** bash from PATH (or the usual places), else POSIX sh. */
export function findShell(env: Record<string, string | undefined>): string {
  // Relative PATH entries are skipped: they would pick up a `bash` from whatever directory we run in.
  const pathDirs = (env.PATH ?? '').split(delimiter).filter((dir) => isAbsolute(dir));
  const candidates = [...pathDirs.map((dir) => join(dir, 'bash')), '/bin/bash', '/usr/bin/bash'];
  return candidates.find((candidate) => existsSync(candidate)) ?? '/bin/sh';
}

export function signalExitCode(signal: NodeJS.Signals | null): number | null {
  if (!signal) return null;
  const number = constants.signals[signal];
  return number === undefined ? null : 128 + number;
}

export function runShellScript(options: ShellRunOptions): Promise<ShellRunResult> {
  const stdout = new HeadTailCollector(options.maxOutputChars);
  const stderr = new HeadTailCollector(options.maxOutputChars);
  let timedOut = false;
  let interrupted = false;

  return new Promise((resolve) => {
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      const base = shellLaunch(options.script, options.cwd, options.env);
      const launch = options.wrap ? options.wrap(base) : base;
      child = spawn(launch.file, launch.args, {
        cwd: launch.cwd,
        env: launch.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // Invalid arguments (a NUL byte in the command) throw synchronously instead of emitting 'error'.
      const spawnError = `Could not start the shell: ${(error as Error).message}`;
      resolve({ stdout, stderr, exitCode: null, timedOut, interrupted, spawnError });
      return;
    }
    let settled = false;
    let drainTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const terminate = () => {
      if (killTimer) return;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), options.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
    };
    const onAbort = () => {
      interrupted = true;
      terminate();
    };
    const timeoutTimer = setTimeout(() => {
      timedOut = true;
      terminate();
    }, options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });

    const finish = (exitCode: number | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(drainTimer);
      // A pending SIGKILL is only needed while something in the group survives; even then it must
      // not keep the process alive on its own.
      if (killTimer && !groupIsAlive(child.pid)) clearTimeout(killTimer);
      killTimer?.unref();
      options.signal.removeEventListener('abort', onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
      const result: ShellRunResult = { stdout, stderr, exitCode, timedOut, interrupted };
      resolve(spawnError === undefined ? result : { ...result, spawnError });
    };

    const stdoutDecoder = new StringDecoder('utf8');
    const stderrDecoder = new StringDecoder('utf8');
    const collect = (collector: HeadTailCollector, decoder: StringDecoder) => (chunk: Buffer) => {
      const text = decoder.write(chunk);
      collector.append(text);
      options.onOutput?.(chunk, text.length);
    };
    child.stdout.on('data', collect(stdout, stdoutDecoder));
    child.stderr.on('data', collect(stderr, stderrDecoder));

    let exitCode: number | null = null;
    child.on('exit', (code, signal) => {
      exitCode = code ?? signalExitCode(signal);
      // Finishing from setImmediate lets the poll phase first read what is already in the pipes: after
      // a long pause (a loaded machine) the timer and the pending data are due in the same loop turn.
      drainTimer = setTimeout(() => setImmediate(() => finish(exitCode)), DRAIN_AFTER_EXIT_MS);
    });
    child.on('close', (code, signal) => {
      stdout.append(stdoutDecoder.end());
      stderr.append(stderrDecoder.end());
      finish(code ?? signalExitCode(signal) ?? exitCode);
    });
    child.on('error', (error) => finish(null, `Could not start the shell: ${error.message}`));

    if (options.signal.aborted) onAbort();
  });
}

export interface DetachedShellOptions {
  script: string;
  cwd: string;
  env: Record<string, string>;
  /** Receives stdout and stderr, appended. */
  outputFile: string;
  wrap?: LaunchWrapper;
}

/**
 * Starts a shell that outlives the call: its own process group, no stdin, output appended straight
 * to a file (no pipe for us to drain), and unref'd so it never keeps wright running by itself.
 */
export function startDetachedShell(options: DetachedShellOptions): { child: ChildProcess } | { error: string } {
  let fd: number;
  try {
    fd = openSync(options.outputFile, 'a', 0o600);
  } catch (error) {
    return { error: `Could not create the output file: ${(error as Error).message}` };
  }
  try {
    const base = shellLaunch(options.script, options.cwd, options.env);
    const launch = options.wrap ? options.wrap(base) : base;
    const child = spawn(launch.file, launch.args, {
      cwd: launch.cwd,
      env: launch.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.unref();
    return { child };
  } catch (error) {
    return { error: `Could not start the shell: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}
