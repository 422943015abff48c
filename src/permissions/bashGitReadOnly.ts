/**
 * Which `git` invocations only read. Global options that inject configuration or point git at another
 * repository (`-c core.fsmonitor=…`, `--git-dir`, `--exec-path`) can make even `git status` run
 * programs, so only a known-harmless set is accepted; `-C dir` is accepted and its directory checked.
 */
import { parseArguments, type OptionSpec } from './bashArguments.js';
import type { ShellWord } from './bashTokens.js';
import type { ReadOnlyVerdict } from './bashReadOnly.js';

const GLOBAL_FLAGS = new Set([
  '--no-pager', '-P', '-p', '--paginate', '--no-optional-locks', '--literal-pathspecs', '--glob-pathspecs',
  '--noglob-pathspecs', '--icase-pathspecs', '--no-replace-objects',
]);

const HISTORY_VALUE_OPTIONS = [
  '-n', '--max-count', '--skip', '--author', '--committer', '--grep', '--since', '--until', '--after', '--before',
  '-S', '-G', '--format', '--pretty', '-U', '--unified', '--diff-filter', '--abbrev',
];
/** `--output` writes a file; `--ext-diff` runs the configured external diff program. */
const HISTORY_FORBIDDEN = ['--output', '--ext-diff'];

const SUBCOMMANDS: Readonly<Record<string, OptionSpec>> = {
  status: { valueOptions: ['-u', '--untracked-files', '--ignore-submodules'] },
  log: { valueOptions: HISTORY_VALUE_OPTIONS, forbiddenOptions: HISTORY_FORBIDDEN },
  show: { valueOptions: HISTORY_VALUE_OPTIONS, forbiddenOptions: HISTORY_FORBIDDEN },
  diff: { valueOptions: HISTORY_VALUE_OPTIONS, forbiddenOptions: HISTORY_FORBIDDEN },
  'rev-parse': {},
  'ls-files': { valueOptions: ['-x', '--exclude', '--format'], pathValueOptions: ['-X', '--exclude-from'] },
  blame: { valueOptions: ['-L', '-S', '--since', '--abbrev'], pathValueOptions: ['--contents'] },
};

const BRANCH_LISTING_FLAGS = new Set([
  '-a', '--all', '-r', '--remotes', '-l', '--list', '-v', '-vv', '--verbose', '--show-current', '--color',
  '--no-color', '--column', '--no-column', '--sort', '--format', '--contains', '--no-contains', '--merged',
  '--no-merged', '--points-at', '-i', '--ignore-case', '--omit-empty', '--abbrev', '--no-abbrev',
]);
const BRANCH_VALUE_OPTIONS = ['--sort', '--format', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at'];

export function judgeGit(args: readonly ShellWord[]): ReadOnlyVerdict {
  const reads: ShellWord[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const option = (args[i] as ShellWord).value;
    if (!option.startsWith('-')) break;
    if (option === '-C') {
      const directory = args[++i];
      if (directory === undefined) return notReadOnly('`git -C` needs a directory');
      reads.push(directory);
    } else if (!GLOBAL_FLAGS.has(option)) {
      return notReadOnly(`git option \`${option}\` can change what git runs or which repository it uses`);
    }
  }
  const subcommand = args[i]?.value;
  const rest = args.slice(i + 1);
  if (subcommand === undefined) return notReadOnly('`git` without a subcommand');
  if (subcommand === 'branch') return judgeBranch(rest, reads);
  if (subcommand === 'remote') {
    const listing = rest.length === 0 || (rest.length === 1 && ['-v', '--verbose'].includes(rest[0]?.value ?? ''));
    return listing ? { readOnly: true, reads } : notReadOnly('`git remote` changes remotes unless it only lists them (`git remote -v`)');
  }
  const spec = Object.hasOwn(SUBCOMMANDS, subcommand) ? SUBCOMMANDS[subcommand] : undefined;
  if (spec === undefined) return notReadOnly(`\`git ${subcommand}\` is not a read-only git command`);
  const parsed = parseArguments(rest, spec);
  if (parsed.forbidden !== undefined) return notReadOnly(`\`git ${subcommand} ${parsed.forbidden}\` writes files or runs programs`);
  // Revisions look like relative names and pass the working-directory check; real paths are checked.
  return { readOnly: true, reads: [...reads, ...parsed.operands, ...parsed.pathValues] };
}

function judgeBranch(args: readonly ShellWord[], reads: ShellWord[]): ReadOnlyVerdict {
  const parsed = parseArguments(args, { valueOptions: BRANCH_VALUE_OPTIONS });
  const unknown = parsed.options.find((option) => !BRANCH_LISTING_FLAGS.has(option));
  if (unknown !== undefined) return notReadOnly(`\`git branch ${unknown}\` changes branches`);
  const listing = parsed.options.includes('-l') || parsed.options.includes('--list');
  if (parsed.operands.length > 0 && !listing) return notReadOnly('`git branch <name>` creates a branch');
  return { readOnly: true, reads };
}

function notReadOnly(reason: string): ReadOnlyVerdict {
  return { readOnly: false, reason };
}
