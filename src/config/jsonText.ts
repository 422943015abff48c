// Parsing JSON text so that a failure says where: line and column, not just "invalid JSON".

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; position: TextPosition };

export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Parses JSON text. A leading byte-order mark is ignored; positions are counted without it. */
export function parseJsonText(input: string): JsonParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    return { ok: false, message: cleanMessage(raw), position: positionAt(text, errorOffset(text, raw)) };
  }
}

// V8 says "… in JSON at position N" for most failures but not all (e.g. "Unexpected token '}',
// "…" is not valid JSON"), and newer versions add "(line L column C)". When the message gives no
// position, a small strict scan of our own finds the first offending character.
function errorOffset(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message);
  if (stated?.[1] !== undefined) return Number(stated[1]);
  return firstSyntaxErrorOffset(text) ?? text.length;
}

function cleanMessage(message: string): string {
  const trimmed = message
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
  return `invalid JSON: ${trimmed}`;
}

class SyntaxErrorAt {
  constructor(readonly offset: number) {}
}

/** Offset of the first character that makes `text` invalid JSON, or null when it is valid. */
export function firstSyntaxErrorOffset(text: string): number | null {
  let pos = 0;
  const fail = (): never => {
    throw new SyntaxErrorAt(pos);
  };
  const skipWhitespace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text.charAt(pos))) pos++;
  };
  const expectWord = (word: string): void => {
    for (const char of word) {
      if (text.charAt(pos) !== char) fail();
      pos++;
    }
  };
  const digits = (): void => {
    const start = pos;
    while (/[0-9]/.test(text.charAt(pos))) pos++;
    if (pos === start) fail();
  };
  const number = (): void => {
    if (text.charAt(pos) === '-') pos++;
    if (text.charAt(pos) === '0') pos++;
    else digits();
    if (text.charAt(pos) === '.') {
      pos++;
      digits();
    }
    if (/[eE]/.test(text.charAt(pos))) {
      pos++;
      if (/[+-]/.test(text.charAt(pos))) pos++;
      digits();
    }
  };
  const string = (): void => {
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail();
      const code = text.charCodeAt(pos);
      if (code === 34) {
        pos++;
        return;
      }
      if (code < 0x20) fail();
      if (code === 92) {
        pos++;
        const escape = text.charAt(pos);
        if (escape === 'u') {
          for (let i = 0; i < 4; i++) {
            pos++;
            if (!/[0-9a-fA-F]/.test(text.charAt(pos))) fail();
          }
        } else if (!'"\\/bfnrt'.includes(escape) || escape === '') {
          fail();
        }
      }
      pos++;
    }
  };
  const sequence = (close: string, item: () => void): void => {
    pos++; // opening bracket
    skipWhitespace();
    if (text.charAt(pos) === close) {
      pos++;
      return;
    }
    for (;;) {
      item();
      skipWhitespace();
      const next = text.charAt(pos);
      if (next === close) {
        pos++;
        return;
      }
      if (next !== ',') fail();
      pos++;
      skipWhitespace();
    }
  };
  const member = (): void => {
    if (text.charAt(pos) !== '"') fail();
    string();
    skipWhitespace();
    if (text.charAt(pos) !== ':') fail();
    pos++;
    value();
  };
  const value = (): void => {
    skipWhitespace();
    const char = text.charAt(pos);
    if (char === '{') sequence('}', member);
    else if (char === '[') sequence(']', value);
    else if (char === '"') string();
    else if (char === 't') expectWord('true');
    else if (char === 'f') expectWord('false');
    else if (char === 'n') expectWord('null');
    else if (char === '-' || /[0-9]/.test(char)) number();
    else fail();
  };

  try {
    value();
    skipWhitespace();
    if (pos < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof SyntaxErrorAt) return error.offset;
    throw error;
  }
}
