/**
 * The one interface the permission pipeline uses to understand a Bash command line, backed by
 * tree-sitter-bash (bashParser.ts). Principles:
 *  - `commands` are the simple commands of the line, including those inside subshells, `{ … }`
 *    groups and the bodies of `if`, loops and `case`; allow rules and the read-only set judge each one.
 *  - `unanalysable` lists every construct we could not fully follow (and parse errors); any entry
 *    means no allow rule and no read-only shortcut may apply (a bare `Bash` allow rule still does:
 *    it allows everything). Before the parser is loaded every command is unanalysable.
 *  - `allCommands` and `commandLines` also include what runs *inside*: `$(…)`, backticks, `<(…)`,
 *    `bash -c '…'`, `eval …`, here-documents fed to a shell, `find -exec …`, and string arguments of
 *    launchers such as `sudo` and `watch`, so deny and ask rules see them.
 *  - `hidden` lists places where something would run whose text we cannot see at all (`$CMD args`,
 *    `curl … | sh`, `eval "$X"`); deny rules cannot be checked there, so the pipeline asks instead.
 */
import { initBashParser, parseBash } from './bashParser.js';
import { readSimpleCommands, type BashSimpleCommand } from './bashSimpleCommands.js';
import { scanSubstitutions } from './bashSubstitutions.js';
import { ISSUE, type ShellWord } from './bashTokens.js';
import { commandName, denyViews, isAssignment, isFullyViewed, stripSafePrefixes } from './bashWrappers.js';

export { initBashParser };

export const MAX_ANALYSABLE_LENGTH = 10_000;
const MAX_PAYLOAD_DEPTH = 4;
const MAX_EMBEDDED_COMMANDS = 256;

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);
/** Shell options whose value is the next word, so it is not mistaken for a script name. */
const SHELL_VALUE_OPTIONS = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);
const DIRECTORY_CHANGERS = new Set(['cd', 'pushd', 'popd']);
const FIND_EXEC_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

export interface BashCommand extends BashSimpleCommand {
  /** The words after safe leading assignments and wrappers: what allow rules and the read-only set judge. */
  effective: ShellWord[];
}

export interface BashAnalysis {
  command: string;
  commands: BashCommand[];
  unanalysable: string[];
  hidden: string[];
  /** The whole command line and the text of every nested payload. */
  commandLines: string[];
  /** Every simple command that could run, nested ones included. */
  allCommands: BashCommand[];
}

export function analyzeBashCommand(command: string): BashAnalysis {
  return analyze(command, 0);
}

function analyze(command: string, depth: number): BashAnalysis {
  const unanalysable = new Set<string>();
  const hidden = new Set<string>();
  if (command.length > MAX_ANALYSABLE_LENGTH) unanalysable.add(`longer than ${MAX_ANALYSABLE_LENGTH} characters`);

  const tree = parseBash(command);
  if (tree === undefined) {
    unanalysable.add(ISSUE.parserNotReady);
    hidden.add(ISSUE.parserNotReady);
    return { command, commands: [], unanalysable: [...unanalysable], hidden: [...hidden], commandLines: [command], allCommands: [] };
  }
  const scan = scanSubstitutions(command, tree);
  const split = readSimpleCommands(command, tree);
  for (const issue of [...scan.issues, ...split.issues]) {
    unanalysable.add(issue);
    // Where the parse may be wrong, deny rules cannot be sure to see what runs.
    if (isParseDoubt(issue)) hidden.add(issue);
  }
  for (const simple of split.commands) {
    // Following `cd` from one command to the next (bashFacts.ts) assumes it stays in effect.
    if (split.nested.has(simple) && DIRECTORY_CHANGERS.has(commandName(stripSafePrefixes(simple.words)))) {
      unanalysable.add(ISSUE.directoryChangeInScope);
    }
  }

  const commands = split.commands.map(withEffectiveWords);
  const allCommands = [...commands];
  const payloads = [...scan.payloads];
  // Embedded commands (`find -exec sh -c …`) are appended as they are found and inspected in turn.
  const limit = commands.length + MAX_EMBEDDED_COMMANDS;
  for (let i = 0; i < allCommands.length; i++) {
    if (i >= limit) {
      hidden.add('too many embedded commands to inspect');
      break;
    }
    const found = findPayloads(allCommands[i] as BashCommand);
    for (const reason of found.unanalysable) unanalysable.add(reason);
    for (const reason of found.hidden) hidden.add(reason);
    payloads.push(...found.payloads);
    allCommands.push(...found.embedded.map(withEffectiveWords));
  }

  const commandLines = [command];
  for (const payload of new Set(payloads)) {
    if (depth >= MAX_PAYLOAD_DEPTH) {
      hidden.add('commands nested too deeply to inspect');
      continue;
    }
    const nested = analyze(payload, depth + 1);
    commandLines.push(...nested.commandLines);
    allCommands.push(...nested.allCommands);
    for (const reason of nested.hidden) hidden.add(reason);
  }
  return { command, commands, unanalysable: [...unanalysable], hidden: [...hidden], commandLines, allCommands };
}

function isParseDoubt(issue: string): boolean {
  return issue.startsWith(ISSUE.couldNotParse(undefined)) || issue === ISSUE.hereDocumentMismatch;
}

function withEffectiveWords(simple: BashSimpleCommand): BashCommand {
  return { ...simple, effective: stripSafePrefixes(simple.words) };
}

interface FoundPayloads {
  payloads: string[];
  embedded: BashSimpleCommand[];
  unanalysable: string[];
  hidden: string[];
}

function findPayloads(simple: BashSimpleCommand): FoundPayloads {
  const found: FoundPayloads = { payloads: [], embedded: [], unanalysable: [], hidden: [] };
  const views = denyViews(simple.words);
  if (!isFullyViewed(views)) found.hidden.push('too many nested launchers to inspect');
  for (const view of views) {
    const start = view.words.findIndex((word) => !isAssignment(word));
    const first = view.words[start];
    if (first === undefined) continue;
    if (view.viaLauncher && /[\s;&|]/.test(first.value)) {
      // A launcher's string argument (`watch "…"`, `su -c "…"`) may be a command line: scan it too.
      found.payloads.push(first.value);
      continue;
    }
    if (first.hasExpansion || first.hasGlob) {
      if (view.viaLauncher) continue;
      found.unanalysable.push('the command name comes from an expansion');
      found.hidden.push(`the command name \`${first.raw}\` is only known when it runs`);
      continue;
    }
    const name = commandName(view.words.slice(start));
    const args = view.words.slice(start + 1);
    if (SHELLS.has(name)) shellPayload(name, args, simple, found);
    else if (name === 'eval') {
      found.unanalysable.push('eval');
      if (args.some((word) => word.hasExpansion)) found.hidden.push('eval of text only known when it runs');
      found.payloads.push(args.map((word) => word.value).join(' '));
    } else if (name === 'source' || name === '.') {
      if (args[0]?.hasExpansion) found.hidden.push(`${name} of a file only known when it runs`);
    } else if (name === 'find') {
      found.embedded.push(...findExecCommands(args));
    } else {
      found.payloads.push(...storedCommandStrings(name, args));
    }
  }
  return found;
}

function shellPayload(name: string, args: readonly ShellWord[], simple: BashSimpleCommand, found: FoundPayloads): void {
  let readsStdin = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as ShellWord;
    const option = word.value;
    if (SHELL_VALUE_OPTIONS.has(option)) {
      i++;
      continue;
    }
    if (option === '--' || !/^[-+]/.test(option)) {
      if (readsStdin) break;
      // A script file is like any other program: its contents are not ours to inspect, unless the
      // "file" is generated on this very line (`bash <(curl …)`).
      if (word.hasExpansion) found.hidden.push(`${name} runs a script only known when it runs`);
      return;
    }
    if (option.startsWith('--')) continue;
    if (option.slice(1).includes('s')) readsStdin = true;
    if (option.slice(1).includes('c')) {
      const payload = args.slice(i + 1).find((next) => !/^[-+]/.test(next.value));
      found.unanalysable.push(`${name} -c`);
      if (payload === undefined) return;
      if (payload.hasExpansion) found.hidden.push(`${name} -c with a command only known when it runs`);
      found.payloads.push(payload.value);
      return;
    }
  }
  found.unanalysable.push(`${name} reading commands from standard input`);
  const fed = simple.redirects.filter((r) => r.heredoc !== undefined || r.operator === '<<<');
  if (fed.length === 0) {
    found.hidden.push(`${name} runs commands from standard input`);
    return;
  }
  for (const redirect of fed) found.payloads.push(redirect.heredoc?.body ?? redirect.target?.value ?? '');
}

/**
 * Command strings that run later: alias bodies (run once aliases are expanded), trap handlers, and
 * git configuration given with `-c` (pagers, editors, `alias.x=!cmd`, ssh commands all run).
 */
function storedCommandStrings(name: string, args: readonly ShellWord[]): string[] {
  const afterEquals = (word: ShellWord) => word.value.slice(word.value.indexOf('=') + 1);
  if (name === 'alias') return args.filter((word) => word.value.includes('=')).map(afterEquals);
  if (name === 'trap') {
    const handler = args.find((word) => !word.value.startsWith('-'));
    return handler === undefined ? [] : [handler.value];
  }
  if (name === 'git') {
    return args.flatMap((word, i) => (args[i - 1]?.value === '-c' && word.value.includes('=') ? [afterEquals(word).replace(/^!/, '')] : []));
  }
  return [];
}

/** `find … -exec cmd {} ;` runs `cmd` once per file. */
function findExecCommands(args: readonly ShellWord[]): BashSimpleCommand[] {
  const embedded: BashSimpleCommand[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!FIND_EXEC_ACTIONS.has((args[i] as ShellWord).value)) continue;
    let end = i + 1;
    while (end < args.length && args[end]?.value !== ';' && args[end]?.value !== '+') end++;
    embedded.push({ words: args.slice(i + 1, end), redirects: [], joinedBy: undefined });
    i = end;
  }
  return embedded;
}
