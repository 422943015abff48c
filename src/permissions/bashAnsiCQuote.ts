/**
 * Decodes the body of a bash `$'…'` string, starting just after the opening quote. Decoding matters
 * for safety: `$'\x72m' -rf /` runs `rm`, so rules must see `rm`, not the escape text.
 */
export function decodeAnsiCQuoted(src: string, start: number): { value: string; end: number; closed: boolean } {
  let value = '';
  let i = start;
  while (i < src.length) {
    const char = src[i] as string;
    if (char === "'") return { value, end: i + 1, closed: true };
    if (char !== '\\' || i + 1 >= src.length) {
      value += char;
      i++;
      continue;
    }
    const escape = src[i + 1] as string;
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      value += simple;
      i += 2;
    } else if (/[0-7]/.test(escape)) {
      const digits = readWhile(src, i + 1, /[0-7]/, 3);
      value += String.fromCharCode(parseInt(digits, 8) & 0xff);
      i += 1 + digits.length;
    } else if (escape === 'x' || escape === 'u' || escape === 'U') {
      const digits = readWhile(src, i + 2, /[0-9A-Fa-f]/, escape === 'x' ? 2 : escape === 'u' ? 4 : 8);
      if (digits === '') {
        value += '\\' + escape;
      } else {
        const code = parseInt(digits, 16);
        value += code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      i += 2 + digits.length;
    } else if (escape === 'c' && i + 2 < src.length) {
      value += String.fromCharCode((src.charCodeAt(i + 2) & 0x1f));
      i += 3;
    } else {
      value += '\\' + escape;
      i += 2;
    }
  }
  return { value, end: src.length, closed: false };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

function readWhile(src: string, start: number, pattern: RegExp, max: number): string {
  let end = start;
  while (end < src.length && end - start < max && pattern.test(src[end] as string)) end++;
  return src.slice(start, end);
}
