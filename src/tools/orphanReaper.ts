// When wright is killed outright (SIGKILL, the OOM killer, a closed terminal that takes the process
// group), none of its own exit handlers run, and the background shells, each leading its own process
// group, would run on. A watchdog started with the first background shell waits for wright's process
// to go; then it ends the groups still listed (SIGTERM, then SIGKILL) and removes the session's temp
// directory, as a normal exit would. It is a plain `sh` loop in its own process group, so the signal
// that takes wright's group does not take it too. A clean exit stops it first.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killGroup } from './processGroup.js';
import type { SessionTempDir } from './sessionTempDir.js';

// $1 wright's pid, $2 the list of process groups, $3 the temp directory, $4 the grace in seconds.
const WATCHDOG = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
[ -f "$2" ] || exit 0
for group in $(cat "$2"); do kill -TERM "-$group" 2>/dev/null; done
sleep "$4"
for group in $(cat "$2"); do kill -KILL "-$group" 2>/dev/null; done
rm -rf "$3"
`;

export class OrphanReaper {
  private readonly groups = new Set<number>();
  private watchdog: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly tempDir: SessionTempDir,
    private readonly graceSeconds = 2,
    private readonly watchedPid = process.pid,
  ) {}

  /** Lists a process group to end if wright dies without cleaning up; starts the watchdog once. */
  watch(group: number): void {
    if (this.stopped) return;
    this.groups.add(group);
    this.writeList();
    this.watchdog ??= this.startWatchdog();
  }

  /** A group that has ended is no longer listed, so its number, reused later, is never signalled. */
  forget(group: number): void {
    if (!this.groups.delete(group) || this.stopped) return;
    this.writeList();
  }

  /** wright is cleaning up itself: the watchdog goes, without touching anything. */
  stop(): void {
    this.stopped = true;
    this.groups.clear();
    if (this.watchdog === undefined) return;
    if (this.watchdog.pid !== undefined) killGroup(this.watchdog.pid, 'SIGKILL');
    this.watchdog = undefined;
    if (this.tempDir.created) rmSync(this.listFile(), { force: true });
  }

  private listFile(): string {
    return join(this.tempDir.path(), 'process-groups');
  }

  private writeList(): void {
    writeFileSync(this.listFile(), [...this.groups].join('\n') + '\n', { mode: 0o600 });
  }

  private startWatchdog(): ChildProcess | undefined {
    try {
      const child = spawn('sh', ['-c', WATCHDOG, 'wright-reaper', String(this.watchedPid), this.listFile(), this.tempDir.path(), String(this.graceSeconds)], {
        detached: true,
        stdio: 'ignore',
      });
      child.on('error', () => {});
      child.unref();
      return child;
    } catch {
      // Without sh there is no watchdog; a normal exit still ends every shell.
      return undefined;
    }
  }
}
