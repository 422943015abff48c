// When old_string is not in the file, the most useful answer is what the file holds instead: the
// lines most like old_string, numbered like Read output. This only informs the model; the edit
// still fails, because an inexact match applied silently is how fuzzy editors corrupt files.
import { clipLine } from './editSnippet.js';
import { numberLines, splitLines } from './lineNumbers.js';

const MAX_LINES_SCANNED = 200_000;
const MAX_COMPARED_CHARS = 300;
const MAX_WINDOW_LINES = 40;
const MAX_SHOWN_LINES = 12;
const ANCHOR_CANDIDATES = 5;
/** Below this Dice similarity a line is not "like" the wanted one, and showing it would mislead. */
const MIN_SIMILARITY = 0.5;

export interface ClosestLines {
  /** 1-based number of the first line shown. */
  firstLine: number;
  lastLine: number;
  /** The lines in `cat -n` style, long ones clipped, at most MAX_SHOWN_LINES of them. */
  numbered: string;
  /** True when the lines are exactly the wanted text. */
  exact: boolean;
  /** True when the lines equal the wanted text once indentation and runs of whitespace are ignored. */
  whitespaceOnly: boolean;
}

/** A line as compared: indentation and runs of whitespace do not count. */
function comparable(line: string): string {
  return line.trim().replace(/\s+/g, ' ').slice(0, MAX_COMPARED_CHARS);
}

function bigramCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let index = 0; index < text.length - 1; index++) {
    const bigram = text.slice(index, index + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient over character bigrams: 1 for equal lines, 0 for nothing in common. */
class LineMatcher {
  private readonly counts: Map<string, number>;
  private readonly used = new Map<string, number>();

  constructor(private readonly wanted: string) {
    this.counts = bigramCounts(wanted);
  }

  similarity(candidate: string): number {
    if (candidate === this.wanted) return 1;
    const wantedBigrams = this.wanted.length - 1;
    const candidateBigrams = candidate.length - 1;
    if (wantedBigrams < 1 || candidateBigrams < 1) return 0;
    // Even a full overlap of the shorter line cannot reach the threshold: skip the counting.
    if ((2 * Math.min(wantedBigrams, candidateBigrams)) / (wantedBigrams + candidateBigrams) < MIN_SIMILARITY) return 0;
    this.used.clear();
    let shared = 0;
    for (let index = 0; index < candidateBigrams; index++) {
      const bigram = candidate.slice(index, index + 2);
      const used = this.used.get(bigram) ?? 0;
      if (used < (this.counts.get(bigram) ?? 0)) {
        shared++;
        this.used.set(bigram, used + 1);
      }
    }
    return (2 * shared) / (wantedBigrams + candidateBigrams);
  }
}

function lineSimilarity(a: string, b: string): number {
  return new LineMatcher(a).similarity(b);
}

/** File lines most like old_string's first non-blank line, best first. */
function anchorCandidates(fileLines: readonly string[], anchor: string): Array<{ line: number; score: number }> {
  const matcher = new LineMatcher(anchor);
  const best: Array<{ line: number; score: number }> = [];
  const scanned = Math.min(fileLines.length, MAX_LINES_SCANNED);
  for (let line = 0; line < scanned; line++) {
    const score = matcher.similarity(comparable(fileLines[line]!));
    if (score < MIN_SIMILARITY) continue;
    if (best.length === ANCHOR_CANDIDATES && score <= best[best.length - 1]!.score) continue;
    best.push({ line, score });
    best.sort((a, b) => b.score - a.score || a.line - b.line);
    if (best.length > ANCHOR_CANDIDATES) best.pop();
  }
  return best;
}

/** Mean similarity of old_string's lines with the file lines from `start` on. */
function windowScore(fileLines: readonly string[], wantedLines: readonly string[], start: number): number {
  const compared = wantedLines.slice(0, MAX_WINDOW_LINES);
  let total = 0;
  for (const [offset, wanted] of compared.entries()) {
    const fileLine = fileLines[start + offset];
    if (fileLine === undefined) continue;
    const a = comparable(wanted);
    const b = comparable(fileLine);
    total += a === b ? 1 : lineSimilarity(a, b);
  }
  return total / compared.length;
}

/**
 * The lines of `text` most like `wanted` (both LF text), or undefined when nothing is similar
 * enough to be worth showing. Candidates are found by the first non-blank line of `wanted`, then
 * ranked by how well the whole block lines up.
 */
export function findClosestLines(text: string, wanted: string): ClosestLines | undefined {
  const wantedLines = splitLines(wanted);
  const anchorOffset = wantedLines.findIndex((line) => line.trim() !== '');
  if (anchorOffset === -1) return undefined;
  const fileLines = splitLines(text);
  const candidates = anchorCandidates(fileLines, comparable(wantedLines[anchorOffset]!));
  if (candidates.length === 0) return undefined;

  let best: { start: number; score: number } | undefined;
  for (const candidate of candidates) {
    const start = Math.max(0, candidate.line - anchorOffset);
    const score = windowScore(fileLines, wantedLines, start);
    if (!best || score > best.score) best = { start, score };
  }
  const start = best!.start;
  const end = Math.min(fileLines.length, start + wantedLines.length);
  const window = fileLines.slice(start, end);
  const shown = window.slice(0, MAX_SHOWN_LINES).map((line) => clipLine(line));
  const numbered = numberLines(shown, start + 1) + (window.length > shown.length ? '\n…' : '');
  const whitespaceOnly =
    window.length === wantedLines.length && window.every((line, index) => comparable(line) === comparable(wantedLines[index]!));
  const exact = window.join('\n') === wantedLines.join('\n');
  return { firstLine: start + 1, lastLine: end, numbered, exact, whitespaceOnly };
}

export function describeLineRange(firstLine: number, lastLine: number): string {
  return firstLine === lastLine ? `line ${firstLine}` : `lines ${firstLine}-${lastLine}`;
}
