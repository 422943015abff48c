/**
 * Decodes one raw input sequence (as Ink's input parser splits stdin) into a key event. We decode the
 * raw bytes ourselves rather than use Ink's `useInput` key flags because those cannot tell Backspace
 * (DEL, 0x7f) from Delete (ESC[3~), Ctrl+J from Enter, or a paste from typing, and they let unknown
 * escape sequences through as text.
 */
export type KeyName =
  | 'return'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'escape'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | 'insert'
  /** a letter or other printable key pressed with Ctrl or Alt */
  | string;

export type KeyEvent =
  | { kind: 'text'; text: string; paste: boolean }
  | { kind: 'key'; name: KeyName; ctrl: boolean; meta: boolean; shift: boolean }
  | { kind: 'pasteStart' }
  | { kind: 'pasteEnd' }
  | { kind: 'ignored'; sequence: string };

const ESC = '\u001b';
/** Kitty event type for a key release, which must not act as a second press. */
const RELEASE = '3';

export function key(name: KeyName, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}): KeyEvent {
  return { kind: 'key', name, ctrl: mods.ctrl ?? false, meta: mods.meta ?? false, shift: mods.shift ?? false };
}

const CSI_LETTER_KEYS: Record<string, KeyName> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
const CSI_TILDE_KEYS: Record<string, KeyName> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
};

/** xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8). */
function modifiers(parameter: string | undefined): { ctrl: boolean; meta: boolean; shift: boolean } {
  const bits = Math.max(0, Number(parameter ?? '1') - 1);
  return { shift: (bits & 1) !== 0, meta: (bits & 2) !== 0 || (bits & 8) !== 0, ctrl: (bits & 4) !== 0 };
}

function codePointKey(codePoint: number, mods: { ctrl: boolean; meta: boolean; shift: boolean }): KeyEvent {
  if (codePoint === 13) return key('return', mods);
  if (codePoint === 9) return key('tab', mods);
  if (codePoint === 27) return key('escape', mods);
  if (codePoint === 127 || codePoint === 8) return key('backspace', mods);
  const char = String.fromCodePoint(codePoint);
  if (!mods.ctrl && !mods.meta) return { kind: 'text', text: mods.shift ? char.toUpperCase() : char, paste: false };
  return key(char.toLowerCase(), mods);
}

function decodeEscapeSequence(sequence: string): KeyEvent {
  const body = sequence.slice(1);
  if (body === '[200~') return { kind: 'pasteStart' };
  if (body === '[201~') return { kind: 'pasteEnd' };
  if (body === '[Z') return key('tab', { shift: true });
  // Kitty keyboard protocol: CSI codepoint[:alternates] ; modifiers[:event] [; text] u
  let match = /^\[(\d+)(?::[\d:]*)?(?:;(\d*)(?::(\d+))?(?:;([\d:]+))?)?u$/.exec(body);
  if (match) {
    if (match[3] === RELEASE) return { kind: 'ignored', sequence };
    const mods = modifiers(match[2] || undefined);
    if (match[4] && !mods.ctrl && !mods.meta) {
      return { kind: 'text', text: String.fromCodePoint(...match[4].split(':').map(Number)), paste: false };
    }
    return codePointKey(Number(match[1]), mods);
  }
  // xterm modifyOtherKeys: CSI 27 ; modifiers ; codepoint ~
  match = /^\[27;(\d+);(\d+)~$/.exec(body);
  if (match) return codePointKey(Number(match[2]), modifiers(match[1]));
  match = /^(?:\[|O)(?:1;)?(\d+)?(?::(\d+))?([ABCDHF])$/.exec(body);
  if (match) return match[2] === RELEASE ? { kind: 'ignored', sequence } : key(CSI_LETTER_KEYS[match[3]!]!, modifiers(match[1]));
  match = /^\[(\d+)(?:;(\d+)(?::(\d+))?)?~$/.exec(body);
  if (match && CSI_TILDE_KEYS[match[1]!]) {
    return match[3] === RELEASE ? { kind: 'ignored', sequence } : key(CSI_TILDE_KEYS[match[1]!]!, modifiers(match[2]));
  }
  // Alt+Arrow in some terminals: ESC ESC [ A
  if (body.startsWith(ESC)) {
    const inner = decodeEscapeSequence(body);
    return inner.kind === 'key' ? { ...inner, meta: true } : inner;
  }
  if (body === '') return key('escape');
  if (body === '\r') return key('return', { meta: true });
  if (body === '\u007f' || body === '\b') return key('backspace', { meta: true });
  // Alt+character arrives as ESC followed by the character.
  if ([...body].length === 1 && body >= ' ') {
    return key(body.toLowerCase(), { meta: true, shift: body !== body.toLowerCase() });
  }
  return { kind: 'ignored', sequence };
}

export function decodeSequence(sequence: string): KeyEvent {
  if (sequence.startsWith(ESC)) return decodeEscapeSequence(sequence);
  if (sequence === '\r') return key('return');
  if (sequence === '\n') return key('j', { ctrl: true });
  if (sequence === '\t') return key('tab');
  if (sequence === '\u007f' || sequence === '\b') return key('backspace');
  if (sequence.length === 1 && sequence.charCodeAt(0) < 0x20) {
    const code = sequence.charCodeAt(0);
    if (code === 0) return key('space', { ctrl: true });
    if (code <= 26) return key(String.fromCharCode(code + 96), { ctrl: true });
    return { kind: 'ignored', sequence };
  }
  // Printable text; several characters in one event means the terminal delivered a paste (or very fast typing).
  const text = sequence.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  if (text === '') return { kind: 'ignored', sequence };
  return { kind: 'text', text, paste: [...text].length > 1 };
}

/**
 * The key events in one input event. The app turns bracketed paste on, so a paste normally arrives
 * between markers, and a short run of characters outside them is keys typed faster than the app read
 * them (a loaded machine, typing ahead): `\r` in `"\r again"` is Enter, then text. Text runs stay
 * together; each control character is its own key. A run longer than anyone types ahead is a paste
 * from a terminal without bracketed paste, and stays one event, so its line breaks do not submit.
 */
export function decodeInput(sequence: string): KeyEvent[] {
  if (sequence.startsWith(ESC) || sequence.length <= 1 || sequence.length > TYPED_AHEAD_CHARS || !CONTROL.test(sequence)) return [decodeSequence(sequence)];
  return sequence.split(CONTROL_RUNS).filter((piece) => piece !== '').map((piece) => decodeSequence(piece));
}

/** The most characters treated as keys typed ahead rather than a paste. */
export const TYPED_AHEAD_CHARS = 32;
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_RUNS = /([\u0000-\u001f\u007f])/;
