// Checks shared by the renderer tests: visible width of each line and balance of escape codes.
import assert from 'node:assert/strict';
import stringWidth from 'string-width';

const SGR = /\x1b\[([0-9;]*)m/g;
const OSC8 = /\x1b\]8;;([^\x07]*)\x07/g;

export function visibleWidth(line: string): number {
  return stringWidth(line.replace(OSC8, '').replace(SGR, ''));
}

export function assertFits(text: string, width: number): void {
  for (const line of text.split('\n')) assert.ok(visibleWidth(line) <= width, `line wider than ${width}: ${JSON.stringify(line)}`);
}

export function assertNoEscapes(text: string): void {
  assert.doesNotMatch(text, /\x1b/, 'plain output must not contain escape sequences');
}

const CLOSES: Record<string, string> = { '1': '22', '2': '22', '3': '23', '4': '24', '7': '27', '9': '29' };

/** Every attribute opened on a line is closed on that same line, and hyperlinks come in pairs. */
export function assertBalancedPerLine(text: string): void {
  for (const line of text.split('\n')) {
    const open = new Map<string, boolean>();
    for (const match of line.matchAll(SGR)) {
      for (const code of match[1]!.split(';')) {
        const n = Number(code);
        const closer = CLOSES[code] ?? ((n >= 30 && n <= 37) || (n >= 90 && n <= 97) ? '39' : n >= 40 && n <= 47 ? '49' : undefined);
        if (closer) open.set(closer, true);
        else open.set(code, false);
      }
    }
    for (const [code, isOpen] of open) assert.ok(!isOpen, `code closed by ${code} left open on ${JSON.stringify(line)}`);
    const links = [...line.matchAll(OSC8)];
    assert.equal(links.length % 2, 0, `unpaired hyperlink on ${JSON.stringify(line)}`);
    links.forEach((link, i) => assert.equal(link[1] === '', i % 2 === 1, `hyperlink order on ${JSON.stringify(line)}`));
  }
}
