import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { OrphanReaper } from './orphanReaper.js';
import { DEFAULT_KILL_GRACE_MS, groupIsAlive, killGroup, terminateGroup } from './processGroup.js';
import type { SessionTempDir } from './sessionTempDir.js';
import { type NewOutput, type ReadOptions, readNewOutput } from './shellOutputReader.js';
import { type LaunchWrapper, signalExitCode, startDetachedShell } from './shellProcess.js';

export type ShellStatus = 'running' | 'completed' | 'failed' | 'killed';

export interface BackgroundShell {
  readonly id: string;
  readonly command: string;
  readonly outputFile: string;
  readonly pid: number;
  status: ShellStatus;
  /** Once it ended: its exit status (128 + n when killed by signal n). */
  exitCode: number | null;
  /** Bytes of the log already returned by BashOutput. */
  readOffset: number;
  /** Settles when the shell process has exited. */
  readonly exited: Promise<void>;
}

interface ShellRecord extends BackgroundShell {
  killRequested: boolean;
  /** BashOutput reads of one shell run one after another, so none returns the same output twice. */
  reads: Promise<unknown>;
}

export interface BackgroundStart {
  /** What the model asked to run, for listings. */
  command: string;
  /** The full script (with the session's prelude). */
  script: string;
  cwd: string;
  env: Record<string, string>;
  /** The OS sandbox's launcher, when the command runs sandboxed. */
  wrap?: LaunchWrapper;
}

const LISTED_COMMAND_CHARS = 60;

/** The commands a session started with `run_in_background`, each in its own process group. */
export class BackgroundShells {
  private readonly shells = new Map<string, ShellRecord>();
  private nextNumber = 1;
  private closed = false;
  private readonly reaper: OrphanReaper;

  constructor(
    private readonly tempDir: SessionTempDir,
    private readonly killGraceMs = DEFAULT_KILL_GRACE_MS,
  ) {
    this.reaper = new OrphanReaper(tempDir, Math.ceil(killGraceMs / 1000));
  }

  start(request: BackgroundStart): BackgroundShell | { error: string } {
    if (this.closed) return { error: 'The session is ending; no new background commands can start.' };
    const id = `bash_${this.nextNumber}`;
    const outputFile = join(this.tempDir.path(), `${id}.log`);
    const started = startDetachedShell({
      script: request.script,
      cwd: request.cwd,
      env: request.env,
      outputFile,
      ...(request.wrap ? { wrap: request.wrap } : {}),
    });
    if ('error' in started) return started;
    const { child } = started;
    if (child.pid === undefined) {
      child.on('error', () => {});
      return { error: `Could not start the shell in ${request.cwd}.` };
    }
    this.nextNumber += 1;
    const record: ShellRecord = {
      id,
      command: request.command,
      outputFile,
      pid: child.pid,
      status: 'running',
      exitCode: null,
      readOffset: 0,
      exited: exitOf(child),
      killRequested: false,
      reads: Promise.resolve(),
    };
    child.on('exit', (code, signal) => {
      record.exitCode = code ?? signalExitCode(signal);
      record.status = record.killRequested ? 'killed' : code === 0 ? 'completed' : 'failed';
      if (!groupIsAlive(record.pid)) this.reaper.forget(record.pid);
    });
    this.shells.set(id, record);
    this.reaper.watch(child.pid);
    return record;
  }

  get(id: string): BackgroundShell | undefined {
    return this.shells.get(id.trim());
  }

  /** For error messages: every shell of the session with its status. */
  describeKnown(): string {
    if (this.shells.size === 0) return 'No background shells were started in this session.';
    const entries = [...this.shells.values()].map((shell) => {
      const command = shell.command.replace(/\s+/g, ' ');
      const shown = command.length > LISTED_COMMAND_CHARS ? `${command.slice(0, LISTED_COMMAND_CHARS - 1)}…` : command;
      return `${shell.id} (${shell.status}: ${shown})`;
    });
    return `Known shells: ${entries.join(', ')}.`;
  }

  /** Output appended since the previous read, marking it read. */
  readNew(shell: BackgroundShell, options: Omit<ReadOptions, 'final'>): Promise<NewOutput & { status: ShellStatus }> {
    const record = this.shells.get(shell.id) as ShellRecord;
    const read = record.reads.then(async () => {
      // Status first: output written before the exit is then certainly in the file.
      const status = record.status;
      const output = await readNewOutput(record.outputFile, record.readOffset, { ...options, final: status !== 'running' });
      record.readOffset = output.nextOffset;
      return { ...output, status };
    });
    record.reads = read.catch(() => undefined);
    return read;
  }

  /** SIGTERM, then SIGKILL after the grace period, to the shell's whole process group. */
  async kill(shell: BackgroundShell): Promise<void> {
    const record = this.shells.get(shell.id) as ShellRecord;
    if (record.status === 'running') record.killRequested = true;
    await terminateGroup(record.pid, record.exited, this.killGraceMs);
  }

  /** Ends every shell (and whatever each one left running); no new ones start afterwards. */
  async closeAll(): Promise<void> {
    this.closed = true;
    const alive = [...this.shells.values()].filter((shell) => shell.status === 'running' || groupIsAlive(shell.pid));
    await Promise.all(alive.map((shell) => this.kill(shell)));
    this.reaper.stop();
  }

  /** The last resort when the process is exiting: synchronous, no grace period. */
  killAllNow(): void {
    this.closed = true;
    for (const shell of this.shells.values()) {
      if (shell.status === 'running') shell.killRequested = true;
      if (groupIsAlive(shell.pid)) killGroup(shell.pid, 'SIGKILL');
    }
    this.reaper.stop();
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.on('error', () => resolve());
  });
}
