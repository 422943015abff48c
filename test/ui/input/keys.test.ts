import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeInput, decodeSequence, key } from '../../../src/ui/input/keys.js';

describe('decodeSequence', () => {
  const cases: [string, string, ReturnType<typeof decodeSequence>][] = [
    ['Enter', '\r', key('return')],
    ['Ctrl+J (line feed)', '\n', key('j', { ctrl: true })],
    ['Shift+Enter, kitty protocol', '\u001b[13;2u', key('return', { shift: true })],
    ['Shift+Enter, xterm modifyOtherKeys', '\u001b[27;2;13~', key('return', { shift: true })],
    ['Alt+Enter / Option+Enter', '\u001b\r', key('return', { meta: true })],
    ['Tab', '\t', key('tab')],
    ['Shift+Tab', '\u001b[Z', key('tab', { shift: true })],
    ['Backspace (DEL)', '\u007f', key('backspace')],
    ['Backspace (BS)', '\b', key('backspace')],
    ['Alt+Backspace', '\u001b\u007f', key('backspace', { meta: true })],
    ['Delete', '\u001b[3~', key('delete')],
    ['Escape', '\u001b', key('escape')],
    ['Up', '\u001b[A', key('up')],
    ['Down (SS3)', '\u001bOB', key('down')],
    ['Ctrl+Right', '\u001b[1;5C', key('right', { ctrl: true })],
    ['Alt+Left', '\u001b[1;3D', key('left', { meta: true })],
    ['Home', '\u001b[H', key('home')],
    ['End (tilde form)', '\u001b[4~', key('end')],
    ['Ctrl+A', '\u0001', key('a', { ctrl: true })],
    ['Ctrl+R', '\u0012', key('r', { ctrl: true })],
    ['Alt+B', '\u001bb', key('b', { meta: true })],
    ['Alt+F', '\u001bf', key('f', { meta: true })],
    ['kitty Ctrl+A', '\u001b[97;5u', key('a', { ctrl: true })],
    ['kitty plain letter', '\u001b[97u', { kind: 'text', text: 'a', paste: false }],
    ['kitty key release is ignored', '\u001b[97;1:3u', { kind: 'ignored', sequence: '\u001b[97;1:3u' }],
    ['kitty arrow press with event type', '\u001b[1;1:1A', key('up')],
    ['kitty arrow release is ignored', '\u001b[1;1:3A', { kind: 'ignored', sequence: '\u001b[1;1:3A' }],
    ['kitty shifted letter with its text', '\u001b[97:65;2;65u', { kind: 'text', text: 'A', paste: false }],
    ['a typed character', 'x', { kind: 'text', text: 'x', paste: false }],
    ['an emoji is one character', '😀', { kind: 'text', text: '😀', paste: false }],
    ['several characters at once are a paste', 'hello\rworld', { kind: 'text', text: 'hello\rworld', paste: true }],
    ['bracketed paste start', '\u001b[200~', { kind: 'pasteStart' }],
    ['bracketed paste end', '\u001b[201~', { kind: 'pasteEnd' }],
    ['an unknown escape sequence is not text', '\u001b[99;9X', { kind: 'ignored', sequence: '\u001b[99;9X' }],
  ];
  for (const [name, sequence, expected] of cases) {
    it(name, () => assert.deepEqual(decodeSequence(sequence), expected));
  }

  it('drops control characters inside pasted text but keeps tabs and line breaks', () => {
    assert.deepEqual(decodeSequence('a\u0007b\tc\nd'), { kind: 'text', text: 'ab\tc\nd', paste: true });
  });
});

describe('decodeInput', () => {
  it('splits keys typed ahead at each control character and keeps text runs whole', () => {
    assert.deepEqual(decodeInput('\r again'), [key('return'), { kind: 'text', text: ' again', paste: true }]);
    assert.deepEqual(decodeInput('ab\u007f\tc'), [{ kind: 'text', text: 'ab', paste: true }, key('backspace'), key('tab'), { kind: 'text', text: 'c', paste: false }]);
    assert.deepEqual(decodeInput('\r\r'), [key('return'), key('return')]);
  });
  it('a long run with line breaks is a paste from a terminal without bracketed paste: one event', () => {
    const pasted = Array.from({ length: 10 }, (_, index) => `row ${index}`).join('\r');
    assert.deepEqual(decodeInput(pasted), [decodeSequence(pasted)]);
    assert.equal(decodeInput(pasted)[0]!.kind, 'text');
  });
  it('leaves plain text, a single key and escape sequences as one event', () => {
    assert.deepEqual(decodeInput('hello world'), [{ kind: 'text', text: 'hello world', paste: true }]);
    assert.deepEqual(decodeInput('\r'), [key('return')]);
    assert.deepEqual(decodeInput('\u001b[A'), [decodeSequence('\u001b[A')]);
  });
});
