// Matchers as Claude Code reads them: `*`, `""` or none match everything; text made only of
// letters, digits, `_`, space, `-`, `|` and `,` is a list of exact names; anything else is an
// unanchored regular expression. Always case-sensitive.

export type CompiledMatcher = { kind: 'all' } | { kind: 'names'; names: ReadonlySet<string> } | { kind: 'pattern'; pattern: RegExp };

const NAME_LIST = /^[A-Za-z0-9_ \-|,]*$/;

export type MatcherResult = { ok: true; matcher: CompiledMatcher } | { ok: false; error: string };

export function compileMatcher(matcher: string | undefined): MatcherResult {
  if (matcher === undefined || matcher === '' || matcher === '*') return { ok: true, matcher: { kind: 'all' } };
  if (NAME_LIST.test(matcher)) {
    const names = matcher
      .split(/[|,]/)
      .map((name) => name.trim())
      .filter((name) => name !== '');
    return { ok: true, matcher: names.length === 0 ? { kind: 'all' } : { kind: 'names', names: new Set(names) } };
  }
  try {
    return { ok: true, matcher: { kind: 'pattern', pattern: new RegExp(matcher) } };
  } catch (error) {
    return { ok: false, error: `not a valid regular expression: ${(error as Error).message}` };
  }
}

/** `value` is the event's matcher field (tool name, source, trigger…); undefined when the event has none. */
export function matcherMatches(matcher: CompiledMatcher, value: string | undefined): boolean {
  if (matcher.kind === 'all' || value === undefined) return true;
  if (matcher.kind === 'names') return matcher.names.has(value);
  return matcher.pattern.test(value);
}
