import { describeLineRange, findClosestLines } from './editMissHint.js';
import { clipLine } from './editSnippet.js';
import { lineNumberAt, numberLines, splitLines } from './lineNumbers.js';
import { normalizeLineEndings } from './textFileCodec.js';

export interface StringEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean | undefined;
}

export type EditOutcome =
  | {
      ok: true;
      text: string;
      replacements: number;
      /** Where old_string was found in the input text, in order (one entry unless replace_all). */
      indices: number[];
      /** old_string and new_string as applied (LF line endings). */
      oldText: string;
      newText: string;
    }
  | { ok: false; message: string };

export interface EditOptions {
  /** True for a later edit of a MultiEdit: line numbers then count in the text the earlier edits left. */
  afterEarlierEdits?: boolean;
}

/** Offsets of the non-overlapping occurrences of `needle`, left to right. */
export function findOccurrences(text: string, needle: string): number[] {
  const indices: number[] = [];
  if (needle === '') return indices;
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) indices.push(index);
  return indices;
}

/** A `cat -n` prefix copied from Read output is the most common reason an exact match fails. */
const READ_LINE_PREFIX = /^ *\d+\t/m;
const READ_LINE_PREFIXES = /^ *\d+\t/gm;

const MAX_MATCH_LINES_LISTED = 10;

/** "at lines 3, 9, 12" for the first few matches, so the model knows where to add context. */
function matchLines(text: string, indices: readonly number[]): string {
  const lines: number[] = [];
  let line = 1;
  let lineFeed = text.indexOf('\n');
  for (const index of indices.slice(0, MAX_MATCH_LINES_LISTED)) {
    for (; lineFeed !== -1 && lineFeed < index; lineFeed = text.indexOf('\n', lineFeed + 1)) line++;
    lines.push(line);
  }
  return `at lines ${lines.join(', ')}${indices.length > lines.length ? ', …' : ''}`;
}

const NOT_FOUND = 'String to replace not found in file (old_string must match exactly).';
const MAX_APPLIED_LINES_SHOWN = 6;

/** Shorter replacement text turns up by chance too often to say anything about the edit. */
const MIN_APPLIED_SIGNAL_CHARS = 8;

/** new_string is already in the text: most likely this edit was made before (a retry, a repeat). */
function alreadyAppliedMessage(text: string, newString: string, numbering: string): string | undefined {
  if (newString.replace(/\s/g, '').length < MIN_APPLIED_SIGNAL_CHARS) return undefined;
  const index = text.indexOf(newString);
  if (index === -1) return undefined;
  const firstLine = lineNumberAt(text, index);
  const lines = splitLines(newString).length || 1;
  const lastLine = firstLine + lines - 1;
  const fileLines = splitLines(text).slice(firstLine - 1, Math.min(lastLine, firstLine - 1 + MAX_APPLIED_LINES_SHOWN));
  const excerpt = numberLines(fileLines.map((line) => clipLine(line)), firstLine) + (lines > fileLines.length ? '\n…' : '');
  return (
    `${NOT_FOUND} But new_string is already in the file at ${describeLineRange(firstLine, lastLine)}${numbering}, ` +
    `so this edit appears to be applied already; do not repeat it:\n${excerpt}`
  );
}

function notFoundMessage(text: string, oldString: string, newString: string, options: EditOptions): string {
  const numbering = options.afterEarlierEdits ? ' (numbered as the text stands after the earlier edits)' : '';
  const applied = alreadyAppliedMessage(text, newString, numbering);
  if (applied) return applied;

  const hasPrefixes = READ_LINE_PREFIX.test(oldString);
  const prefixHint = hasPrefixes
    ? ' It looks like old_string includes line-number prefixes from Read output; remove them and keep only the file text.'
    : '';
  const closest = findClosestLines(text, hasPrefixes ? oldString.replace(READ_LINE_PREFIXES, '') : oldString);
  if (!closest) {
    return `${NOT_FOUND}${prefixHint || ' Read the file again and copy the text exactly, including whitespace and indentation.'}`;
  }
  const difference =
    hasPrefixes && closest.exact
      ? ', which is old_string without the prefixes'
      : closest.whitespaceOnly
        ? ', differing from old_string only in whitespace or indentation'
        : '';
  return (
    `${NOT_FOUND}${prefixHint} The most similar text is at ${describeLineRange(closest.firstLine, closest.lastLine)}${numbering}${difference}:\n` +
    `${closest.numbered}\n` +
    'If this is the text you meant, copy it exactly (without the number and tab) into old_string and try again.'
  );
}

/**
 * Applies one exact-match replacement to LF-normalised text. No fuzzy matching: when the text is
 * not found exactly, the model is shown what the file holds instead and has to try again.
 */
export function applyStringEdit(text: string, edit: StringEdit, options: EditOptions = {}): EditOutcome {
  const oldString = normalizeLineEndings(edit.old_string);
  const newString = normalizeLineEndings(edit.new_string);
  if (oldString === newString) {
    return { ok: false, message: 'old_string and new_string are identical, so there is nothing to change.' };
  }
  if (oldString === '') {
    if (text !== '') {
      return {
        ok: false,
        message: 'old_string is empty, but the file already has content. Give the exact text to replace as old_string.',
      };
    }
    return { ok: true, text: newString, replacements: 1, indices: [0], oldText: '', newText: newString };
  }

  const indices = findOccurrences(text, oldString);
  if (indices.length === 0) return { ok: false, message: notFoundMessage(text, oldString, newString, options) };
  if (indices.length > 1 && !edit.replace_all) {
    return {
      ok: false,
      message: `Found ${indices.length} matches of old_string (${matchLines(text, indices)}), but replace_all is false. Include more surrounding context to make it unique, or set replace_all to true to replace every occurrence.`,
    };
  }
  // Slicing keeps new_string literal: String.replace would expand $&, $1 and $$ in it.
  const pieces: string[] = [];
  let copiedUpTo = 0;
  for (const index of indices) {
    pieces.push(text.slice(copiedUpTo, index), newString);
    copiedUpTo = index + oldString.length;
  }
  pieces.push(text.slice(copiedUpTo));
  return { ok: true, text: pieces.join(''), replacements: indices.length, indices, oldText: oldString, newText: newString };
}
