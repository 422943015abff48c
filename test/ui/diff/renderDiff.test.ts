import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDiff, type FileChange } from '../../../src/ui/diff/renderDiff.js';
import { assertBalancedPerLine, assertFits, assertNoEscapes } from '../markdown/terminalText.js';

function plain(change: FileChange, width = 40, extra: { contextLines?: number; maxLines?: number } = {}): string[] {
  const out = renderDiff(change, { width, color: false, ...extra });
  assertNoEscapes(out);
  assertFits(out, width);
  return out.split('\n');
}

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

describe('renderDiff without color', () => {
  it('shows counts, a hunk header, old and new line numbers and signs', () => {
    assert.deepEqual(plain({ path: 'a.txt', before: 'one\ntwo\nthree\n', after: 'one\n2\nthree\n' }), [
      'a.txt +1 −1',
      '@@ -1,3 +1,3 @@',
      '1 1   one',
      '2   - two',
      '  2 + 2',
      '3 3   three',
    ]);
  });

  it('limits context and splits distant changes into hunks', () => {
    const before = lines(20);
    const after = before.replace('line 3\n', 'LINE 3\n').replace('line 17\n', 'LINE 17\n');
    assert.deepEqual(plain({ path: 'f', before, after }, 40, { contextLines: 1 }), [
      'f +2 −2',
      '@@ -2,3 +2,3 @@',
      ' 2  2   line 2',
      ' 3    - line 3',
      '    3 + LINE 3',
      ' 4  4   line 4',
      '@@ -16,3 +16,3 @@',
      '16 16   line 16',
      '17    - line 17',
      '   17 + LINE 17',
      '18 18   line 18',
    ]);
    assert.equal(plain({ path: 'f', before, after }, 40, { contextLines: 7 }).filter((l) => l.startsWith('@@')).length, 1, 'close hunks merge');
  });

  it('marks new and deleted files', () => {
    assert.deepEqual(plain({ path: 'new.txt', before: '', after: 'a\nb\n' }), ['new.txt (new file) +2 −0', '@@ -0,0 +1,2 @@', '  1 + a', '  2 + b']);
    assert.deepEqual(plain({ path: 'gone.txt', before: 'a\nb\n', after: '' }), ['gone.txt (deleted) +0 −2', '@@ -1,2 +0,0 @@', '1   - a', '2   - b']);
  });

  it('reports a missing newline at the end of a file', () => {
    assert.deepEqual(plain({ path: 'x', before: 'a\nb', after: 'a\nb\n' }), [
      'x +1 −1',
      '@@ -1,2 +1,2 @@',
      '1 1   a',
      '2   - b',
      '    \\ No newline at end of file',
      '  2 + b',
    ]);
  });

  it('compares CRLF files by content and notes a line-ending change', () => {
    assert.deepEqual(plain({ path: 'w', before: 'a\r\nb\r\n', after: 'a\r\nc\r\n' }), ['w +1 −1', '@@ -1,2 +1,2 @@', '1 1   a', '2   - b', '  2 + c']);
    assert.deepEqual(plain({ path: 'w', before: 'a\r\nb\r\n', after: 'a\nb\nc\n' }), [
      'w +1 −0 (line endings CRLF → LF)',
      '@@ -1,2 +1,3 @@',
      '1 1   a',
      '2 2   b',
      '  3 + c',
    ]);
  });

  it('says when nothing changed', () => {
    assert.deepEqual(plain({ path: 'same', before: 'a\n', after: 'a\n' }), ['same +0 −0', '(no changes)']);
  });

  it('wraps long lines under the gutter with the sign repeated', () => {
    assert.deepEqual(plain({ path: 'p', before: '', after: 'x'.repeat(50) + '\n' }, 30), [
      'p (new file) +1 −0',
      '@@ -0,0 +1,1 @@',
      '  1 + ' + 'x'.repeat(24),
      '    + ' + 'x'.repeat(24),
      '    + xx',
    ]);
  });

  it('drops line numbers on very narrow screens and expands tabs', () => {
    assert.deepEqual(plain({ path: 't', before: '\tx\n', after: '\ty\n' }, 12), ['t +1 −1', '@@ -1,1 +1,1', ' @@', '-     x', '+     y']);
  });

  it('caps huge diffs with a count of the lines left out', () => {
    const out = plain({ path: 'big', before: '', after: lines(1000) }, 40, { maxLines: 5 });
    assert.deepEqual(out, ['big (new file) +1000 −0', '@@ -0,0 +1,1000 @@', '        1 + line 1',
      '        2 + line 2',
      '        3 + line 3',
      '        4 + line 4',
      '        5 + line 5', '… 995 more lines']);
  });

  it('produces a minimal diff: moved-away blocks and unique lines are found exactly', () => {
    const before = lines(200);
    const after = lines(200, (i) => (i % 10 === 0 ? `changed ${i}` : `line ${i}`));
    const out = plain({ path: 'm', before, after }, 60, { contextLines: 0 });
    assert.equal(out[0], 'm +20 −20');
    assert.equal(out.filter((l) => l.startsWith('@@')).length, 20);
  });

  it('keeps control characters in file content from reaching the terminal', () => {
    assert.deepEqual(plain({ path: 'c', before: '', after: '\x1b[2Jboom\n' }), ['c (new file) +1 −0', '@@ -0,0 +1,1 @@', '  1 + \ufffd[2Jboom']);
  });

  it('fits every width', () => {
    const change = { path: 'src/some/deeply/nested/path/file.ts', before: lines(30, (i) => `const value${i} = compute(${i}, 'é世界');`), after: lines(30, (i) => `const value${i} = compute(${i * 2}, 'é世界');`) };
    for (let width = 2; width <= 100; width++) {
      assertFits(renderDiff(change, { width, color: false }), width);
      assertFits(renderDiff(change, { width, color: true }), width);
    }
  });
});

describe('renderDiff with color', () => {
  it('colours removed lines red, added green, context dim, with balanced codes', () => {
    const out = renderDiff({ path: 'a', before: 'keep\nold\n', after: 'keep\nnew\n' }, { width: 40, color: true });
    assertBalancedPerLine(out);
    assert.match(out, /\x1b\[2m  keep\x1b\[22m/);
    assert.match(out, /\x1b\[31m- /);
    assert.match(out, /\x1b\[32m\+ /);
  });

  it('highlights only the changed words of a paired line', () => {
    const out = renderDiff({ path: 'a', before: 'const value = compute(alpha, beta);\n', after: 'const value = compute(alpha, gamma);\n' }, { width: 80, color: true });
    assertBalancedPerLine(out);
    assert.match(out, /\x1b\[7;31mbeta\x1b\[27;39m/);
    assert.match(out, /\x1b\[7;32mgamma\x1b\[27;39m/);
    assert.doesNotMatch(out, /\x1b\[7;3\dm[^\x1b]*compute/, 'unchanged words are not emphasised');
  });

  it('does not word-highlight lines that have little in common', () => {
    const out = renderDiff({ path: 'a', before: 'alpha beta gamma\n', after: 'one two three\n' }, { width: 80, color: true });
    assert.doesNotMatch(out, /\x1b\[7;/);
  });
});
