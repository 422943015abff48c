import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Keeps a command's combined output (stdout and stderr in arrival order) in memory only while it is
 * short; once it passes `thresholdChars` everything so far and everything after goes to a file, so
 * a huge output costs disk, not memory, and the model can still Read or Grep all of it.
 */
export class OutputSpill {
  private pending: Buffer[] = [];
  private pendingChars = 0;
  private fd: number | undefined;
  private closed = false;
  /** The file holding the full output, once the threshold was passed. */
  path: string | undefined;
  /** Why the full output could not be saved, when writing failed. */
  error: string | undefined;

  constructor(
    private readonly thresholdChars: number,
    private readonly createPath: () => string,
  ) {}

  /** `chars` is the decoded length of `raw`, which is what the threshold counts. */
  write(raw: Buffer, chars: number): void {
    if (this.closed || this.error !== undefined) return;
    if (this.fd !== undefined) {
      this.writeToFile(raw);
      return;
    }
    this.pending.push(raw);
    this.pendingChars += chars;
    if (this.pendingChars > this.thresholdChars) this.startFile();
  }

  close(): void {
    this.closed = true;
    this.pending = [];
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // Nothing useful to do: the data was already written.
    }
    this.fd = undefined;
  }

  private startFile(): void {
    try {
      const path = this.createPath();
      this.fd = openSync(path, 'w', 0o600);
      this.path = path;
    } catch (error) {
      this.fail(error);
      return;
    }
    const pending = this.pending;
    this.pending = [];
    for (const chunk of pending) this.writeToFile(chunk);
  }

  private writeToFile(raw: Buffer): void {
    try {
      let offset = 0;
      while (offset < raw.length) offset += writeSync(this.fd as number, raw, offset);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.error = (error as Error).message;
    this.pending = [];
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Already reporting a failure.
      }
      this.fd = undefined;
    }
  }
}
