// Bash's limits, each overridable by the environment variable Claude Code uses for it.

export const DEFAULT_BASH_TIMEOUT_MS = 120_000;
export const MAX_BASH_TIMEOUT_MS = 600_000;
export const DEFAULT_BASH_MAX_OUTPUT_CHARS = 30_000;

type Env = Record<string, string | undefined>;

export function positiveIntegerFrom(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

/** The requested timeout, or BASH_DEFAULT_TIMEOUT_MS, clamped to BASH_MAX_TIMEOUT_MS. */
export function bashTimeoutMs(requested: number | undefined, env: Env): number {
  const defaultTimeout = positiveIntegerFrom(env.BASH_DEFAULT_TIMEOUT_MS) ?? DEFAULT_BASH_TIMEOUT_MS;
  const maxTimeout = positiveIntegerFrom(env.BASH_MAX_TIMEOUT_MS) ?? MAX_BASH_TIMEOUT_MS;
  return Math.min(requested ?? defaultTimeout, maxTimeout);
}

/** Characters of output a result shows (BASH_MAX_OUTPUT_LENGTH); Bash and BashOutput share it. */
export function maxOutputChars(env: Env): number {
  return positiveIntegerFrom(env.BASH_MAX_OUTPUT_LENGTH) ?? DEFAULT_BASH_MAX_OUTPUT_CHARS;
}
