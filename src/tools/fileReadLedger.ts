import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';

/** What a file looked like at one moment: enough to tell later whether it changed. */
export interface FileSnapshot {
  mtimeMs: number;
  size: number;
  /** sha256 of the raw bytes, so a touch without a content change is not mistaken for an edit. */
  contentHash: string;
}

export interface FileReadRecord extends FileSnapshot {
  /** True when the model saw only part of the file (offset/limit or a truncated page). */
  partial: boolean;
  /** Date.now() of the read (or of our own last write). */
  recordedAt: number;
}

export type FileFreshness = 'unread' | 'changed' | 'unchanged';

export function hashContent(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function takeSnapshot(stats: { mtimeMs: number; size: number }, bytes: Uint8Array): FileSnapshot {
  return { mtimeMs: stats.mtimeMs, size: stats.size, contentHash: hashContent(bytes) };
}

/**
 * The file a path names, symlinks resolved, so a Read through a link and an Edit of its target (or
 * the other way round) count as the same file. A path that does not exist stays as given.
 */
function fileKey(absolutePath: string): string {
  try {
    return realpathSync.native(absolutePath);
  } catch {
    return absolutePath;
  }
}

/**
 * Remembers, per file (symlinks resolved), which files the model has read in this session and what they looked
 * like then. Edit and Write consult it so the model never overwrites a file it has not seen, or one
 * that changed behind its back (the user, a formatter, another tool) since it last looked.
 */
export class FileReadLedger {
  private readonly records = new Map<string, FileReadRecord>();

  record(absolutePath: string, snapshot: FileSnapshot, options: { partial?: boolean } = {}): void {
    this.records.set(fileKey(absolutePath), { ...snapshot, partial: options.partial ?? false, recordedAt: Date.now() });
  }

  get(absolutePath: string): FileReadRecord | undefined {
    return this.records.get(fileKey(absolutePath));
  }

  has(absolutePath: string): boolean {
    return this.records.has(fileKey(absolutePath));
  }

  forget(absolutePath: string): void {
    this.records.delete(fileKey(absolutePath));
  }

  paths(): string[] {
    return [...this.records.keys()];
  }

  /** The files read or written most recently first, at most `limit`. */
  mostRecent(limit: number): string[] {
    return [...this.records.entries()]
      .sort(([, a], [, b]) => b.recordedAt - a.recordedAt)
      .slice(0, limit)
      .map(([path]) => path);
  }

  /**
   * Compares the file as it is now with the last record. Same mtime and size count as unchanged
   * without hashing; otherwise the content hash decides (editors and `touch` bump mtime alone).
   */
  freshness(absolutePath: string, current: { mtimeMs: number; size: number }, currentBytes: Uint8Array): FileFreshness {
    const recorded = this.records.get(fileKey(absolutePath));
    if (!recorded) return 'unread';
    if (recorded.mtimeMs === current.mtimeMs && recorded.size === current.size) return 'unchanged';
    if (recorded.size !== current.size) return 'changed';
    return hashContent(currentBytes) === recorded.contentHash ? 'unchanged' : 'changed';
  }
}
