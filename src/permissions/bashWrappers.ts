/**
 * What runs "through" a command. Two views, on purpose:
 *  - For allow rules and the read-only set, only assignments and wrappers that cannot change which
 *    program runs are stripped (`NODE_ENV=test npm test` and `env NODE_ENV=test npm test` → `npm test`,
 *    `timeout 5 ls` → `ls`), and only when their options are understood.
 *  - For deny and ask rules, stripping is generous: every assignment goes, and after any launcher
 *    (`sudo`, `env`, `xargs`, …) every later word may start the real command, so
 *    `sudo -u root rm -rf /` and `env -i rm -rf /` are both seen as `rm -rf /`.
 */
import type { ShellWord } from './bashTokens.js';

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Variables that choose which program runs, or inject code or config into the one that does. */
const UNSAFE_VARIABLES = new Set([
  'PATH', 'IFS', 'ENV', 'BASH_ENV', 'SHELLOPTS', 'BASHOPTS', 'PS4', 'PROMPT_COMMAND', 'CDPATH', 'GLOBIGNORE',
  'HOME', 'ZDOTDIR', 'XDG_CONFIG_HOME', 'PAGER', 'MANPAGER', 'EDITOR', 'VISUAL', 'BROWSER', 'LESSOPEN',
  'LESSCLOSE', 'NODE_OPTIONS', 'NODE_PATH', 'PYTHONSTARTUP', 'PYTHONPATH', 'PYTHONHOME', 'PERL5OPT',
  'PERL5LIB', 'PERLLIB', 'RUBYOPT', 'RUBYLIB', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'GCONV_PATH',
  'HOSTALIASES', 'TMPDIR',
]);
const UNSAFE_VARIABLE_PREFIXES = ['LD_', 'DYLD_', 'GIT_', 'BASH_FUNC_', 'NPM_CONFIG_', 'npm_config_', 'SSH_'];

interface WrapperSpec {
  /** Options whose value is the next word (also accepted as `--opt=value` or `-oVALUE`). */
  valueOptions: readonly string[];
  flagOptions: readonly string[];
  /** Any option matching this stands alone (`nice -5`). */
  flagPattern?: RegExp;
  /** Words after the options that belong to the wrapper, not the command (timeout's duration). */
  operands: readonly RegExp[];
}

const DURATION = /^\d+(\.\d+)?[smhd]?$/;

/** Wrappers that run their arguments unchanged: safe to look through for allow rules. */
const SAFE_WRAPPERS: Record<string, WrapperSpec> = {
  timeout: {
    valueOptions: ['-s', '--signal', '-k', '--kill-after'],
    flagOptions: ['--preserve-status', '--foreground', '-v', '--verbose'],
    operands: [DURATION],
  },
  time: { valueOptions: [], flagOptions: ['-p'], operands: [] },
  nice: { valueOptions: ['-n', '--adjustment'], flagOptions: [], flagPattern: /^-\d+$/, operands: [] },
  nohup: { valueOptions: [], flagOptions: [], operands: [] },
  stdbuf: { valueOptions: ['-i', '-o', '-e', '--input', '--output', '--error'], flagOptions: [], operands: [] },
  command: { valueOptions: [], flagOptions: ['-p'], operands: [] },
  builtin: { valueOptions: [], flagOptions: [], operands: [] },
  noglob: { valueOptions: [], flagOptions: [], operands: [] },
};

/** Commands that run another command given in their arguments (deny/ask view only). */
const LAUNCHERS = new Set([
  ...Object.keys(SAFE_WRAPPERS),
  'sudo', 'doas', 'su', 'runuser', 'env', 'exec', 'xargs', 'parallel', 'setsid', 'ionice', 'chrt', 'taskset',
  'flock', 'watch', 'unbuffer', 'strace', 'ltrace', 'caffeinate', 'chroot', 'fakeroot', 'firejail',
  'proxychains', 'proxychains4', 'torsocks', 'busybox', 'script', 'systemd-run', 'nsenter', 'unshare',
  'bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'ssh',
]);
/** How many non-option words after a launcher may start the real command. */
const LAUNCHER_REACH = 8;
/** Past this many views of one command we stop looking and report the command as not fully seen. */
export const MAX_DENY_VIEWS = 256;

export function isAssignment(word: ShellWord): boolean {
  return ASSIGNMENT.test(word.raw);
}

export function isSafeAssignment(word: ShellWord): boolean {
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.raw)?.[0] ?? '';
  if (UNSAFE_VARIABLES.has(name) || UNSAFE_VARIABLE_PREFIXES.some((prefix) => name.startsWith(prefix))) return false;
  return !word.hasExpansion;
}

/** The command allow rules and the read-only set judge: safe assignments and wrappers removed. */
export function stripSafePrefixes(words: readonly ShellWord[]): ShellWord[] {
  let rest = words.slice();
  for (;;) {
    let start = 0;
    while (start < rest.length && isAssignment(rest[start] as ShellWord) && isSafeAssignment(rest[start] as ShellWord)) {
      start++;
    }
    // A line of nothing but assignments keeps them: it changes the shell, and is judged as such.
    if (start === rest.length) return rest;
    rest = rest.slice(start);
    const unwrapped = stripSafeWrapper(rest);
    if (unwrapped === undefined) return rest;
    rest = unwrapped;
  }
}

function stripSafeWrapper(words: readonly ShellWord[]): ShellWord[] | undefined {
  const name = words[0]?.value ?? '';
  if (name === 'env' && !words[0]?.hasExpansion) return stripEnv(words);
  const spec = Object.hasOwn(SAFE_WRAPPERS, name) ? SAFE_WRAPPERS[name] : undefined;
  if (spec === undefined || words[0]?.hasExpansion) return undefined;
  let i = 1;
  while (i < words.length) {
    const option = (words[i] as ShellWord).value;
    if (!option.startsWith('-') || option === '-') break;
    if (option === '--') {
      i++;
      break;
    }
    const takesValue = spec.valueOptions.includes(option);
    const attachedValue = spec.valueOptions.some(
      (name) => (name.startsWith('--') ? option.startsWith(`${name}=`) : option.startsWith(name) && option.length > name.length),
    );
    if (takesValue) i += 2;
    else if (attachedValue || spec.flagOptions.includes(option) || spec.flagPattern?.test(option)) i++;
    else return undefined;
  }
  for (const operand of spec.operands) {
    if (i >= words.length || !operand.test((words[i] as ShellWord).value)) return undefined;
    i++;
  }
  return i < words.length ? words.slice(i) : undefined;
}

/**
 * `env NAME=value … command`: like leading assignments, safe when every one is. Options (`-i`,
 * `-u`, `-S`) change what runs or how it is found, so with any of them nothing is stripped.
 */
function stripEnv(words: readonly ShellWord[]): ShellWord[] | undefined {
  let i = 1;
  if (words[i]?.value === '--') i++;
  while (i < words.length && isAssignment(words[i] as ShellWord)) {
    if (!isSafeAssignment(words[i] as ShellWord)) return undefined;
    i++;
  }
  const next = words[i];
  if (next === undefined || next.value.startsWith('-')) return undefined;
  return words.slice(i);
}

export interface DenyView {
  words: ShellWord[];
  /** True when this view starts somewhere inside a launcher's arguments. */
  viaLauncher: boolean;
}

/**
 * Every word sequence deny/ask rules should be tried against for one simple command. Launchers
 * nest (`sudo nice env … rm`), so every view that starts with a launcher is opened up in turn;
 * a worklist rather than recursion keeps thousands of nested launchers from exhausting the stack.
 * At most about `MAX_DENY_VIEWS` views are produced; `isFullyViewed` tells whether that was enough.
 */
export function denyViews(words: readonly ShellWord[]): DenyView[] {
  const views: DenyView[] = [];
  const seen = new Set<string>();
  const pending: DenyView[] = [{ words: words.slice(), viaLauncher: false }];
  const add = (view: ShellWord[], viaLauncher: boolean): boolean => {
    const key = view.map((w) => w.raw).join('\u0000');
    if (view.length === 0 || seen.has(key)) return false;
    seen.add(key);
    views.push({ words: view, viaLauncher });
    return true;
  };
  for (let next = pending.pop(); next !== undefined && views.length < MAX_DENY_VIEWS; next = pending.pop()) {
    const { words: view, viaLauncher } = next;
    add(view, viaLauncher);
    const withoutAssignments = dropLeadingAssignments(view);
    add(withoutAssignments, viaLauncher);
    add(stripSafePrefixes(withoutAssignments), viaLauncher);
    if (!LAUNCHERS.has(commandName(withoutAssignments))) continue;
    let reach = 0;
    for (let i = 1; i < withoutAssignments.length && reach < LAUNCHER_REACH; i++) {
      const word = withoutAssignments[i] as ShellWord;
      if (word.value.startsWith('-') || isAssignment(word)) continue;
      reach++;
      const suffix = withoutAssignments.slice(i);
      if (!seen.has(suffix.map((w) => w.raw).join('\u0000'))) pending.push({ words: suffix, viaLauncher: true });
    }
  }
  return views;
}

export function isFullyViewed(views: readonly DenyView[]): boolean {
  return views.length < MAX_DENY_VIEWS;
}

function dropLeadingAssignments(words: readonly ShellWord[]): ShellWord[] {
  let start = 0;
  while (start < words.length && isAssignment(words[start] as ShellWord)) start++;
  return words.slice(start);
}

/** The program name, without a directory: `/usr/bin/rm` and `\rm` are both `rm`. */
export function commandName(words: readonly ShellWord[]): string {
  const value = words[0]?.value ?? '';
  return value.slice(value.lastIndexOf('/') + 1);
}
