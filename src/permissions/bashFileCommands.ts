/**
 * The file-changing commands acceptEdits mode lets through (`mkdir touch rm rmdir mv cp sed`), as
 * data, and which of their words name files they create, change, read, or remove. Whether those
 * files are inside the working directories is decided by the caller.
 */
import { parseArguments, type OptionSpec } from './bashArguments.js';
import type { BashCommand } from './bashAnalysis.js';
import type { ShellWord } from './bashTokens.js';
import { isSafeSedScript } from './bashSedScript.js';

interface FileCommandSpec extends OptionSpec {
  /** Which operands disappear from where they were: they must be strictly inside a working directory. */
  removes: 'all' | 'allButLast' | 'none';
  /** Which operands are only read. */
  reads: 'allButLast' | 'none';
  /** Options that make it read whole directory trees. */
  recursiveOptions?: readonly string[];
}

const DIRECTORY_TARGET = ['-t', '--target-directory'];

export const ACCEPT_EDITS_COMMANDS: Readonly<Record<string, FileCommandSpec>> = {
  mkdir: { valueOptions: ['-m', '--mode', '--context'], removes: 'none', reads: 'none' },
  touch: { valueOptions: ['-d', '-t', '--date'], pathValueOptions: ['-r', '--reference'], removes: 'none', reads: 'none' },
  rm: { forbiddenOptions: ['--no-preserve-root'], removes: 'all', reads: 'none' },
  rmdir: { removes: 'all', reads: 'none' },
  mv: { valueOptions: ['-S', '--suffix'], pathValueOptions: DIRECTORY_TARGET, removes: 'allButLast', reads: 'none' },
  cp: {
    valueOptions: ['-S', '--suffix'],
    pathValueOptions: DIRECTORY_TARGET,
    removes: 'none',
    reads: 'allButLast',
    recursiveOptions: ['-r', '-R', '-a', '--recursive', '--archive'],
  },
  // -f reads a script file we cannot inspect; -e supplies scripts we can.
  sed: { valueOptions: ['-e', '--expression', '-l', '--line-length'], forbiddenOptions: ['-f', '--file'], removes: 'none', reads: 'none' },
};

export type FileEditVerdict =
  /** `recursive`: its reads take in whole directory trees (`cp -r`). Removals always do. */
  | { eligible: true; writes: ShellWord[]; removes: ShellWord[]; reads: ShellWord[]; recursive: boolean }
  | { eligible: false; reason: string };

/** Whether the command is one of acceptEdits' file commands at all, whatever its arguments. */
export function isFileEditCommand(command: BashCommand): boolean {
  const name = command.effective[0]?.value ?? '';
  return Object.hasOwn(ACCEPT_EDITS_COMMANDS, name);
}

export function judgeFileEdit(command: BashCommand): FileEditVerdict {
  const [first, ...args] = command.effective;
  if (first === undefined || first.hasExpansion || first.hasGlob || first.value.includes('/')) {
    return { eligible: false, reason: 'not a file command acceptEdits mode allows' };
  }
  const name = first.value;
  const spec = Object.hasOwn(ACCEPT_EDITS_COMMANDS, name) ? ACCEPT_EDITS_COMMANDS[name] : undefined;
  if (spec === undefined) return { eligible: false, reason: `\`${name}\` is not one of ${Object.keys(ACCEPT_EDITS_COMMANDS).join(' ')}` };

  // sed's -i takes an optional suffix glued to it, which getopt-style parsing would misread.
  const words = name === 'sed' ? args.filter((word) => !/^(-i|--in-place)/.test(word.value)) : args;
  const parsed = parseArguments(words, spec);
  if (parsed.forbidden !== undefined) return { eligible: false, reason: `\`${name} ${parsed.forbidden}\` is not allowed automatically` };
  const malformed = parsed.options.find((option) => !/^(-[A-Za-z0-9]|--[A-Za-z0-9][A-Za-z0-9-]*)$/.test(option));
  if (malformed !== undefined) return { eligible: false, reason: `unexpected option \`${malformed}\`` };

  let operands = parsed.operands;
  if (name === 'sed') {
    const scripts = parsed.values.filter((v) => v.option === '-e' || v.option === '--expression').map((v) => v.value);
    if (scripts.length === 0) {
      const [script, ...files] = operands;
      if (script === undefined) return { eligible: false, reason: 'sed without a script' };
      scripts.push(script);
      operands = files;
    }
    const unsafe = scripts.find((script) => script.hasExpansion || !isSafeSedScript(script.value));
    if (unsafe !== undefined) return { eligible: false, reason: `the sed script \`${unsafe.raw}\` may run programs or touch other files` };
  }

  const targetDirectory = parsed.values.some((v) => DIRECTORY_TARGET.includes(v.option));
  const removes = spec.removes === 'all' || (spec.removes === 'allButLast' && targetDirectory)
    ? operands
    : spec.removes === 'allButLast' ? operands.slice(0, -1) : [];
  const reads = spec.reads === 'allButLast' && !targetDirectory ? operands.slice(0, -1) : spec.reads === 'allButLast' ? operands : [];
  const writes = [...operands.filter((word) => !removes.includes(word) && !reads.includes(word)), ...parsed.pathValues];
  const recursive = parsed.options.some((option) => spec.recursiveOptions?.includes(option));
  return { eligible: true, writes, removes, reads, recursive };
}
