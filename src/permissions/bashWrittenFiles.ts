/**
 * Commands outside acceptEdits' own set whose operands are files they write, so Edit deny rules and
 * protected paths also apply to them (`echo x | tee .env`, `truncate -s0 README.md`). They are never
 * read-only, so approval is needed anyway; this only makes sure a deny rule is not missed.
 */
import { derivedWord, parseArguments, type OptionSpec } from './bashArguments.js';
import type { BashCommand } from './bashAnalysis.js';
import type { ShellWord } from './bashTokens.js';

interface WriterSpec extends OptionSpec {
  /** Which operands are written: all of them, or only the last (the destination). */
  writes: 'all' | 'last' | 'allButFirst';
}

const WRITERS: Readonly<Record<string, WriterSpec>> = {
  tee: { writes: 'all' },
  truncate: { valueOptions: ['-s', '--size'], pathValueOptions: ['-r', '--reference'], writes: 'all' },
  shred: { valueOptions: ['-n', '--iterations', '-s', '--size', '--random-source'], writes: 'all' },
  ln: { valueOptions: ['-S', '--suffix'], pathValueOptions: ['-t', '--target-directory'], writes: 'last' },
  install: { valueOptions: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix'], pathValueOptions: ['-t', '--target-directory'], writes: 'last' },
  chmod: { valueOptions: ['--reference'], writes: 'allButFirst' },
  chown: { valueOptions: ['--reference', '--from'], writes: 'allButFirst' },
  chgrp: { valueOptions: ['--reference'], writes: 'allButFirst' },
};

/** Files the command writes that acceptEdits' file-command knowledge does not cover. */
export function filesWrittenBy(command: BashCommand): ShellWord[] {
  const [first, ...args] = command.effective;
  if (first === undefined) return [];
  const name = first.value.slice(first.value.lastIndexOf('/') + 1);
  if (name === 'dd') return args.filter((word) => word.value.startsWith('of=')).map((word) => derivedWord(word, word.value.slice(3)));
  const spec = Object.hasOwn(WRITERS, name) ? WRITERS[name] : undefined;
  if (spec === undefined) return [];
  const parsed = parseArguments(args, spec);
  // chmod -R / chown -R with a reference file take no mode operand.
  const hasReference = parsed.options.includes('--reference');
  const operands = spec.writes === 'last' ? parsed.operands.slice(-1) : spec.writes === 'allButFirst' && !hasReference ? parsed.operands.slice(1) : parsed.operands;
  const targets = parsed.values.filter((value) => value.option === '-t' || value.option === '--target-directory').map((value) => value.value);
  return [...operands, ...targets];
}
