/**
 * Matching `Bash(specifier)` rules against an analysed command.
 *  - Allow: judged per simple command, on its effective words (safe assignments and wrappers removed),
 *    as written; the quote-free spelling is also tried when it means the same argv.
 *  - Deny and ask: any spelling of anything that could run matches — the whole line, each nested
 *    payload, and every deny view of every simple command (as written, unquoted, and with the program
 *    name stripped of its directory).
 */
import type { BashAnalysis, BashCommand } from './bashAnalysis.js';
import type { ShellWord } from './bashTokens.js';
import { commandName, denyViews } from './bashWrappers.js';
import { compileWildcard, type WildcardPattern } from './wildcardPattern.js';

/** `npm run test:*` (the legacy prefix form, recognised only at the end) means `npm run test *`. */
export function compileBashPattern(specifier: string): WildcardPattern {
  const trimmed = specifier.trim();
  return compileWildcard(trimmed.endsWith(':*') ? `${trimmed.slice(0, -2)} *` : trimmed);
}

/** Words whose unquoted value could be retyped without quotes and mean the same thing. */
const PLAIN_VALUE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function allowTextsFor(command: BashCommand): string[] {
  const words = command.effective;
  const asWritten = words.map((word) => word.raw).join(' ');
  const texts = [asWritten];
  if (words.every((word) => !word.hasExpansion && !word.hasGlob && PLAIN_VALUE.test(word.value))) {
    texts.push(words.map((word) => word.value).join(' '));
  }
  return texts;
}

export function bashCommandMatchesAllow(command: BashCommand, pattern: WildcardPattern): boolean {
  return allowTextsFor(command).some((text) => pattern.matches(text));
}

/** Every text a deny or ask rule is tried against; computed once per analysis. */
export function denyTextsFor(analysis: BashAnalysis): string[] {
  const texts = new Set<string>();
  for (const line of analysis.commandLines) texts.add(line.trim().replace(/\s+/g, ' '));
  for (const command of analysis.allCommands) {
    for (const view of denyViews(command.words)) {
      texts.add(joinRaw(view.words));
      texts.add(joinValues(view.words));
      texts.add([commandName(view.words), ...view.words.slice(1).map((word) => word.value)].join(' '));
    }
  }
  texts.delete('');
  return [...texts];
}

function joinRaw(words: readonly ShellWord[]): string {
  return words.map((word) => word.raw).join(' ');
}

function joinValues(words: readonly ShellWord[]): string {
  return words.map((word) => word.value).join(' ');
}
