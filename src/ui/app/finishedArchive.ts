// Where finished conversation items go when they leave the state's window (FINISHED_KEPT): a private
// JSONL file for the session, so a long session's memory stays flat while the transcript view (Ctrl+O)
// can still show everything from the first prompt on. The file is removed when the app ends.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationItem } from './conversationState.js';

export interface ItemArchive {
  /** How many items were archived so far. */
  readonly count: number;
  append(items: readonly ConversationItem[]): void;
  /** Every archived item, oldest first (fresh objects: nothing is kept between reads). */
  readAll(): ConversationItem[];
}

export class FinishedArchive implements ItemArchive {
  private written = 0;
  private readonly directory: string;
  private readonly path: string;
  private failed = false;

  constructor(parent: string = tmpdir()) {
    this.directory = mkdtempSync(join(parent, 'wright-items-'));
    this.path = join(this.directory, 'finished.jsonl');
  }

  get count(): number {
    return this.written;
  }

  append(items: readonly ConversationItem[]): void {
    if (items.length === 0 || this.failed) return;
    try {
      appendFileSync(this.path, items.map((item) => JSON.stringify(item) + '\n').join(''), { mode: 0o600 });
      this.written += items.length;
    } catch {
      // A full disk costs the transcript view its oldest items, never the session.
      this.failed = true;
    }
  }

  readAll(): ConversationItem[] {
    if (this.written === 0) return [];
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').flatMap((line) => {
      if (line === '') return [];
      try {
        return [JSON.parse(line) as ConversationItem];
      } catch {
        return [];
      }
    });
  }

  dispose(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** The items at the front of `before` that `after` no longer holds: what the window just let go. */
export function evictedItems(before: readonly ConversationItem[], after: readonly ConversationItem[]): ConversationItem[] {
  if (before === after || before.length === 0) return [];
  const kept = new Set(after);
  let count = 0;
  while (count < before.length && !kept.has(before[count]!)) count++;
  return before.slice(0, count);
}
