import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutBuffer } from '../../../src/ui/input/layout.js';

describe('layoutBuffer', () => {
  it('hard-wraps long lines to the width and marks where logical lines start', () => {
    const { rows } = layoutBuffer('abcdefgh\nij', 0, 3);
    assert.deepEqual(rows.map((row) => [row.text, row.startsLine]), [['abc', true], ['def', false], ['gh', false], ['ij', true]]);
    assert.equal(rows[0]!.firstLine, true);
    assert.equal(rows[3]!.firstLine, false);
  });
  it('puts the cursor on the right row and index', () => {
    const { rows } = layoutBuffer('abcdefgh', 4, 3);
    assert.deepEqual(rows.map((row) => row.cursorIndex), [undefined, 1, undefined]);
  });
  it('a cursor after a full row gets a row of its own', () => {
    const { rows } = layoutBuffer('abc', 3, 3);
    assert.deepEqual(rows.map((row) => [row.text, row.cursorIndex]), [['abc', undefined], ['', 0]]);
  });
  it('wide characters take two columns', () => {
    assert.deepEqual(layoutBuffer('日本語', 0, 4).rows.map((row) => row.text), ['日本', '語']);
  });
  it('tabs are shown as a single space', () => {
    assert.equal(layoutBuffer('a\tb', 0, 10).rows[0]!.text, 'a b');
  });
  it('keeps a window of rows around the cursor and counts the hidden ones', () => {
    const text = Array.from({ length: 20 }, (_, index) => `l${index}`).join('\n');
    const layout = layoutBuffer(text, text.indexOf('l10'), 10, 4);
    assert.deepEqual(layout.rows.map((row) => row.text), ['l8', 'l9', 'l10', 'l11']);
    assert.equal(layout.hiddenAbove, 8);
    assert.equal(layout.hiddenBelow, 8);
  });
});
