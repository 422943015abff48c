/**
 * Command-rule wildcards: `*` matches any run of characters (spaces included), `\*` is a literal star,
 * and a trailing ` *` also matches nothing at all, so `ls *` covers `ls` and `ls -la` but not `lsof`,
 * while `ls*` covers `lsof` too. Matching is a linear-time two-pointer scan rather than a RegExp, so a
 * rule with many stars cannot make a 10,000-character command take exponential time.
 */
export interface WildcardPattern {
  /** The pattern text with runs of whitespace collapsed to one space. */
  source: string;
  matches(text: string): boolean;
}

type Token = { star: true } | { star: false; char: string };

export function compileWildcard(pattern: string): WildcardPattern {
  const source = pattern.trim().replace(/\s+/g, ' ');
  const tokens = tokenize(source);
  const last = tokens[tokens.length - 1];
  const beforeLast = tokens[tokens.length - 2];
  const optionalTail = last?.star === true && beforeLast?.star === false && beforeLast.char === ' ';
  const withoutTail = optionalTail ? tokens.slice(0, -2) : undefined;
  return {
    source,
    matches(text: string): boolean {
      return matchTokens(tokens, text) || (withoutTail !== undefined && matchTokens(withoutTail, text));
    },
  };
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\' && pattern[i + 1] === '*') {
      tokens.push({ star: false, char: '*' });
      i++;
    } else if (char === '*') {
      if (tokens[tokens.length - 1]?.star !== true) tokens.push({ star: true });
    } else {
      tokens.push({ star: false, char });
    }
  }
  return tokens;
}

function matchTokens(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let s = 0;
  let starToken = -1;
  let starText = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token !== undefined && !token.star && token.char === text[s]) {
      t++;
      s++;
    } else if (token?.star) {
      starToken = t;
      starText = s;
      t++;
    } else if (starToken !== -1) {
      t = starToken + 1;
      starText++;
      s = starText;
    } else {
      return false;
    }
  }
  while (tokens[t]?.star) t++;
  return t === tokens.length;
}
