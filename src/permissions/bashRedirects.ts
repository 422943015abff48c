/** Which redirections read or write files. Duplicating a descriptor (`2>&1`, `>&-`) touches no file. */
import type { ShellRedirect, ShellWord } from './bashTokens.js';

const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '<>', '>&']);
const READ_OPERATORS = new Set(['<', '<>']);
/** Devices that are not files anyone keeps: writing there changes nothing on disk. */
const HARMLESS_DEVICES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/fd/1', '/dev/fd/2']);

/** The file a redirection writes to, if it writes one. */
export function redirectWriteTarget(redirect: ShellRedirect): ShellWord | undefined {
  const target = redirect.target;
  if (target === undefined || !WRITE_OPERATORS.has(redirect.operator)) return undefined;
  if (redirect.operator === '>&' && /^(\d+|-)$/.test(target.value) && !target.hasExpansion) return undefined;
  if (!target.hasExpansion && !target.hasGlob && HARMLESS_DEVICES.has(target.value)) return undefined;
  return target;
}

/** The file a redirection reads from, if it reads one. */
export function redirectReadTarget(redirect: ShellRedirect): ShellWord | undefined {
  return READ_OPERATORS.has(redirect.operator) ? redirect.target : undefined;
}
