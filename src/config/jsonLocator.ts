// Finds where a value sits in JSON text, given its path (`['permissions', 'allow', 2]`), so a
// schema error can point at a line. The scanner is tolerant: it accepts comments, trailing commas
// and unquoted keys, and when part of the path is missing it answers with the deepest part found.

export type JsonPath = ReadonlyArray<string | number>;

/**
 * Offset of the path's last segment in `text`: the key's opening quote for an object member, the
 * element's first character for an array index. An empty path gives the top-level value's start.
 * When a key appears twice the last one counts, as with JSON.parse.
 */
export function locateJsonPath(text: string, path: JsonPath): number {
  const scanner = new TolerantScanner(text);
  scanner.skipTrivia();
  return locateFrom(scanner, path, 0) ?? scanner.pos;
}

function locateFrom(scanner: TolerantScanner, path: JsonPath, depth: number): number | null {
  const segment = path[depth];
  if (segment === undefined) return scanner.pos;
  const opening = scanner.peek();
  // A holder object rather than a `let`: assignments inside callbacks escape TypeScript's narrowing.
  const found: { match?: { at: number; valueStart: number } } = {};
  if (opening === '{' && typeof segment === 'string') {
    scanner.forEachMember((key, keyStart, valueStart) => {
      if (key === segment) found.match = { at: keyStart, valueStart };
    });
  } else if (opening === '[' && typeof segment === 'number') {
    scanner.forEachElement((index, start) => {
      if (index === segment) found.match = { at: start, valueStart: start };
    });
  }
  const match = found.match;
  if (match === undefined) return null;
  if (depth + 1 === path.length) return match.at;
  scanner.pos = match.valueStart;
  return locateFrom(scanner, path, depth + 1) ?? match.at;
}

class TolerantScanner {
  pos = 0;
  constructor(private readonly text: string) {}

  peek(): string {
    return this.text.charAt(this.pos);
  }

  skipTrivia(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const char = text.charAt(this.pos);
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\uFEFF') {
        this.pos++;
      } else if (text.startsWith('//', this.pos)) {
        const end = text.indexOf('\n', this.pos);
        this.pos = end === -1 ? text.length : end + 1;
      } else if (text.startsWith('/*', this.pos)) {
        const end = text.indexOf('*/', this.pos + 2);
        this.pos = end === -1 ? text.length : end + 2;
      } else {
        return;
      }
    }
  }

  /** Calls `visit` for each member of the object starting at `pos`, leaving `pos` after it. */
  forEachMember(visit: (key: string, keyStart: number, valueStart: number) => void): void {
    this.pos++; // '{'
    while (this.pos < this.text.length) {
      const before = this.pos;
      this.skipTrivia();
      const char = this.peek();
      if (char === '}') {
        this.pos++;
        return;
      }
      if (char === ',') {
        this.pos++;
        continue;
      }
      const keyStart = this.pos;
      const key = char === '"' || char === "'" ? this.readString() : this.readBareWord();
      this.skipTrivia();
      if (this.peek() === ':') this.pos++;
      this.skipTrivia();
      const valueStart = this.pos;
      visit(key, keyStart, valueStart);
      this.skipValue();
      if (this.pos === before) this.pos++;
    }
  }

  /** Calls `visit` for each element of the array starting at `pos`, leaving `pos` after it. */
  forEachElement(visit: (index: number, start: number) => void): void {
    this.pos++; // '['
    let index = 0;
    while (this.pos < this.text.length) {
      const before = this.pos;
      this.skipTrivia();
      const char = this.peek();
      if (char === ']') {
        this.pos++;
        return;
      }
      if (char === ',') {
        this.pos++;
        continue;
      }
      visit(index++, this.pos);
      this.skipValue();
      if (this.pos === before) this.pos++;
    }
  }

  private skipValue(): void {
    const char = this.peek();
    if (char === '{') this.forEachMember(() => {});
    else if (char === '[') this.forEachElement(() => {});
    else if (char === '"' || char === "'") this.readString();
    else this.readBareWord();
  }

  /** Reads a quoted string starting at `pos` and returns its decoded text. */
  private readString(): string {
    const text = this.text;
    const quote = text.charAt(this.pos);
    const start = this.pos;
    this.pos++;
    while (this.pos < text.length && text.charAt(this.pos) !== quote && text.charAt(this.pos) !== '\n') {
      this.pos += text.charAt(this.pos) === '\\' ? 2 : 1;
    }
    const body = text.slice(start + 1, Math.min(this.pos, text.length));
    if (this.pos < text.length && text.charAt(this.pos) === quote) this.pos++;
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      return body;
    }
  }

  /** Reads a number, literal or unquoted key: everything up to a structural character. */
  private readBareWord(): string {
    const text = this.text;
    const start = this.pos;
    while (this.pos < text.length && !/[\s,:{}[\]"'/]/.test(text.charAt(this.pos))) this.pos++;
    return text.slice(start, this.pos);
  }
}
