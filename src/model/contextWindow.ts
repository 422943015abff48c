// How many tokens a model's context window holds, for the UI's "context used" figure and /context.
// Unknown models get the common 200k; a WRIGHT_CONTEXT_WINDOW setting in the environment wins.

const WINDOWS: ReadonlyArray<[RegExp, number]> = [
  [/^claude-/, 200_000],
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-5/, 400_000],
  [/^gpt-4o/, 128_000],
  [/^o[134]/, 200_000],
];

export const DEFAULT_CONTEXT_WINDOW = 200_000;

export function contextWindowOf(model: string, env: Record<string, string | undefined> = {}): number {
  const configured = Number(env.WRIGHT_CONTEXT_WINDOW);
  if (Number.isInteger(configured) && configured > 0) return configured;
  return WINDOWS.find(([pattern]) => pattern.test(model))?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}
