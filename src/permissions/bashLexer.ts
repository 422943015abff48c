/**
 * A small POSIX/bash lexer: enough to split a command line into words, control operators and
 * redirections without being fooled by quotes. It does not execute or expand anything; it records
 * where expansion would happen (`hasExpansion`, `hasGlob`) and collects the text of every command
 * that would run inside this one (`$(…)`, backticks, `<(…)`, `>(…)`) so callers can analyse it too.
 * Anything it cannot follow is reported in `issues` rather than guessed at.
 */
import { decodeAnsiCQuoted } from './bashAnsiCQuote.js';

export interface ShellWord {
  /** The word as written, quotes included. */
  raw: string;
  /** After quote removal and escape processing; expansions are left as written. */
  value: string;
  /** Contains a parameter, arithmetic or command expansion (unquoted or in double quotes). */
  hasExpansion: boolean;
  /** Contains an unquoted glob (`* ? [`) or brace expansion, so it may become several paths. */
  hasGlob: boolean;
  /** Starts with an unquoted `~`. */
  startsWithTilde: boolean;
}

export interface ShellRedirect {
  operator: string;
  /** Explicit file descriptor written before the operator (`2>`), if any. */
  fd?: string;
  /** The word after the operator; for a here-document, its delimiter. */
  target?: ShellWord;
  heredoc?: { body: string; expands: boolean };
}

export type ShellOperator = '&&' | '||' | ';' | ';;' | ';&' | ';;&' | '|' | '|&' | '&' | '(' | ')' | '\n';

export type ShellToken =
  | { kind: 'word'; word: ShellWord }
  | { kind: 'operator'; operator: ShellOperator }
  | { kind: 'redirect'; redirect: ShellRedirect };

export interface ShellLexResult {
  tokens: ShellToken[];
  /** Constructs found that a simple-command analysis cannot reason about (deduplicated). */
  issues: string[];
  /** Text of commands that run inside this one: `$(…)`, backticks, `<(…)`, `>(…)`. */
  substitutions: string[];
}

export const ISSUE = {
  commandSubstitution: 'command substitution $(…)',
  backtickSubstitution: 'command substitution `…`',
  processSubstitution: 'process substitution <(…) or >(…)',
  arithmeticExpansion: 'arithmetic expansion $((…))',
  unbalancedQuotes: 'unbalanced quotes',
  unbalancedParentheses: 'unbalanced parentheses',
  hereDocument: 'here-document',
  redirectWithoutTarget: 'redirection without a target',
  tooDeeplyNested: 'substitutions nested too deeply',
} as const;

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
    const src = this.src;
    const start = this.pos;
    let body = '';
    let i = this.pos + 1;
    for (; i < src.length && src[i] !== '`'; i++) {
      const next = src[i + 1];
      if (src[i] === '\\' && next !== undefined && '\\`$'.includes(next)) {
        body += next;
        i++;
      } else body += src[i];
    }
    if (i >= src.length) this.issues.add(ISSUE.unbalancedQuotes);
    this.substitutions.push(body);
    this.pos = Math.min(i + 1, src.length);
    word.value += src.slice(start, this.pos);
  }

  private readHeredocBodies(): void {
    for (const redirect of this.pendingHeredocs) {
      const delimiter = redirect.target?.value ?? '';
      const stripTabs = redirect.operator === '<<-';
      const lines: string[] = [];
      while (this.pos < this.src.length) {
        let lineEnd = this.src.indexOf('\n', this.pos);
        if (lineEnd === -1) lineEnd = this.src.length;
        const line = this.src.slice(this.pos, lineEnd);
        this.pos = Math.min(lineEnd + 1, this.src.length);
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
        lines.push(line);
      }
      const body = lines.join('\n');
      redirect.heredoc = { body, expands: redirect.heredoc?.expands ?? true };
      if (redirect.heredoc.expands) this.scanHeredocExpansions(body);
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

function skipBalancedParentheses(src: string, start: number): { end: number; closed: boolean } {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    if (src[i] === '(') depth++;
    if (src[i] === ')' && depth-- === 0) return { end: i, closed: true };
  }
  return { end: src.length, closed: false };
}
