/**
 * Splits a command's arguments into options and operands the way getopt-style tools read them, so
 * evaluators can spot forbidden options (`sort -o out`) and find which words name files.
 */
import type { ShellWord } from './bashTokens.js';

export interface OptionSpec {
  /** Options that consume a value: the next word, `--opt=value`, or the rest of a short cluster. */
  valueOptions?: readonly string[];
  /** Value options whose value is a file the command opens. */
  pathValueOptions?: readonly string[];
  /** Options that make the command write, execute something, or otherwise change the system. */
  forbiddenOptions?: readonly string[];
}

export interface ParsedArguments {
  operands: ShellWord[];
  /** Values of `pathValueOptions`. */
  pathValues: ShellWord[];
  /** Every option value, with the option that took it. */
  values: Array<{ option: string; value: ShellWord }>;
  /** Every option as written before any `=` (`--output=x` → `--output`, `-rn` → `-r`, `-n`). */
  options: string[];
  /** The first forbidden option found, if any. */
  forbidden?: string;
}

export function parseArguments(args: readonly ShellWord[], spec: OptionSpec): ParsedArguments {
  const valueOptions = new Set([...(spec.valueOptions ?? []), ...(spec.pathValueOptions ?? [])]);
  const pathOptions = new Set(spec.pathValueOptions ?? []);
  const forbiddenOptions = new Set(spec.forbiddenOptions ?? []);
  const parsed: ParsedArguments = { operands: [], pathValues: [], values: [], options: [] };
  const seeOption = (option: string) => {
    parsed.options.push(option);
    if (parsed.forbidden === undefined && forbiddenOptions.has(option)) parsed.forbidden = option;
  };
  const takeValue = (option: string, value: ShellWord | undefined) => {
    if (value === undefined) return;
    parsed.values.push({ option, value });
    if (pathOptions.has(option)) parsed.pathValues.push(value);
  };

  for (let i = 0; i < args.length; i++) {
    const word = args[i] as ShellWord;
    const text = word.value;
    if (text === '--') {
      parsed.operands.push(...args.slice(i + 1));
      break;
    }
    if (!text.startsWith('-') || text === '-') {
      parsed.operands.push(word);
    } else if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const option = equals === -1 ? text : text.slice(0, equals);
      seeOption(option);
      if (equals !== -1) takeValue(option, derivedWord(word, text.slice(equals + 1)));
      else if (valueOptions.has(option)) takeValue(option, args[++i]);
    } else {
      for (let j = 1; j < text.length; j++) {
        const option = `-${text[j]}`;
        seeOption(option);
        if (!valueOptions.has(option)) continue;
        const rest = text.slice(j + 1);
        takeValue(option, rest === '' ? args[++i] : derivedWord(word, rest));
        break;
      }
    }
  }
  return parsed;
}

/** A word standing for part of another (`--file=~/x` → `~/x`), keeping what is known about expansion. */
export function derivedWord(from: ShellWord, value: string): ShellWord {
  return {
    raw: value,
    value,
    hasExpansion: from.hasExpansion,
    hasGlob: from.hasGlob,
    startsWithTilde: value.startsWith('~'),
  };
}
