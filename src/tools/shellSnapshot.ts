import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, delimiter, isAbsolute } from 'node:path';
import { groupIsAlive, killGroup, terminateGroup } from './processGroup.js';
import { shellQuote } from './shellQuote.js';
import { findShell } from './shellProcess.js';

// Each command runs in a fresh non-interactive bash, which reads no startup files. To give it what the
// user's own shell would have (aliases, functions, PATH additions from ~/.profile or ~/.bashrc), we run
// the user's shell once per session as an interactive login shell, dump that state to a file, and
// every command sources the file first.

export const DEFAULT_SNAPSHOT_TIMEOUT_MS = 5000;

export type SnapshotOutcome = { file: string } | { note: string };

export interface SnapshotOptions {
  env: Record<string, string>;
  cwd: string;
  /** Where the snapshot and its scratch files go (the session's temp directory). */
  file: string;
  timeoutMs: number;
}

/** False when WRIGHT_SHELL_SNAPSHOT turns the snapshot off (0, false, off, no). */
export function snapshotEnabled(env: Record<string, string | undefined>): boolean {
  return !/^(0|false|off|no)$/i.test(env.WRIGHT_SHELL_SNAPSHOT?.trim() ?? '');
}

interface UserShell {
  path: string;
  kind: 'bash' | 'zsh';
}

/** $SHELL when it is an existing bash or zsh, else bash. */
export function userShell(env: Record<string, string | undefined>): UserShell {
  const configured = env.SHELL;
  if (configured && isAbsolute(configured) && existsSync(configured)) {
    const name = basename(configured);
    if (name === 'bash' || name === 'zsh') return { path: configured, kind: name };
  }
  return { path: findShell(env), kind: 'bash' };
}

// Login shells read ~/.bash_profile, ~/.bash_login or ~/.profile, not ~/.bashrc; most profiles source it,
// so it is sourced here only when the profile bash picked does not mention it.
const BASH_RC = `__wright_rc=1
for __wright_f in "$HOME/.bash_profile" "$HOME/.bash_login" "$HOME/.profile"; do
  if [ -f "$__wright_f" ]; then grep -q bashrc "$__wright_f" 2>/dev/null && __wright_rc=; break; fi
done
if [ -n "$__wright_rc" ] && [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc" </dev/null >/dev/null 2>&1; fi`;

// Options worth carrying over because they change how commands (and the captured functions) parse or glob.
const BASH_OPTIONS = 'extglob globstar nullglob dotglob nocaseglob failglob nocasematch globasciiranges';

const BASH_DUMP = `${BASH_RC}
unset HISTFILE
__wright_out=$WRIGHT_SNAPSHOT_FILE
shopt -p ${BASH_OPTIONS} >| "$__wright_out.options" 2>/dev/null
declare -F | while read -r _ _ __wright_name; do
  case $__wright_name in _*|command_not_found_handle) ;; *) declare -f "$__wright_name" ;; esac
done >| "$__wright_out.functions"
alias -p >| "$__wright_out.aliases"
printf '%s' "$PATH" >| "$__wright_out.path"
echo done >| "$__wright_out.done"`;

const ZSH_DUMP = `unset HISTFILE
__wright_out=$WRIGHT_SNAPSHOT_FILE
: >| "$__wright_out.options"
for __wright_name in \${(k)functions}; do
  case $__wright_name in _*|prompt_*) ;; *) functions -- "$__wright_name" ;; esac
done >| "$__wright_out.functions"
alias -rL >| "$__wright_out.aliases"
print -rn -- "$PATH" >| "$__wright_out.path"
echo done >| "$__wright_out.done"`;

const PARTS = ['options', 'functions', 'aliases'] as const;
const SCRATCH = [...PARTS, 'path', 'done'];

/** Runs the user's shell and writes the snapshot; a note instead when that fails or takes too long. */
export async function createShellSnapshot(options: SnapshotOptions): Promise<SnapshotOutcome> {
  const shell = userShell(options.env);
  try {
    const ran = await runLoginShell(shell, options);
    if (ran !== 'ok') return { note: snapshotNote(ran) };
    const read = (part: string) => readFile(`${options.file}.${part}`, 'utf8').catch(() => undefined);
    if ((await read('done')) === undefined) return { note: snapshotNote('the startup files ended the shell early') };
    const kept: string[] = [];
    for (const part of PARTS) {
      const raw = await read(part);
      const text = part === 'aliases' && raw !== undefined ? withoutPromptingAliases(raw) : raw;
      if (text && (await bashAccepts(text, options))) kept.push(text.trimEnd());
    }
    const path = mergedPath(options.env.PATH, (await read('path')) ?? '');
    const body = ['shopt -s expand_aliases', ...kept, `export PATH=${shellQuote(path)}`].join('\n');
    await writeFile(options.file, `# wright shell snapshot (${shell.path})\n${body}\n`, { mode: 0o600 });
    return { file: options.file };
  } catch (error) {
    return { note: snapshotNote((error as Error).message) };
  } finally {
    await Promise.all(SCRATCH.map((part) => rm(`${options.file}.${part}`, { force: true })));
  }
}

/**
 * `alias rm='rm -i'` and its kind would make every rm, cp or mv ask a question nobody can answer (the
 * command's stdin is empty, which means "no").
 */
export function withoutPromptingAliases(aliases: string): string {
  return aliases
    .split('\n')
    .filter((line) => !/^alias (-- )?(rm|cp|mv|ln)=/.test(line))
    .join('\n');
}

function snapshotNote(reason: string): string {
  return `Note: could not capture your shell's startup environment (${reason}); commands run without its aliases and functions.`;
}

type LoginShellOutcome = 'ok' | string;

function runLoginShell(shell: UserShell, options: SnapshotOptions): Promise<LoginShellOutcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    const child = spawn(shell.path, ['-l', '-i', '-c', shell.kind === 'zsh' ? ZSH_DUMP : BASH_DUMP], {
      cwd: options.cwd,
      env: { ...options.env, WRIGHT_SNAPSHOT_FILE: options.file },
      // Its own session: no controlling terminal to fight over, and one group to kill.
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const timer = setTimeout(() => {
      timedOut = true;
      void terminateGroup(child.pid, exited, 500).then(() => resolve(`timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`could not start ${shell.path}: ${error.message}`);
    });
    child.on('exit', () => {
      if (timedOut) return;
      clearTimeout(timer);
      // Whatever the startup files left running in the background is not ours to keep.
      if (groupIsAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
      resolve('ok');
    });
  });
}

/** Whether bash can parse `text` (zsh function syntax, for one, often is not bash syntax). */
function bashAccepts(text: string, options: SnapshotOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(findShell(options.env), ['-n', '-O', 'extglob', '-c', `shopt -s expand_aliases\n${text}`], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/**
 * The PATH wright was started with comes first (an activated virtualenv, a version manager); the
 * login shell only adds directories it lacks, since system profiles often reset PATH outright.
 */
export function mergedPath(inherited: string | undefined, login: string): string {
  const first = (inherited ?? '').split(delimiter).filter(Boolean);
  const seen = new Set(first);
  const added = login.split(delimiter).filter((dir) => dir !== '' && !seen.has(dir) && (seen.add(dir), true));
  return [...first, ...added].join(delimiter);
}
