/**
 * The commands the destructive-command guard knows, as data plus one small reader per family: which
 * words name what they delete, move, overwrite or re-own, and whether targets only known at run time
 * count (they do when the command is recursive or forced, or destroys by nature like `shred`).
 * `git reset --hard`, `git clean -f/-d/-x` and `mkfs` destroy work wherever they point, so they
 * always count.
 */
import { parseArguments } from './bashArguments.js';
import type { ShellWord } from './bashTokens.js';
import { commandName } from './bashWrappers.js';

export interface DestructiveUse {
  /** What it does to its targets, as a verb phrase: "deletes", "moves away". */
  verb: string;
  targets: ShellWord[];
  /** Targets only known when it runs (`"$DIR"`, `$(…)`, xargs input) count as possibly critical. */
  unknownTargetsCount: boolean;
  /** Set when it asks whatever its targets are. */
  always?: string;
  /** Words an allow rule must spell out for the rule to let this run (the targets are added). */
  triggers: ShellWord[];
  /** `find` with a name test: it deletes only matching files, so a working directory is fine. */
  filtered?: boolean;
  /** Writing raw data over a device (`of=/dev/sda`) destroys a disk. */
  devicesCritical?: boolean;
}

type Reader = (name: ShellWord, args: ShellWord[]) => DestructiveUse | undefined;

const RECURSIVE = ['-r', '-R', '--recursive'];
const FORCE = ['-f', '--force'];

/** An unquoted expansion may split into several words, options included (`X='-rf ~'; rm $X`). */
function mayInjectOptions(word: ShellWord): boolean {
  if (!word.hasExpansion) return false;
  let quote: string | undefined;
  for (let i = 0; i < word.raw.length; i++) {
    const char = word.raw[i];
    if (char === '\\' && quote !== "'") i++;
    else if (quote === undefined && (char === "'" || char === '"')) quote = char;
    else if (char === quote) quote = undefined;
    else if (quote === undefined && (char === '$' || char === '`')) return true;
  }
  return false;
}

const remove: Reader = (name, args) => {
  const parsed = parseArguments(args, {});
  const has = (options: readonly string[]) => parsed.options.some((option) => options.includes(option));
  const injected = args.some(mayInjectOptions);
  const noPreserve = parsed.options.includes('--no-preserve-root');
  return {
    verb: 'deletes',
    targets: parsed.operands,
    unknownTargetsCount: has(RECURSIVE) || has(FORCE) || injected,
    ...(noPreserve ? { always: '`--no-preserve-root` turns off rm\'s own refusal to delete `/`' } : {}),
    triggers: [name, ...(noPreserve ? args.filter((word) => word.value === '--no-preserve-root') : [])],
  };
};

const removeDirectory: Reader = (name, args) => ({
  verb: 'deletes',
  targets: parseArguments(args, { valueOptions: [] }).operands,
  unknownTargetsCount: args.some(mayInjectOptions),
  triggers: [name],
});

const move: Reader = (name, args) => {
  const parsed = parseArguments(args, { valueOptions: ['-S', '--suffix'], pathValueOptions: ['-t', '--target-directory'] });
  const intoDirectory = parsed.pathValues.length > 0;
  return {
    verb: 'moves away',
    targets: intoDirectory ? parsed.operands : parsed.operands.slice(0, -1),
    unknownTargetsCount: parsed.options.some((option) => FORCE.includes(option)) || args.some(mayInjectOptions),
    triggers: [name],
  };
};

/** chmod/chown/chgrp: only recursive use is guarded; the first operand is the mode or owner. */
const changeOwnership = (verb: string, ownerLike: RegExp): Reader => (name, args) => {
  const parsed = parseArguments(args, { valueOptions: ['--from'] });
  if (!parsed.options.some((option) => RECURSIVE.includes(option)) && !args.some(mayInjectOptions)) return undefined;
  const byReference = parsed.options.includes('--reference');
  const [first, ...rest] = parsed.operands;
  const skipFirst = !byReference && first !== undefined && ownerLike.test(first.value);
  return { verb, targets: skipFirst ? rest : parsed.operands, unknownTargetsCount: true, triggers: [name] };
};

const dd: Reader = (name, args) => {
  const outputs = args.filter((word) => word.value.startsWith('of='));
  if (outputs.length === 0) return undefined;
  // The raw text keeps `of=`: it is what a rule naming this command spells out.
  const targets = outputs.map((word) => ({ ...word, value: word.value.slice(3), startsWithTilde: word.value.startsWith('of=~') }));
  return { verb: 'overwrites', targets, unknownTargetsCount: true, triggers: [name], devicesCritical: true };
};

const shred: Reader = (name, args) => ({
  verb: 'destroys',
  targets: parseArguments(args, { valueOptions: ['-n', '--iterations', '-s', '--size', '--random-source'] }).operands,
  unknownTargetsCount: true,
  triggers: [name],
  devicesCritical: true,
});

const truncate: Reader = (name, args) => {
  const parsed = parseArguments(args, { valueOptions: ['-s', '--size', '-r', '--reference'] });
  return { verb: 'truncates', targets: parsed.operands, unknownTargetsCount: args.some(mayInjectOptions), triggers: [name] };
};

const format: Reader = (name) => ({
  verb: 'formats',
  targets: [],
  unknownTargetsCount: false,
  always: `\`${name.value}\` erases a whole file system`,
  triggers: [name],
});

/** Options of find that come before its starting points, and those taking a value. */
const FIND_LEADING = new Set(['-H', '-L', '-P']);
/** Tests that narrow what find matches by name; `-o`, `!` and friends can widen it again. */
const FIND_NAME_TESTS = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname']);
const FIND_WIDENERS = new Set(['-o', '-or', '!', '-not', ',']);
const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);
/** Programs that, run by `find -exec … {}`, delete or wreck each file found. */
const EXEC_DESTROYERS = new Set(['rm', 'rmdir', 'shred', 'unlink', 'truncate', 'mv']);

const find: Reader = (name, args) => {
  let i = 0;
  while (i < args.length) {
    const value = (args[i] as ShellWord).value;
    if (FIND_LEADING.has(value) || /^-O\d*$/.test(value)) i++;
    else if (value === '-D') i += 2;
    else break;
  }
  const starts: ShellWord[] = [];
  while (i < args.length && !/^[-(!),]/.test((args[i] as ShellWord).value)) starts.push(args[i++] as ShellWord);
  const expression = args.slice(i);
  const deleting = expression.filter((word, j) => word.value === '-delete' || (FIND_EXEC.has(word.value) && execDestroys(expression.slice(j + 1))));
  if (deleting.length === 0) return undefined;
  const values = expression.map((word) => word.value);
  const filtered = values.some((value, j) => FIND_NAME_TESTS.has(value) && !/^\*+$/.test(values[j + 1] ?? '*')) && !values.some((value) => FIND_WIDENERS.has(value));
  const targets = starts.length > 0 ? starts : [{ raw: '.', value: '.', hasExpansion: false, hasGlob: false, startsWithTilde: false }];
  return { verb: 'deletes files under', targets, unknownTargetsCount: true, triggers: [name, ...deleting], filtered };
};

function execDestroys(rest: readonly ShellWord[]): boolean {
  const end = rest.findIndex((word) => word.value === ';' || word.value === '+');
  const command = end === -1 ? rest : rest.slice(0, end);
  return EXEC_DESTROYERS.has(commandName(command)) && command.some((word) => word.value.includes('{}'));
}

/** git's global options that take a value as the next word. */
const GIT_VALUE_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env', '--exec-path']);

const git: Reader = (name, args) => {
  let i = 0;
  while (i < args.length && (args[i] as ShellWord).value.startsWith('-')) i += GIT_VALUE_OPTIONS.has((args[i] as ShellWord).value) ? 2 : 1;
  const subcommand = args[i];
  const rest = args.slice(i + 1);
  if (subcommand?.value === 'reset') {
    const hard = rest.filter((word) => word.value === '--hard');
    if (hard.length === 0) return undefined;
    return { verb: 'resets', targets: [], unknownTargetsCount: false, always: '`git reset --hard` throws away every uncommitted change in the repository', triggers: [name, subcommand, ...hard] };
  }
  if (subcommand?.value === 'clean') {
    const parsed = parseArguments(rest, { valueOptions: ['-e', '--exclude'] });
    if (parsed.options.some((option) => option === '-n' || option === '--dry-run')) return undefined;
    const destructive = rest.filter((word) => /^-[A-Za-z]*[fdxX]/.test(word.value) || word.value === '--force');
    if (destructive.length === 0) return undefined;
    return { verb: 'cleans', targets: [], unknownTargetsCount: false, always: '`git clean` deletes untracked files, which git cannot bring back', triggers: [name, subcommand, ...destructive] };
  }
  return undefined;
};

const READERS: Readonly<Record<string, Reader>> = {
  rm: remove,
  unlink: removeDirectory,
  rmdir: removeDirectory,
  mv: move,
  chmod: changeOwnership('changes the permissions of', /^([0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*)$/),
  chown: changeOwnership('changes the owner of', /^[A-Za-z0-9_.:-]+$/),
  chgrp: changeOwnership('changes the group of', /^[A-Za-z0-9_.-]+$/),
  dd,
  shred,
  truncate,
  find,
  git,
  mkfs: format,
  mke2fs: format,
  mkswap: format,
  wipefs: format,
};

/** How one command (wrappers already peeled) destroys, if it is one the guard knows. */
export function destructiveUse(words: readonly ShellWord[]): DestructiveUse | undefined {
  const first = words[0];
  if (first === undefined || first.hasExpansion) return undefined;
  const name = commandName(words);
  const reader = Object.hasOwn(READERS, name) ? READERS[name] : name.startsWith('mkfs.') ? format : undefined;
  return reader?.(first, words.slice(1));
}
