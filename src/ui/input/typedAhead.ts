// Ink hands a `useInput` handler a whole read at once. On a busy machine, keys typed quickly arrive
// together: "my answer⏎" is one input, and a handler comparing `key.return` never sees the Enter. This
// splits such a read into its keys, as the prompt editor does (keys.ts `decodeInput`): text runs
// stay whole, each control character becomes its own key. Escape sequences and long runs (a paste
// without bracketed paste) pass through as they came.
import type { Key } from 'ink';
import { TYPED_AHEAD_CHARS } from './keys.js';

type InputHandler = (input: string, key: Key) => void;

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_RUNS = /([\u0000-\u001f\u007f])/;

export function eachTypedKey(handler: InputHandler): InputHandler {
  return (input, key) => {
    if (input.length <= 1 || input.startsWith('\u001b') || input.length > TYPED_AHEAD_CHARS || !CONTROL.test(input)) return handler(input, key);
    for (const piece of input.split(CONTROL_RUNS)) {
      if (piece !== '') handler(...keyOf(piece, key));
    }
  };
}

function keyOf(piece: string, template: Key): [string, Key] {
  const none: Key = { ...template, upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false };
  if (piece.length > 1 || !CONTROL.test(piece)) return [piece, none];
  const code = piece.charCodeAt(0);
  if (code === 13) return ['', { ...none, return: true }];
  if (code === 9) return ['', { ...none, tab: true }];
  if (code === 127 || code === 8) return ['', { ...none, backspace: true }];
  // Line feed is Ink's "enter" (not Return); other control characters are Ctrl+letter.
  if (code >= 1 && code <= 26 && code !== 10) return [String.fromCharCode(code + 96), { ...none, ctrl: true }];
  return ['', none];
}
