import { readFileSync } from 'node:fs';
import type { TranscriptEntry } from './transcriptEntry.js';

export interface LoadedTranscript {
  entries: TranscriptEntry[];
  /** Lines that were not whole JSON objects (a crash can cut the last one short). */
  skippedLines: number;
}

const isEntry = (value: unknown): value is TranscriptEntry =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as TranscriptEntry).uuid === 'string' &&
  typeof (value as TranscriptEntry).type === 'string';

/** Reads a transcript, keeping every complete line; damaged lines are counted, not fatal. */
export function readTranscript(path: string): LoadedTranscript {
  const entries: TranscriptEntry[] = [];
  let skippedLines = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isEntry(parsed)) entries.push(parsed);
      else skippedLines++;
    } catch {
      skippedLines++;
    }
  }
  return { entries, skippedLines };
}
