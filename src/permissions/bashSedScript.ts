/**
 * Whether a sed script only edits text. GNU sed can run programs (`e`, the `s///e` flag) and write or
 * read arbitrary files (`w`, `W`, `r`, `R`, the `s///w` flag), so in acceptEdits mode a script is
 * accepted only when it parses completely using commands that cannot do those things.
 */
const PLAIN_COMMANDS = new Set(['p', 'P', 'd', 'D', 'n', 'N', 'g', 'G', 'h', 'H', 'x', '=', 'z', 'l', 'q', 'Q']);
const TEXT_COMMANDS = new Set(['a', 'i', 'c']);
const LABEL_COMMANDS = new Set([':', 'b', 't', 'T']);
const SUBSTITUTE_FLAGS = /^[gpiImM0-9]$/;

export function isSafeSedScript(script: string): boolean {
  const parser = new SedParser(script);
  return parser.parse();
}

class SedParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): boolean {
    for (;;) {
      this.skip(/[\s;]/);
      if (this.i >= this.s.length) return true;
      if (this.s[this.i] === '#') {
        this.skipLine();
        continue;
      }
      if (!this.address()) return false;
      if (this.s[this.i] === ',') {
        this.i++;
        if (this.s[this.i] === '+' || this.s[this.i] === '~') this.i++;
        if (!this.address()) return false;
      }
      this.skip(/[ \t!]/);
      if (!this.command()) return false;
    }
  }

  private command(): boolean {
    const c = this.s[this.i++];
    if (c === undefined) return false;
    if (c === '{' || c === '}') return true;
    if (PLAIN_COMMANDS.has(c)) {
      this.skip(/[0-9 \t]/);
      return this.endOfCommand();
    }
    if (TEXT_COMMANDS.has(c)) return this.skipText();
    if (LABEL_COMMANDS.has(c)) {
      while (this.i < this.s.length && !/[;\n]/.test(this.s[this.i] as string)) this.i++;
      return true;
    }
    if (c === 's') return this.substitute();
    if (c === 'y') {
      const delimiter = this.s[this.i++];
      return this.delimited(delimiter, false) && this.delimited(delimiter, false) && this.endOfCommand();
    }
    return false;
  }

  private substitute(): boolean {
    const delimiter = this.s[this.i++];
    if (!this.delimited(delimiter, true) || !this.delimited(delimiter, false)) return false;
    while (this.i < this.s.length && !/[\s;}#]/.test(this.s[this.i] as string)) {
      if (!SUBSTITUTE_FLAGS.test(this.s[this.i++] as string)) return false;
    }
    return this.endOfCommand();
  }

  private address(): boolean {
    const c = this.s[this.i];
    if (c === '/' || c === '\\') {
      if (c === '\\') this.i++;
      const delimiter = this.s[this.i++];
      if (!this.delimited(delimiter, true)) return false;
      this.skip(/[IM]/);
      return true;
    }
    this.skip(/[0-9$~]/);
    return true;
  }

  /** Reads up to and past an unescaped `delimiter`; a regex may hide it inside `[…]`. */
  private delimited(delimiter: string | undefined, isRegex: boolean): boolean {
    if (delimiter === undefined || delimiter === '\n' || delimiter === '\\') return false;
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '\\') this.i++;
      else if (c === delimiter) return true;
      else if (c === '[' && isRegex) {
        if (this.s[this.i] === '^') this.i++;
        if (this.s[this.i] === ']') this.i++;
        const close = this.s.indexOf(']', this.i);
        if (close === -1) return false;
        this.i = close + 1;
      }
    }
    return false;
  }

  private skipText(): boolean {
    while (this.i < this.s.length && this.s[this.i] !== '\n') this.i += this.s[this.i] === '\\' ? 2 : 1;
    return true;
  }

  private endOfCommand(): boolean {
    this.skip(/[ \t]/);
    const c = this.s[this.i];
    return c === undefined || c === ';' || c === '\n' || c === '}' || c === '#';
  }

  private skipLine(): void {
    while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
  }

  private skip(pattern: RegExp): void {
    while (this.i < this.s.length && pattern.test(this.s[this.i] as string)) this.i++;
  }
}
