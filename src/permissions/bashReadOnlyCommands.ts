/**
 * Knowledge about read-only shell commands, as data. A command here runs without asking (inside the
 * working directories) unless it uses a forbidden option. `find` and `git` have their own evaluators
 * (bashReadOnly.ts, bashGitReadOnly.ts) because their grammar is not "options then operands".
 */
import type { OptionSpec } from './bashArguments.js';

/**
 * How a command uses its operands:
 *  - `paths`: every operand is a file or directory it reads;
 *  - `none`: operands are plain strings (echo's text, which's program names);
 *  - `patternThenPaths`: the first operand is a pattern unless a pattern option is given (grep -e).
 */
export type OperandUse = 'paths' | 'none' | 'patternThenPaths';

export interface ReadOnlyCommandSpec extends OptionSpec {
  operands: OperandUse;
  /** Options that supply the pattern, making every operand a path. */
  patternOptions?: readonly string[];
  /** More operands than this means writing (uniq's second operand is its output file). */
  maxOperands?: number;
  /** Options that make it read whole directory trees; `always` when it does so by default. */
  recursive?: { options: readonly string[] } | 'always';
}

const PATHS: ReadOnlyCommandSpec = { operands: 'paths' };
const STRINGS: ReadOnlyCommandSpec = { operands: 'none' };

export const READ_ONLY_COMMANDS: Readonly<Record<string, ReadOnlyCommandSpec>> = {
  ls: { operands: 'paths', valueOptions: ['-I', '-w', '-T', '--ignore', '--hide', '--width', '--tabsize'] },
  cat: PATHS,
  echo: STRINGS,
  pwd: STRINGS,
  head: { operands: 'paths', valueOptions: ['-n', '-c', '--lines', '--bytes'] },
  tail: { operands: 'paths', valueOptions: ['-n', '-c', '-s', '--lines', '--bytes', '--pid', '--sleep-interval'] },
  grep: {
    operands: 'patternThenPaths',
    recursive: { options: ['-r', '-R', '--recursive', '--dereference-recursive', '--directories'] },
    patternOptions: ['-e', '-f', '--regexp', '--file'],
    valueOptions: ['-e', '-A', '-B', '-C', '-m', '-d', '-D', '--regexp', '--context', '--max-count', '--label'],
    pathValueOptions: ['-f', '--file', '--exclude-from'],
  },
  rg: {
    operands: 'patternThenPaths',
    recursive: 'always',
    patternOptions: ['-e', '-f', '--regexp', '--file'],
    valueOptions: [
      '-e', '-g', '-t', '-T', '-m', '-A', '-B', '-C', '-j', '-M', '-E', '-r', '--regexp', '--glob', '--iglob',
      '--type', '--type-not', '--max-count', '--context', '--threads', '--max-columns', '--encoding', '--replace',
      '--sort', '--sortr', '--max-depth', '--max-filesize', '--type-add', '--colors',
    ],
    pathValueOptions: ['-f', '--file', '--ignore-file'],
    // --pre runs a preprocessor program; --hostname-bin runs a program to learn the host name.
    forbiddenOptions: ['--pre', '--hostname-bin'],
  },
  wc: { operands: 'paths', pathValueOptions: ['--files0-from'] },
  which: STRINGS,
  diff: { operands: 'paths', recursive: { options: ['-r', '--recursive'] }, valueOptions: ['-U', '-C', '-W', '--label', '--unified', '--context', '--width'] },
  stat: { operands: 'paths', valueOptions: ['-c', '-f', '--format', '--printf'] },
  du: { operands: 'paths', valueOptions: ['-d', '-B', '-t', '--max-depth', '--block-size', '--threshold', '--exclude'] },
  // -C compiles a magic file, writing `<name>.mgc`.
  file: { operands: 'paths', valueOptions: ['-m', '-F', '-e', '-P'], forbiddenOptions: ['-C', '--compile'] },
  tree: { operands: 'paths', valueOptions: ['-L', '-P', '-I', '-H', '-T', '--charset', '--filelimit'], forbiddenOptions: ['-o'] },
  cd: PATHS,
  true: STRINGS,
  false: STRINGS,
  date: { operands: 'none', valueOptions: ['-d', '-f', '-r', '-I', '--date', '--file', '--reference'], forbiddenOptions: ['-s', '--set'] },
  whoami: STRINGS,
  uname: STRINGS,
  basename: { operands: 'none', valueOptions: ['-s', '--suffix'] },
  dirname: STRINGS,
  realpath: { operands: 'paths', valueOptions: ['--relative-to', '--relative-base'] },
  sort: {
    operands: 'paths',
    valueOptions: ['-k', '-t', '-S', '-T', '--key', '--field-separator', '--buffer-size', '--temporary-directory', '--parallel'],
    pathValueOptions: ['--files0-from'],
    forbiddenOptions: ['-o', '--output', '--compress-program'],
  },
  uniq: { operands: 'paths', valueOptions: ['-f', '-s', '-w', '--skip-fields', '--skip-chars', '--check-chars'], maxOperands: 1 },
  cut: { operands: 'paths', valueOptions: ['-b', '-c', '-f', '-d', '--bytes', '--characters', '--fields', '--delimiter', '--output-delimiter'] },
  tr: STRINGS,
};

/** `find` actions that run programs, delete files or write files. */
export const FIND_FORBIDDEN_ACTIONS = new Set([
  '-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint', '-fprint0', '-fprintf', '-fls',
]);
