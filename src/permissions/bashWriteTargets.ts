/**
 * The files a shell command writes, as far as wright knows the command — used to keep Bash from
 * changing protected paths (`.git/`, `.env`, `~/.bashrc`) the file tools could not change without
 * asking. Wider than acceptEdits' file commands: it reads every known writer whatever its options,
 * because a command acceptEdits would refuse may still be let through by an allow rule or the sandbox.
 * Unknown programs may write anything; only the OS sandbox can hold those to account.
 */
import { parseArguments, type OptionSpec } from './bashArguments.js';
import type { BashCommand } from './bashAnalysis.js';
import type { ShellWord } from './bashTokens.js';
import { redirectWriteTarget } from './bashRedirects.js';
import { commandViews } from './bashCommandViews.js';
import { commandName } from './bashWrappers.js';

export interface WrittenWord {
  word: ShellWord;
  /** A directory the command copies or moves `source` into: the write lands at `word/<source name>`. */
  intoDirectoryFrom?: ShellWord;
}

interface WriterSpec extends OptionSpec {
  /** `operands`: every operand is written; `destination`: the last operand or the `-t` directory. */
  writes: 'operands' | 'destination' | 'moved';
}

const DESTINATION_OPTIONS = ['-t', '--target-directory'];

const WRITERS: Readonly<Record<string, WriterSpec>> = {
  tee: { writes: 'operands' },
  touch: { writes: 'operands', valueOptions: ['-d', '-t', '--date', '-r', '--reference'] },
  mkdir: { writes: 'operands', valueOptions: ['-m', '--mode', '--context'] },
  rm: { writes: 'operands' },
  rmdir: { writes: 'operands' },
  unlink: { writes: 'operands' },
  shred: { writes: 'operands', valueOptions: ['-n', '--iterations', '-s', '--size', '--random-source'] },
  truncate: { writes: 'operands', valueOptions: ['-s', '--size', '-r', '--reference'] },
  chmod: { writes: 'operands', valueOptions: ['--reference'] },
  chown: { writes: 'operands', valueOptions: ['--reference', '--from'] },
  chgrp: { writes: 'operands', valueOptions: ['--reference'] },
  cp: { writes: 'destination', valueOptions: ['-S', '--suffix'], pathValueOptions: DESTINATION_OPTIONS },
  install: { writes: 'destination', valueOptions: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix'], pathValueOptions: DESTINATION_OPTIONS },
  ln: { writes: 'destination', valueOptions: ['-S', '--suffix'], pathValueOptions: DESTINATION_OPTIONS },
  mv: { writes: 'moved', valueOptions: ['-S', '--suffix'], pathValueOptions: DESTINATION_OPTIONS },
  rsync: { writes: 'destination', valueOptions: ['-e', '--rsh', '--exclude', '--include', '--filter', '-f'] },
};

/** Every file the command writes, creates, removes or moves, through wrappers and launchers. */
export function bashWriteTargets(command: BashCommand): WrittenWord[] {
  const written: WrittenWord[] = [];
  for (const redirect of command.redirects) {
    const target = redirectWriteTarget(redirect);
    if (target !== undefined) written.push({ word: target });
  }
  for (const view of commandViews(command)) {
    const first = view.words[0];
    if (first === undefined || first.hasExpansion) continue;
    written.push(...writesOf(commandName(view.words), view.words.slice(1)));
  }
  return written;
}

function writesOf(name: string, args: ShellWord[]): WrittenWord[] {
  if (name === 'sed') return sedInPlaceFiles(args).map((word) => ({ word }));
  if (name === 'dd') return args.filter((word) => word.value.startsWith('of=')).map((word) => ({ word: afterPrefix(word, 'of=') }));
  if (name === 'curl') return optionValues(args, ['-o', '--output']).map((word) => ({ word }));
  if (name === 'wget') return optionValues(args, ['-O', '--output-document']).map((word) => ({ word }));
  const spec = Object.hasOwn(WRITERS, name) ? WRITERS[name] : undefined;
  if (spec === undefined) return [];
  const parsed = parseArguments(args, spec);
  if (spec.writes === 'operands') return parsed.operands.map((word) => ({ word }));
  const directory = parsed.pathValues[0];
  const sources = directory === undefined ? parsed.operands.slice(0, -1) : parsed.operands;
  const destination = directory ?? parsed.operands[parsed.operands.length - 1];
  const moved = spec.writes === 'moved' ? sources.map((word) => ({ word })) : [];
  if (destination === undefined) return moved;
  return [{ word: destination }, ...sources.map((source) => ({ word: destination, intoDirectoryFrom: source })), ...moved];
}

function sedInPlaceFiles(args: ShellWord[]): ShellWord[] {
  if (!args.some((word) => /^(-[A-Za-z]*i|--in-place)/.test(word.value))) return [];
  const words = args.filter((word) => !/^(-[A-Za-z]*i|--in-place)/.test(word.value));
  const parsed = parseArguments(words, { valueOptions: ['-e', '--expression', '-f', '--file', '-l', '--line-length'] });
  const scripted = parsed.values.some((v) => ['-e', '--expression', '-f', '--file'].includes(v.option));
  return scripted ? parsed.operands : parsed.operands.slice(1);
}

function optionValues(args: ShellWord[], options: readonly string[]): ShellWord[] {
  return parseArguments(args, { pathValueOptions: options }).pathValues;
}

function afterPrefix(word: ShellWord, prefix: string): ShellWord {
  const value = word.value.slice(prefix.length);
  return { ...word, raw: word.raw.startsWith(prefix) ? word.raw.slice(prefix.length) : value, value, startsWithTilde: value.startsWith('~') };
}
