import { join } from 'node:path';
import { BackgroundShells } from './backgroundShells.js';
import { positiveIntegerFrom } from './bashLimits.js';
import { DEFAULT_KILL_GRACE_MS } from './processGroup.js';
import { SessionTempDir } from './sessionTempDir.js';
import type { ToolSessionState } from './types.js';
import { createShellSnapshot, DEFAULT_SNAPSHOT_TIMEOUT_MS, snapshotEnabled, type SnapshotOutcome } from './shellSnapshot.js';

export interface ShellSessionOptions {
  /** Between SIGTERM and SIGKILL when a background shell is killed. */
  killGraceMs?: number;
  /** Kept listing the temp directory while it exists, so read-only tools may read its files. */
  scratchDirectories?: string[];
}

/**
 * What Bash keeps for a whole session: the background shells, the shell snapshot and the temp
 * directory holding their files. `dispose()` ends the shells and removes the directory; if the
 * process exits without it, an 'exit' handler still kills every background process group.
 */
export class ShellSession {
  readonly tempDir: SessionTempDir;
  readonly background: BackgroundShells;
  private snapshot: Promise<SnapshotOutcome> | undefined;
  private snapshotNoteGiven = false;
  private exitGuard: (() => void) | undefined;

  constructor(options: ShellSessionOptions = {}) {
    this.tempDir = new SessionTempDir(options.scratchDirectories);
    this.background = new BackgroundShells(this.tempDir, options.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
  }

  /**
   * The snapshot file every command sources (created by the first call), or, once per session, a
   * note saying why there is none. Nothing when WRIGHT_SHELL_SNAPSHOT is off.
   */
  async snapshotFor(env: Record<string, string>, cwd: string): Promise<{ file?: string; note?: string }> {
    if (!snapshotEnabled(env)) return {};
    this.snapshot ??= createShellSnapshot({
      env,
      cwd,
      file: join(this.tempDir.path(), 'shell-snapshot.sh'),
      timeoutMs: positiveIntegerFrom(env.WRIGHT_SHELL_SNAPSHOT_TIMEOUT_MS) ?? DEFAULT_SNAPSHOT_TIMEOUT_MS,
    });
    const outcome = await this.snapshot;
    if ('file' in outcome) return { file: outcome.file };
    if (this.snapshotNoteGiven) return {};
    this.snapshotNoteGiven = true;
    return { note: outcome.note };
  }

  /** Call before starting a background shell: from then on the process exit kills it. */
  guardProcessExit(): void {
    if (this.exitGuard) return;
    this.exitGuard = () => {
      this.background.killAllNow();
      this.tempDir.remove();
    };
    process.on('exit', this.exitGuard);
  }

  async dispose(): Promise<void> {
    await this.background.closeAll();
    if (this.exitGuard) process.off('exit', this.exitGuard);
    this.exitGuard = undefined;
    // A snapshot still being taken would write into the directory we are about to remove.
    await this.snapshot?.catch(() => undefined);
    this.tempDir.remove();
  }
}

/** The session's shells, created on first use. */
export function shellSessionOf(state: ToolSessionState): ShellSession {
  state.shells ??= new ShellSession({ scratchDirectories: state.scratchDirectories });
  return state.shells;
}
