/**
 * A small POSIX/bash lexer: enough to split a command line into words, control operators and
 * redirections without being fooled by quotes. It does not execute or expand anything; it records
 * where expansion would happen (`hasExpansion`, `hasGlob`) and collects the text of every command
 * that would run inside this one (`$(…)`, backticks, `<(…)`, `>(…)`) so callers can analyse it too.
 * Anything it cannot follow is reported in `issues` rather than guessed at.
 */
import { decodeAnsiCQuoted } from './bashAnsiCQuote.js';
import { readBacktickBody, readHeredocBody, skipBalancedParentheses } from './bashDelimitedText.js';
import { ISSUE, type ShellLexResult, type ShellOperator, type ShellRedirect, type ShellToken, type ShellWord } from './bashTokens.js';

export type { ShellLexResult, ShellOperator, ShellRedirect, ShellToken, ShellWord } from './bashTokens.js';
export { ISSUE } from './bashTokens.js';

// Longest first, so `&&` wins over `&` and `>>` over `>`.
const SYMBOLS = [
  '<<<', '<<-', '&>>', ';;&',
  '&&', '||', ';;', ';&', '|&', '<<', '>>', '>|', '<>', '<&', '>&', '&>',
  ';', '|', '&', '(', ')', '<', '>',
] as const;
const REDIRECT_SYMBOLS = new Set(['<<<', '<<-', '&>>', '<<', '>>', '>|', '<>', '<&', '>&', '&>', '<', '>']);
const MAX_NESTING = 16;

export function lexShell(source: string): ShellLexResult {
  const lexer = new Lexer(source, 0, false, 0);
  lexer.run();
  return { tokens: lexer.tokens, issues: [...lexer.issues], substitutions: lexer.substitutions };
}

interface WordBuilder {
  start: number;
  value: string;
  unquoted: string;
  quoted: boolean;
  hasExpansion: boolean;
}

class Lexer {
  pos: number;
  readonly tokens: ShellToken[] = [];
  readonly issues = new Set<string>();
  readonly substitutions: string[] = [];
  closed = false;
  private word: WordBuilder | undefined;
  private pendingRedirect: ShellRedirect | undefined;
  private pendingHeredocs: ShellRedirect[] = [];
  private parenDepth = 0;

  constructor(
    private readonly src: string,
    start: number,
    private readonly untilCloseParen: boolean,
    private readonly depth: number,
  ) {
    this.pos = start;
  }

  run(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const char = src[this.pos] as string;
      if (char === ' ' || char === '\t') {
        this.finishWord();
        this.pos++;
      } else if (char === '\n') {
        this.finishWord();
        this.pushOperator('\n');
        this.pos++;
        this.readHeredocBodies();
      } else if (char === '#' && this.word === undefined) {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else if (char === '\\') {
        this.backslash();
      } else if (char === "'") {
        this.singleQuoted();
      } else if (char === '"') {
        this.doubleQuoted(this.pos + 1);
      } else if (char === '$') {
        this.dollar(false);
      } else if (char === '`') {
        this.backtick();
      } else if ((char === '<' || char === '>') && src[this.pos + 1] === '(') {
        this.processSubstitution();
      } else if (!this.symbol()) {
        this.literal(char, false);
        this.pos++;
      }
      if (this.closed) return;
    }
    this.finishWord();
    if (this.pendingRedirect) this.issues.add(ISSUE.redirectWithoutTarget);
    if (this.parenDepth > 0) this.issues.add(ISSUE.unbalancedParentheses);
  }

  private symbol(): boolean {
    const symbol = SYMBOLS.find((s) => this.src.startsWith(s, this.pos));
    if (symbol === undefined) return false;
    if (REDIRECT_SYMBOLS.has(symbol)) {
      const word = this.word;
      const fdWord = word && !word.quoted && /^\d+$/.test(word.value) ? word.value : undefined;
      if (fdWord !== undefined) this.word = undefined;
      else this.finishWord();
      if (this.pendingRedirect) this.issues.add(ISSUE.redirectWithoutTarget);
      this.pendingRedirect = fdWord === undefined ? { operator: symbol } : { operator: symbol, fd: fdWord };
      this.pos += symbol.length;
      return true;
    }
    this.finishWord();
    if (symbol === ')' && this.parenDepth === 0) {
      if (this.untilCloseParen) {
        this.closed = true;
        return true;
      }
      this.issues.add(ISSUE.unbalancedParentheses);
    }
    if (symbol === '(') this.parenDepth++;
    if (symbol === ')' && this.parenDepth > 0) this.parenDepth--;
    this.pushOperator(symbol as ShellOperator);
    this.pos += symbol.length;
    return true;
  }

  private processSubstitution(): void {
    this.issues.add(ISSUE.processSubstitution);
    const word = this.ensureWord();
    word.hasExpansion = true;
    const start = this.pos;
    this.substitution(this.pos + 2);
    word.value += this.src.slice(start, this.pos);
  }

  private pushOperator(operator: ShellOperator): void {
    if (this.pendingRedirect) {
      this.issues.add(ISSUE.redirectWithoutTarget);
      this.pendingRedirect = undefined;
    }
    this.tokens.push({ kind: 'operator', operator });
  }

  private ensureWord(): WordBuilder {
    this.word ??= { start: this.pos, value: '', unquoted: '', quoted: false, hasExpansion: false };
    return this.word;
  }

  private literal(text: string, quoted: boolean): void {
    const word = this.ensureWord();
    word.value += text;
    if (quoted) word.quoted = true;
    else word.unquoted += text;
  }

  private finishWord(): void {
    const builder = this.word;
    if (builder === undefined) return;
    this.word = undefined;
    const raw = this.src.slice(builder.start, this.pos);
    const unquoted = builder.unquoted;
    const word: ShellWord = {
      raw,
      value: builder.value,
      hasExpansion: builder.hasExpansion,
      hasGlob: /[*?[]/.test(unquoted) || (/\{/.test(unquoted) && /\}/.test(unquoted) && /,|\.\./.test(unquoted)),
      startsWithTilde: raw.startsWith('~'),
    };
    const redirect = this.pendingRedirect;
    if (redirect === undefined) {
      this.tokens.push({ kind: 'word', word });
      return;
    }
    this.pendingRedirect = undefined;
    redirect.target = word;
    if (redirect.operator === '<<' || redirect.operator === '<<-') {
      this.issues.add(ISSUE.hereDocument);
      redirect.heredoc = { body: '', expands: !builder.quoted };
      this.pendingHeredocs.push(redirect);
    }
    this.tokens.push({ kind: 'redirect', redirect });
  }

  private backslash(): void {
    const next = this.src[this.pos + 1];
    if (next === '\n') {
      this.pos += 2;
      return;
    }
    this.literal(next ?? '\\', true);
    this.pos += next === undefined ? 1 : 2;
  }

  private singleQuoted(): void {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end === -1) {
      this.issues.add(ISSUE.unbalancedQuotes);
      this.literal(this.src.slice(this.pos + 1), true);
      this.pos = this.src.length;
      return;
    }
    this.literal(this.src.slice(this.pos + 1, end), true);
    this.pos = end + 1;
  }

  /** Scans from `start` (just after the opening quote) to the closing `"`. */
  private doubleQuoted(start: number): void {
    this.ensureWord().quoted = true;
    this.pos = start;
    const src = this.src;
    while (this.pos < src.length) {
      const char = src[this.pos] as string;
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\\') {
        const next = src[this.pos + 1];
        if (next === '\n') this.pos += 2;
        else if (next !== undefined && '$`"\\'.includes(next)) {
          this.literal(next, true);
          this.pos += 2;
        } else {
          this.literal('\\', true);
          this.pos++;
        }
      } else if (char === '$') {
        this.dollar(true);
      } else if (char === '`') {
        this.backtick();
      } else {
        this.literal(char, true);
        this.pos++;
      }
    }
    this.issues.add(ISSUE.unbalancedQuotes);
  }

  private dollar(inDoubleQuotes: boolean): void {
    const src = this.src;
    const next = src[this.pos + 1];
    const word = this.ensureWord();
    const start = this.pos;
    const valueBefore = word.value;
    if (next === '(') {
      this.issues.add(src[this.pos + 2] === '(' ? ISSUE.arithmeticExpansion : ISSUE.commandSubstitution);
      word.hasExpansion = true;
      this.substitution(this.pos + 2);
    } else if (next === '{') {
      word.hasExpansion = true;
      this.parameterExpansion();
    } else if (next === "'" && !inDoubleQuotes) {
      const decoded = decodeAnsiCQuoted(src, this.pos + 2);
      if (!decoded.closed) this.issues.add(ISSUE.unbalancedQuotes);
      this.literal(decoded.value, true);
      this.pos = decoded.end;
      return;
    } else if (next === '"' && !inDoubleQuotes) {
      this.doubleQuoted(this.pos + 2);
      return;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let end = this.pos + 2;
      while (end < src.length && /[A-Za-z0-9_]/.test(src[end] as string)) end++;
      word.hasExpansion = true;
      this.pos = end;
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      word.hasExpansion = true;
      this.pos += 2;
    } else {
      this.literal('$', inDoubleQuotes);
      this.pos++;
      return;
    }
    word.value = valueBefore + src.slice(start, this.pos);
  }

  /** `$(…)`, `<(…)`, `>(…)`: `start` is just after the `(`; leaves `pos` after the matching `)`. */
  private substitution(start: number): void {
    let end: number;
    let closed: boolean;
    if (this.depth >= MAX_NESTING) {
      this.issues.add(ISSUE.tooDeeplyNested);
      ({ end, closed } = skipBalancedParentheses(this.src, start));
    } else {
      const inner = new Lexer(this.src, start, true, this.depth + 1);
      inner.run();
      for (const issue of inner.issues) this.issues.add(issue);
      ({ pos: end, closed } = inner);
    }
    if (!closed) this.issues.add(ISSUE.unbalancedParentheses);
    this.substitutions.push(this.src.slice(start, end));
    this.pos = closed ? end + 1 : end;
  }

  private parameterExpansion(): void {
    const src = this.src;
    let depth = 0;
    while (this.pos < src.length) {
      const char = src[this.pos];
      if (char === '\\') this.pos += 2;
      else if (char === '$' && src[this.pos + 1] === '(') {
        this.issues.add(ISSUE.commandSubstitution);
        this.substitution(this.pos + 2);
      } else if (char === '`') {
        this.backtick();
      } else {
        if (char === '{') depth++;
        this.pos++;
        if (char === '}' && --depth === 0) return;
      }
    }
    this.issues.add(ISSUE.unbalancedQuotes);
  }

  private backtick(): void {
    this.issues.add(ISSUE.backtickSubstitution);
    const word = this.ensureWord();
    word.hasExpansion = true;
    const start = this.pos;
    const read = readBacktickBody(this.src, this.pos + 1);
    if (!read.closed) this.issues.add(ISSUE.unbalancedQuotes);
    this.substitutions.push(read.body);
    this.pos = read.end;
    word.value += this.src.slice(start, this.pos);
  }

  private readHeredocBodies(): void {
    for (const redirect of this.pendingHeredocs) {
      const read = readHeredocBody(this.src, this.pos, redirect.target?.value ?? '', redirect.operator === '<<-');
      this.pos = read.end;
      redirect.heredoc = { body: read.body, expands: redirect.heredoc?.expands ?? true };
      if (redirect.heredoc.expands) this.scanHeredocExpansions(read.body);
    }
    this.pendingHeredocs = [];
  }

  /** An unquoted delimiter means `$(…)` and backticks in the body run: collect them. */
  private scanHeredocExpansions(body: string): void {
    const inner = new Lexer(body, 0, false, this.depth + 1);
    while (inner.pos < body.length) {
      const char = body[inner.pos];
      if (char === '\\') inner.pos += 2;
      else if (char === '$') inner.dollar(true);
      else if (char === '`') inner.backtick();
      else inner.pos++;
    }
    for (const issue of inner.issues) this.issues.add(issue);
    this.substitutions.push(...inner.substitutions);
  }
}
