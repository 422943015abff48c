import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Key } from 'ink';
import { eachTypedKey } from '../../../src/ui/input/typedAhead.js';

const blank = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false } as Key;

function seen(input: string, key: Key = blank): string[] {
  const calls: string[] = [];
  eachTypedKey((text, k) => {
    const flags = (['return', 'tab', 'backspace', 'ctrl', 'escape'] as const).filter((name) => k[name]);
    calls.push(`${JSON.stringify(text)}${flags.length > 0 ? ` ${flags.join('+')}` : ''}`);
  })(input, key);
  return calls;
}

test('a read of keys typed ahead reaches the handler key by key', () => {
  assert.deepEqual(seen('bun\r'), ['"bun"', '"" return']);
  assert.deepEqual(seen('ab\u007f\tc\u0001'), ['"ab"', '"" backspace', '"" tab', '"c"', '"a" ctrl']);
  assert.deepEqual(seen('1\r'), ['"1"', '"" return']);
});

test('single keys, plain text, escape sequences and long pastes pass through as they came', () => {
  const enter = { ...blank, return: true };
  assert.deepEqual(seen('', enter), ['"" return']);
  assert.deepEqual(seen('hello'), ['"hello"']);
  assert.deepEqual(seen('\u001b[A'), ['"\\u001b[A"']);
  const paste = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\r');
  assert.deepEqual(seen(paste), [JSON.stringify(paste)]);
});
