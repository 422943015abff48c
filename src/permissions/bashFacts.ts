/**
 * Per simple command: the directory it runs in (following `cd` through the line), whether it only
 * reads, whether acceptEdits may run it, and every file path it names, resolved. `cd` is followed
 * the way bash does by default (logically), and after anything that may move the shell elsewhere in
 * ways we cannot follow (`cd $X`, `pushd`, `source`), the directory becomes unknown, so later
 * relative paths count as unknown too.
 */
import type { BashAnalysis, BashCommand } from './bashAnalysis.js';
import { parseArguments } from './bashArguments.js';
import { judgeFileEdit, type FileEditVerdict } from './bashFileCommands.js';
import { filesWrittenBy } from './bashWrittenFiles.js';
import type { ShellWord } from './bashTokens.js';
import { judgeReadOnly, type ReadOnlyVerdict } from './bashReadOnly.js';
import { redirectReadTarget, redirectWriteTarget } from './bashRedirects.js';
import { resolvePolicyPath, type ResolvedPath } from './pathResolution.js';

export interface BashPath {
  word: ShellWord;
  /** Undefined when only known at run time (`$X`, `~user`, a relative path after `cd $X`). */
  resolved: ResolvedPath | undefined;
  /** A glob: `resolved` is the directory its matches are in. */
  glob: boolean;
}

export interface BashCommandFacts {
  command: BashCommand;
  /** Undefined when unknown. */
  cwd: string | undefined;
  readOnly: ReadOnlyVerdict;
  /** Read-only apart from output redirections (whose targets are in `redirectWrites`). */
  readOnlyBesidesRedirections: boolean;
  fileEdit: FileEditVerdict;
  /** Paths it reads, as far as the read-only and file-command knowledge tells. */
  reads: BashPath[];
  /** Paths it creates or changes, redirection targets included. */
  writes: BashPath[];
  /** Paths it deletes or moves away, with everything below them. */
  removes: BashPath[];
  /** Directories whose whole contents it reads (also listed in `reads`). */
  recursiveReads: BashPath[];
  /** Files its output redirections write (also listed in `writes`). */
  redirectWrites: BashPath[];
}

const DIRECTORY_CHANGERS = new Set(['pushd', 'popd', 'source', '.']);

/** Facts for the top-level commands, following `cd` from one to the next. */
export function collectBashFacts(analysis: BashAnalysis, startCwd: string, home: string): BashCommandFacts[] {
  let cwd: string | undefined = startCwd;
  let after: string | undefined = startCwd;
  return analysis.commands.map((command) => {
    // Only `&&` proves the previous command (a `cd`) succeeded; after `;`, `||` or a newline a failed
    // `cd` leaves the shell where it was, and in a pipeline or background job it changes nothing here.
    if (command.joinedBy !== undefined && command.joinedBy !== '&&' && after !== cwd) cwd = undefined;
    else cwd = after;
    const facts = factsFor(command, cwd, home);
    after = directoryAfter(command, cwd, home);
    return facts;
  });
}

/** Facts for commands nested in payloads, judged from the starting directory (for deny checks only). */
export function collectNestedBashFacts(analysis: BashAnalysis, startCwd: string, home: string): BashCommandFacts[] {
  return analysis.allCommands.slice(analysis.commands.length).map((command) => factsFor(command, startCwd, home));
}

function factsFor(command: BashCommand, cwd: string | undefined, home: string): BashCommandFacts {
  const resolve = (word: ShellWord) => resolveWord(word, cwd, home);
  const readOnly = judgeReadOnly(command);
  const besidesRedirections = readOnly.readOnly ? readOnly : judgeReadOnly(command, true);
  const fileEdit = judgeFileEdit(command);
  const reads: ShellWord[] = [];
  const writes: ShellWord[] = [];
  const removes: ShellWord[] = [];
  const redirectWrites: ShellWord[] = [];
  const recursiveReads: ShellWord[] = [];
  if (besidesRedirections.readOnly) {
    reads.push(...besidesRedirections.reads);
    recursiveReads.push(...(besidesRedirections.recursiveReads ?? []));
  }
  writes.push(...filesWrittenBy(command));
  if (fileEdit.eligible) {
    reads.push(...fileEdit.reads);
    if (fileEdit.recursive) recursiveReads.push(...fileEdit.reads);
    writes.push(...fileEdit.writes);
    removes.push(...fileEdit.removes);
  }
  for (const redirect of command.redirects) {
    const written = redirectWriteTarget(redirect);
    if (written !== undefined) redirectWrites.push(written);
    const read = redirectReadTarget(redirect);
    if (read !== undefined && !besidesRedirections.readOnly) reads.push(read);
  }
  return {
    command,
    cwd,
    readOnly,
    readOnlyBesidesRedirections: besidesRedirections.readOnly,
    fileEdit,
    reads: unique(reads).map(resolve),
    writes: unique([...writes, ...redirectWrites]).map(resolve),
    removes: unique(removes).map(resolve),
    redirectWrites: unique(redirectWrites).map(resolve),
    recursiveReads: unique(recursiveReads).map(resolve),
  };
}

function directoryAfter(command: BashCommand, cwd: string | undefined, home: string): string | undefined {
  const [first, ...args] = command.effective;
  const name = first?.value;
  if (name !== undefined && DIRECTORY_CHANGERS.has(name)) return undefined;
  if (name !== 'cd') return cwd;
  const operands = parseArguments(args, {}).operands;
  if (operands.length === 0) return home;
  const target = operands.length === 1 ? resolveWord(operands[0] as ShellWord, cwd, home) : undefined;
  if (target?.resolved === undefined || target.glob || operands[0]?.value === '-') return undefined;
  return target.resolved.lexical;
}

export function resolveWord(word: ShellWord, cwd: string | undefined, home: string): BashPath {
  if (word.hasExpansion) return { word, resolved: undefined, glob: false };
  let value = word.value;
  if (word.startsWithTilde) {
    if (value !== '~' && !value.startsWith('~/')) return { word, resolved: undefined, glob: false };
    value = value === '~' ? home : `${home}/${value.slice(2)}`;
  }
  if (cwd === undefined && !value.startsWith('/')) return { word, resolved: undefined, glob: false };
  const base = cwd ?? '/';
  if (!word.hasGlob) return { word, resolved: resolvePolicyPath(value, base, home), glob: false };
  const firstGlob = value.search(/[*?[{]/);
  const staticDirectory = value.slice(0, value.lastIndexOf('/', firstGlob) + 1);
  const globPart = value.slice(staticDirectory.length);
  // Brace alternatives can name any path (`{a,/etc/passwd}`), and a glob segment starting with `.`
  // can match `..` in older bash: in both cases the matches may lie outside the static directory.
  if (globPart.includes('{') || globPart.split('/').some((segment) => segment.startsWith('.'))) {
    return { word, resolved: undefined, glob: true };
  }
  return { word, resolved: resolvePolicyPath(staticDirectory === '' ? '.' : staticDirectory, base, home), glob: true };
}

function unique(words: readonly ShellWord[]): ShellWord[] {
  return [...new Set(words)];
}
