import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One private directory per session for what its shells leave behind: background logs, spilled
 * output, the shell snapshot. Created on first use (synchronously, so stream handlers can use it).
 */
export class SessionTempDir {
  private directory: string | undefined;
  private counter = 0;

  /** `listing` is kept up to date with the directory's path while it exists (see ToolSessionState.scratchDirectories). */
  constructor(private readonly listing: string[] = []) {}

  get created(): boolean {
    return this.directory !== undefined;
  }

  path(): string {
    if (this.directory === undefined) {
      this.directory = mkdtempSync(join(tmpdir(), 'wright-session-'));
      this.listing.push(this.directory);
    }
    return this.directory;
  }

  /** A path for a new file, unique within the session: `<prefix>-<n><suffix>`. */
  newFile(prefix: string, suffix = ''): string {
    this.counter += 1;
    return join(this.path(), `${prefix}-${this.counter}${suffix}`);
  }

  /** Synchronous so it can run from a process 'exit' handler. */
  remove(): void {
    if (this.directory === undefined) return;
    rmSync(this.directory, { recursive: true, force: true });
    const listed = this.listing.indexOf(this.directory);
    if (listed !== -1) this.listing.splice(listed, 1);
    this.directory = undefined;
  }
}
