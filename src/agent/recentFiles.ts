// The files the model looked at last, read again from disk for the compacted conversation: numbered
// lines as Read shows them, cut to a budget, and recorded in the read ledger so an Edit right after
// compaction works on what the model was just shown.
import { readFileSync, statSync } from 'node:fs';
import { RECENT_FILE_CHARS, RECENT_FILE_LIMIT, RECENT_FILES_TOTAL_CHARS, type RecentFile } from '../context/compaction/compactionAttachments.js';
import { CHARS_PER_TOKEN } from '../context/tokenEstimate.js';
import { takeSnapshot, type FileReadLedger } from '../tools/fileReadLedger.js';
import { numberLines, splitLines } from '../tools/lineNumbers.js';
import { looksBinary } from '../tools/textFileCodec.js';

/** `contextWindow` (tokens) scales the budget down for small windows: at most a tenth of the window. */
export function recentFiles(ledger: FileReadLedger, contextWindow: number): RecentFile[] {
  const files: RecentFile[] = [];
  let budget = Math.min(RECENT_FILES_TOTAL_CHARS, Math.floor((contextWindow * CHARS_PER_TOKEN) / 10));
  for (const path of ledger.mostRecent(RECENT_FILE_LIMIT)) {
    if (budget <= 0) break;
    try {
      const stats = statSync(path);
      if (!stats.isFile()) continue;
      const bytes = readFileSync(path);
      if (looksBinary(bytes)) continue;
      const numbered = numberLines(splitLines(bytes.toString('utf8')), 1);
      const limit = Math.min(RECENT_FILE_CHARS, budget);
      const truncated = numbered.length > limit;
      const text = truncated ? numbered.slice(0, numbered.lastIndexOf('\n', limit) > 0 ? numbered.lastIndexOf('\n', limit) : limit) : numbered;
      files.push({ path, text, truncated });
      budget -= text.length;
      ledger.record(path, takeSnapshot(stats, bytes), { partial: truncated });
    } catch {
      // Gone or unreadable since it was read: nothing to carry over.
    }
  }
  return files;
}
