import { normalizeLineEndings } from './textFileCodec.js';

export interface StringEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean | undefined;
}

export type EditOutcome =
  | { ok: true; text: string; replacements: number; firstIndex: number; insertedText: string }
  | { ok: false; message: string };

export function countOccurrences(text: string, needle: string): number {
  if (needle === '') return 0;
  let count = 0;
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) count++;
  return count;
}

/** A `cat -n` prefix copied from Read output is the most common reason an exact match fails. */
const READ_LINE_PREFIX = /^ *\d+\t/m;

function notFoundMessage(oldString: string): string {
  const hint = READ_LINE_PREFIX.test(oldString)
    ? ' It looks like old_string includes line-number prefixes from Read output; remove them and keep only the file text.'
    : ' Read the file again and copy the text exactly, including whitespace and indentation.';
  return `String to replace not found in file (old_string must match exactly).${hint}`;
}

/**
 * Applies one exact-match replacement to LF-normalised text. No fuzzy matching: when the text is
 * not found exactly, the model is told so and has to look again.
 */
export function applyStringEdit(text: string, edit: StringEdit): EditOutcome {
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
    return { ok: true, text: newString, replacements: 1, firstIndex: 0, insertedText: newString };
  }

  const occurrences = countOccurrences(text, oldString);
  if (occurrences === 0) return { ok: false, message: notFoundMessage(oldString) };
  if (occurrences > 1 && !edit.replace_all) {
    return {
      ok: false,
      message: `Found ${occurrences} matches of old_string, but replace_all is false. Include more surrounding context to make it unique, or set replace_all to true to replace every occurrence.`,
    };
  }
  const firstIndex = text.indexOf(oldString);
  const updated = edit.replace_all
    ? text.split(oldString).join(newString)
    : text.slice(0, firstIndex) + newString + text.slice(firstIndex + oldString.length);
  return { ok: true, text: updated, replacements: occurrences, firstIndex, insertedText: newString };
}
