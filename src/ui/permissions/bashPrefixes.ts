/**
 * Which leading words of a command name "the same kind of command" for a `Bash(<prefix>:*)` rule, as
 * data. Only programs organised by subcommands get a prefix, and the prefix always includes the
 * subcommand (`npm run test`, `git push`, `make build`), never the program alone: `Bash(npm:*)`
 * would allow any script, install or publish. Subcommands and flags that throw work away or reach
 * other people (`git reset`, `docker rm`, `--force`) get no prefix: the caller falls back to the
 * exact command, so approving one force-push never approves the next.
 */
import type { ShellWord } from '../../permissions/bashTokens.js';

/** How many words after the program form the prefix, given the word right after it. */
type SubcommandDepth = (first: string) => number;

const one: SubcommandDepth = () => 1;
/** `<tool> run <script>` and friends name the script too; other subcommands stand alone. */
const runnerOf = (...runners: string[]): SubcommandDepth => (first) => (runners.includes(first) ? 2 : 1);

const PACKAGE_MANAGER = runnerOf('run', 'run-script', 'exec', 'dlx', 'x');
const DOCKER_GROUPS = ['compose', 'container', 'image', 'network', 'volume', 'buildx', 'builder', 'context', 'plugin', 'manifest', 'trust'];

const SUBCOMMAND_PROGRAMS: Readonly<Record<string, SubcommandDepth>> = {
  npm: PACKAGE_MANAGER,
  pnpm: PACKAGE_MANAGER,
  yarn: PACKAGE_MANAGER,
  bun: PACKAGE_MANAGER,
  npx: one,
  bunx: one,
  deno: runnerOf('task'),
  git: one,
  cargo: one,
  go: one,
  docker: runnerOf(...DOCKER_GROUPS),
  podman: runnerOf(...DOCKER_GROUPS),
  kubectl: one,
  helm: one,
  terraform: one,
  gh: () => 2,
  pip: one,
  pip3: one,
  uv: runnerOf('run', 'pip', 'tool'),
  poetry: runnerOf('run'),
  pipenv: runnerOf('run'),
  bundle: runnerOf('exec'),
  rake: one,
  make: one,
  just: one,
  dotnet: one,
  mvn: one,
  gradle: one,
  './gradlew': one,
  swift: one,
  flutter: one,
  mix: one,
  composer: runnerOf('run', 'run-script'),
};

/** Interpreters whose `-m <module>` runs a tool much as a subcommand would. */
const MODULE_RUNNERS = new Set(['python', 'python3', 'py']);

/** Words that, as a subcommand, delete, discard, publish or kill: never a prefix. */
const DESTRUCTIVE_SUBCOMMANDS = new Set([
  'rm', 'rmi', 'delete', 'destroy', 'remove', 'uninstall', 'unpublish', 'publish', 'prune', 'purge', 'kill', 'reset',
  'clean', 'drop', 'yank', 'restore', 'checkout', 'filter-branch', 'filter-repo', 'update-ref', 'reflog', 'gc',
  'drain', 'replace', 'system',
]);

/** Flags that make an otherwise everyday subcommand destructive, for every program here. */
const FORCE_FLAGS = new Set(['--force', '--force-with-lease', '--force-if-includes', '--hard', '--delete', '--mirror', '--prune']);
/** Short flags that mean "force" only for some programs (`-f` is a file for kubectl, docker, make). */
const SHORT_FORCE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  git: ['-f', '-D'],
  npm: ['-f'],
  pnpm: ['-f'],
  yarn: ['-f'],
  bun: ['-f'],
};

/** A word that means the same typed as it is written: no quotes, escapes, expansions or globs. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function isPlain(word: ShellWord | undefined): word is ShellWord {
  return word !== undefined && !word.hasExpansion && !word.hasGlob && word.raw === word.value && PLAIN_WORD.test(word.raw);
}

/**
 * The prefix words for a `Bash(<prefix>:*)` rule, or undefined when the command should only be
 * allowed exactly as written. `words` are the effective words (safe assignments and wrappers gone).
 */
export function commandPrefix(words: readonly ShellWord[]): string[] | undefined {
  const program = words[0];
  if (!isPlain(program)) return undefined;
  const name = program.value;
  const shortForce = Object.hasOwn(SHORT_FORCE_FLAGS, name) ? (SHORT_FORCE_FLAGS[name] as readonly string[]) : [];
  if (words.some((word) => FORCE_FLAGS.has(word.value) || shortForce.includes(word.value))) return undefined;

  let length: number;
  if (MODULE_RUNNERS.has(name)) {
    if (words[1]?.value !== '-m') return undefined;
    length = 3;
  } else {
    const depth = Object.hasOwn(SUBCOMMAND_PROGRAMS, name) ? SUBCOMMAND_PROGRAMS[name] : undefined;
    const first = words[1];
    if (depth === undefined || !isPlain(first)) return undefined;
    length = 1 + depth(first.value);
  }
  const prefix = words.slice(0, length);
  if (prefix.length < length || !prefix.every(isPlain)) return undefined;
  const subcommands = prefix.slice(1).filter((word) => word.value !== '-m');
  if (subcommands.some((word) => word.value.startsWith('-') || DESTRUCTIVE_SUBCOMMANDS.has(word.value))) return undefined;
  return prefix.map((word) => word.value);
}
