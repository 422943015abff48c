/**
 * Decides whether one simple command only reads, and which files it reads. Checks, in order (the
 * first that says "no" decides):
 *   1. an output redirection to a file (`>`, `>>`, `&>`, `>|`, `<>`; not /dev/null or `2>&1`);
 *   2. assignments alone are read-only only if every one is safe (`PATH=…` is not);
 *   3. a program named by path (`./ls`, `/tmp/cat`) or by expansion is never in the set;
 *   4. one evaluator per family: `git` (bashGitReadOnly.ts), `find`, and the table in
 *      bashReadOnlyCommands.ts (forbidden options, operand limits).
 * Whether the files it reads are inside the working directories is the caller's question
 * (bashPolicy.ts).
 */
import { analyzeBashCommand, type BashCommand } from './bashAnalysis.js';
import { derivedWord, parseArguments } from './bashArguments.js';
import { judgeGit } from './bashGitReadOnly.js';
import type { ShellWord } from './bashTokens.js';
import { FIND_FORBIDDEN_ACTIONS, READ_ONLY_COMMANDS } from './bashReadOnlyCommands.js';
import { redirectReadTarget, redirectWriteTarget } from './bashRedirects.js';
import { isAssignment, isSafeAssignment } from './bashWrappers.js';

export type ReadOnlyVerdict =
  /** `recursiveReads`: directories whose every file it reads (`grep -r x dir`, `rg x`). */
  | { readOnly: true; reads: ShellWord[]; recursiveReads?: ShellWord[] }
  | { readOnly: false; reason: string };

/**
 * For the Bash tool's `isReadOnly`: every simple command is understood and read-only. Where the
 * files are is not considered here; the permission pipeline checks that separately.
 */
export function isReadOnlyBashCommand(command: string): boolean {
  const analysis = analyzeBashCommand(command);
  return analysis.unanalysable.length === 0 && analysis.commands.every((simple) => judgeReadOnly(simple).readOnly);
}

/**
 * With `ignoringRedirections`, output redirections do not count against the command: used where
 * their targets are judged separately as file writes (acceptEdits mode).
 */
export function judgeReadOnly(command: BashCommand, ignoringRedirections = false): ReadOnlyVerdict {
  const redirectReads: ShellWord[] = [];
  for (const redirect of command.redirects) {
    const written = redirectWriteTarget(redirect);
    if (written !== undefined && !ignoringRedirections) {
      return { readOnly: false, reason: `it writes to \`${written.raw}\` with \`${redirect.operator}\`` };
    }
    const read = redirectReadTarget(redirect);
    if (read !== undefined) redirectReads.push(read);
  }
  const verdict = judgeWords(command.effective);
  return verdict.readOnly ? { ...verdict, reads: [...verdict.reads, ...redirectReads] } : verdict;
}

function judgeWords(words: readonly ShellWord[]): ReadOnlyVerdict {
  const first = words[0];
  if (first === undefined) return { readOnly: true, reads: [] };
  if (isAssignment(first)) {
    const unsafe = words.find((word) => !isAssignment(word) || !isSafeAssignment(word));
    return unsafe === undefined
      ? { readOnly: true, reads: [] }
      : { readOnly: false, reason: `\`${unsafe.raw}\` changes how later commands run` };
  }
  // A path such as `./ls` or `/tmp/cat` is some other program that happens to share the name.
  if (first.hasExpansion || first.hasGlob || first.value.includes('/')) {
    return { readOnly: false, reason: `\`${first.raw}\` is not a known read-only command` };
  }
  const name = first.value;
  const args = words.slice(1);
  if (name === 'git') return judgeGit(args);
  if (name === 'find') return judgeFind(args);
  const spec = Object.hasOwn(READ_ONLY_COMMANDS, name) ? READ_ONLY_COMMANDS[name] : undefined;
  if (spec === undefined) {
    return { readOnly: false, reason: `\`${name}\` is not in the read-only command set` };
  }

  const parsed = parseArguments(args, spec);
  if (parsed.forbidden !== undefined) {
    return { readOnly: false, reason: `\`${name} ${parsed.forbidden}\` writes files or runs programs` };
  }
  if (spec.maxOperands !== undefined && parsed.operands.length > spec.maxOperands) {
    return { readOnly: false, reason: `\`${name}\` with ${parsed.operands.length} operands writes its last one` };
  }
  const paths: ShellWord[] = [];
  if (spec.operands === 'paths') paths.push(...parsed.operands);
  if (spec.operands === 'patternThenPaths') {
    const patternGiven = parsed.options.some((option) => spec.patternOptions?.includes(option));
    paths.push(...(patternGiven ? parsed.operands : parsed.operands.slice(1)));
  }
  const recursiveOptions = typeof spec.recursive === 'object' ? spec.recursive.options : [];
  const recursive = spec.recursive === 'always' || parsed.options.some((option) => recursiveOptions.includes(option));
  if (!recursive) return { readOnly: true, reads: [...parsed.pathValues, ...paths] };
  // Searching with no path searches the current directory.
  const trees = paths.length > 0 ? paths : [derivedWord(first, '.')];
  return { readOnly: true, reads: [...parsed.pathValues, ...trees], recursiveReads: trees };
}

/** `find [paths…] [expression]`: the paths come first; the expression must not act on files. */
function judgeFind(args: readonly ShellWord[]): ReadOnlyVerdict {
  let start = 0;
  // Leading options such as -H, -L, -P, -O3, -D debug come before the paths.
  while (start < args.length && /^-([HLP]|O\d*|D)$/.test(args[start]?.value ?? '')) {
    start += args[start]?.value === '-D' ? 2 : 1;
  }
  const reads: ShellWord[] = [];
  let i = start;
  for (; i < args.length; i++) {
    const value = (args[i] as ShellWord).value;
    if (value.startsWith('-') || value === '(' || value === '!' || value === ')') break;
    reads.push(args[i] as ShellWord);
  }
  for (; i < args.length; i++) {
    const value = (args[i] as ShellWord).value;
    if (FIND_FORBIDDEN_ACTIONS.has(value)) return { readOnly: false, reason: `\`find ${value}\` runs programs or changes files` };
  }
  return { readOnly: true, reads };
}
