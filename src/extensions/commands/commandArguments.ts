// What a custom command does with the text after its name: `$ARGUMENTS` is that text as typed,
// `$1`…`$9` its words (1-based, as Claude Code's 2025 docs; split like a shell: quotes group words
// and are removed, a backslash escapes the next character), and `$ARGUMENTS[N]` word N counted from
// 0, Claude Code's later indexed form (so `$ARGUMENTS[0]` is `$1`). A missing positional argument
// becomes empty. When the body uses no placeholder at all, the arguments are appended as `ARGUMENTS: …`.

/** Words of `raw` as a POSIX shell would split them (no expansion of any kind). */
export function splitArguments(raw: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && index + 1 < raw.length && '"\\$`'.includes(raw[index + 1]!)) current += raw[++index];
      else current += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === '"' || char === "'") quote = char;
    else if (char === '\\' && index + 1 < raw.length) current += raw[++index];
    else current += char;
  }
  // An unclosed quote runs to the end, as far as it goes: better than dropping the word.
  if (inWord) words.push(current);
  return words;
}

const PLACEHOLDER = /\$ARGUMENTS\[(\d+)\]|\$ARGUMENTS\b|\$([1-9])(?![0-9])/g;

/** True when `text` has a `$ARGUMENTS`, `$ARGUMENTS[N]` or `$1`…`$9` placeholder. */
export function hasArgumentPlaceholder(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}

/** Replaces the placeholders in `text` with the arguments (`raw` as typed). */
export function substituteArguments(text: string, raw: string): string {
  const words = splitArguments(raw);
  const all = raw.trim();
  return text.replace(PLACEHOLDER, (_match, index: string | undefined, position: string | undefined) => {
    if (index !== undefined) return words[Number(index)] ?? '';
    return position === undefined ? all : (words[Number(position) - 1] ?? '');
  });
}
