import {
  applyCompletion,
  commandCompletions,
  completionToken,
  fileCompletions,
  type CommandInfo,
  type CompletionItem,
  type CompletionToken,
} from './completion.js';
import { NOT_BROWSING, browseNewer, browseOlder, searchOlder, setSearchQuery, startSearch, type Browse, type Search } from './historyNav.js';
import type { KeyEvent } from './keys.js';
import { EMPTY_KILL_RING, lastKill, pushKill, type KillDirection, type KillRing } from './killRing.js';
import { expandPastes, makePaste, normalizeNewlines, pasteEndingAt, shouldCollapse, type PastedText } from './pastes.js';
import * as tb from './textBuffer.js';

/**
 * The prompt editor as a pure reducer: (state, key event, context) → (state, effect). The component
 * only decodes keys, feeds them here, renders the state and carries out the effects.
 */
export interface EditorState {
  readonly buffer: tb.Buffer;
  readonly killRing: KillRing;
  /** True when the previous key killed text, so the next kill merges with it. */
  readonly lastWasKill: boolean;
  readonly browse: Browse;
  readonly search: (Search & { readonly origin: tb.Buffer }) | null;
  readonly pastes: readonly PastedText[];
  readonly nextPasteId: number;
  readonly completionIndex: number;
  readonly completionDismissed: boolean;
  /** Text collected between bracketed-paste markers, or null outside a paste. */
  readonly pasting: string | null;
  /** True when the previous key was Escape on an empty buffer (a second one opens the picker). */
  readonly lastWasEscape: boolean;
  /** Esc Esc on an empty prompt: earlier prompts to pick one to edit and send again. */
  readonly picker: { readonly selected: number } | null;
}

export interface EditorContext {
  readonly history: readonly string[];
  readonly commands: readonly CommandInfo[];
  /** Completion candidates for `@` (paths relative to cwd, directories ending in '/'); undefined while loading. */
  readonly files: readonly string[] | undefined;
}

export type EditorEffect =
  | { type: 'submit'; text: string }
  /** Ctrl+C or Ctrl+D on an empty buffer. */
  | { type: 'exit'; key: 'ctrl-c' | 'ctrl-d' }
  | { type: 'externalEdit'; text: string };

/** Key events plus the one non-key input: text coming back from the external editor. */
export type EditorInput = KeyEvent | { kind: 'replace'; text: string };

export interface EditorStep {
  readonly state: EditorState;
  readonly effect?: EditorEffect;
}

export const INITIAL_EDITOR_STATE: EditorState = {
  buffer: tb.EMPTY_BUFFER,
  killRing: EMPTY_KILL_RING,
  lastWasKill: false,
  browse: NOT_BROWSING,
  search: null,
  pastes: [],
  nextPasteId: 1,
  completionIndex: 0,
  completionDismissed: false,
  pasting: null,
  lastWasEscape: false,
  picker: null,
};

export interface ActiveCompletion {
  readonly token: CompletionToken;
  readonly items: readonly CompletionItem[];
  readonly selected: number;
  /** True while the file list for `@` is still being read. */
  readonly loading: boolean;
}

export function activeCompletion(state: EditorState, context: EditorContext): ActiveCompletion | undefined {
  if (state.search || state.completionDismissed || state.pasting !== null) return undefined;
  const token = completionToken(state.buffer.text, state.buffer.cursor);
  if (!token) return undefined;
  if (token.kind === 'file' && context.files === undefined) return { token, items: [], selected: 0, loading: true };
  const items = token.kind === 'command' ? commandCompletions(context.commands, token.query) : fileCompletions(context.files ?? [], token.query);
  if (items.length === 0) return undefined;
  return { token, items, selected: Math.min(state.completionIndex, items.length - 1), loading: false };
}

/** The text to submit: pastes put back, surrounding whitespace trimmed. */
export function submittedText(state: EditorState): string {
  return expandPastes(state.buffer.text, state.pastes).trim();
}

const step = (state: EditorState, effect?: EditorEffect): EditorStep => (effect ? { state, effect } : { state });

/** A new buffer from an edit: completion reopens and its highlight resets. */
function edited(state: EditorState, buffer: tb.Buffer): EditorState {
  return { ...state, buffer, lastWasKill: false, completionIndex: 0, completionDismissed: false };
}

function moved(state: EditorState, buffer: tb.Buffer): EditorState {
  return { ...state, buffer, lastWasKill: false, completionIndex: 0 };
}

function kill(state: EditorState, from: number, to: number, direction: KillDirection): EditorState {
  const start = Math.min(from, to);
  const end = Math.max(from, to);
  const killed = state.buffer.text.slice(start, end);
  return {
    ...edited(state, tb.deleteRange(state.buffer, start, end)),
    killRing: pushKill(state.killRing, killed, direction, state.lastWasKill),
    lastWasKill: true,
  };
}

function insert(state: EditorState, rawText: string, paste: boolean): EditorState {
  const text = normalizeNewlines(rawText);
  if (paste && shouldCollapse(text)) {
    const pasted = makePaste(state.nextPasteId, text);
    return {
      ...edited(state, tb.insertText(state.buffer, pasted.placeholder)),
      pastes: [...state.pastes, pasted],
      nextPasteId: state.nextPasteId + 1,
    };
  }
  return edited(state, tb.insertText(state.buffer, text));
}

function cleared(state: EditorState): EditorState {
  return { ...INITIAL_EDITOR_STATE, killRing: state.killRing, nextPasteId: state.nextPasteId };
}

function submit(state: EditorState): EditorStep {
  const text = submittedText(state);
  if (text === '') return step(state);
  return step(cleared(state), { type: 'submit', text });
}

function newline(state: EditorState): EditorState {
  return edited(state, tb.insertText(state.buffer, '\n'));
}

function pressReturn(state: EditorState, shifted: boolean): EditorStep {
  if (shifted) return step(newline(state));
  const { text, cursor } = state.buffer;
  // A backslash right before Enter means "continue on the next line", as in a shell.
  if (cursor > 0 && text[cursor - 1] === '\\') return step(newline(edited(state, tb.deleteRange(state.buffer, cursor - 1, cursor))));
  return submit(state);
}

function showHistoryEntry(state: EditorState, browse: Browse, text: string, cursorAtFirstLine: boolean): EditorState {
  const cursor = cursorAtFirstLine ? tb.lineEnd(text, 0) : text.length;
  return { ...edited(state, { text, cursor }), browse };
}

function up(state: EditorState, context: EditorContext): EditorState {
  if (!tb.isOnFirstLine(state.buffer)) return moved(state, tb.moveLineUp(state.buffer));
  const older = browseOlder(context.history, state.browse, state.buffer.text);
  // The cursor lands on the entry's first line so that pressing Up again keeps going back.
  return older ? showHistoryEntry(state, older.browse, older.text, true) : state;
}

function down(state: EditorState, context: EditorContext): EditorState {
  if (!tb.isOnLastLine(state.buffer)) return moved(state, tb.moveLineDown(state.buffer));
  const newer = browseNewer(context.history, state.browse);
  return newer ? showHistoryEntry(state, newer.browse, newer.text, false) : state;
}

function handleSearch(state: EditorState, search: NonNullable<EditorState['search']>, event: KeyEvent, context: EditorContext): EditorStep {
  const entries = context.history;
  const preview = (next: Search): EditorStep => {
    const entry = next.match === null ? undefined : entries[next.match];
    const buffer = entry === undefined ? search.origin : { text: entry, cursor: next.matchOffset };
    return step({ ...state, buffer, search: { ...next, origin: search.origin } });
  };
  const accept = (): EditorState => ({
    ...state,
    search: null,
    browse: NOT_BROWSING,
    buffer: search.match === null ? search.origin : { text: state.buffer.text, cursor: state.buffer.text.length },
  });
  const cancel = (): EditorState => ({ ...state, search: null, buffer: search.origin });

  if (event.kind === 'text') return preview(setSearchQuery(entries, search, search.query + normalizeNewlines(event.text), false));
  if (event.kind !== 'key') return step(state);
  const { name, ctrl, meta } = event;
  if (ctrl && name === 'r') return preview(searchOlder(entries, search));
  if (name === 'backspace' && !meta && !ctrl) return preview(setSearchQuery(entries, search, [...search.query].slice(0, -1).join(''), true));
  if (name === 'return' && !meta && !event.shift) return step(accept());
  if (name === 'escape' || (ctrl && (name === 'c' || name === 'g'))) return step(cancel());
  // Any other key accepts the match and then acts on it, as in readline.
  return reduceEditor(accept(), event, context);
}

function handleCompletion(state: EditorState, completion: ActiveCompletion, event: KeyEvent): EditorStep | undefined {
  if (event.kind !== 'key' || event.ctrl || event.meta || completion.items.length === 0) return undefined;
  const count = completion.items.length;
  const acceptSelected = (): EditorState => {
    const item = completion.items[completion.selected]!;
    return edited(state, applyCompletion(state.buffer.text, completion.token, item));
  };
  switch (event.name) {
    case 'up':
      return step({ ...state, completionIndex: (completion.selected - 1 + count) % count });
    case 'down':
      return step({ ...state, completionIndex: (completion.selected + 1) % count });
    case 'tab':
      return event.shift ? undefined : step(acceptSelected());
    case 'return':
      if (event.shift) return undefined;
      // A file is inserted and editing continues; a command is completed and run at once.
      return completion.token.kind === 'file' ? step(acceptSelected()) : submit(acceptSelected());
    case 'escape':
      return step({ ...state, completionDismissed: true });
    default:
      return undefined;
  }
}

function handleCtrl(state: EditorState, name: string, context: EditorContext): EditorStep {
  const { buffer } = state;
  const { text, cursor } = buffer;
  switch (name) {
    case 'a':
      return step(moved(state, tb.moveLineStart(buffer)));
    case 'e':
      return step(moved(state, tb.moveLineEnd(buffer)));
    case 'b':
      return step(moved(state, tb.moveLeft(buffer)));
    case 'f':
      return step(moved(state, tb.moveRight(buffer)));
    case 'p':
      return step(up(state, context));
    case 'n':
      return step(down(state, context));
    case 'h':
      return step(backspaceKey(state));
    case 'j':
      return step(newline(state));
    case 'k': {
      const end = tb.lineEnd(text, cursor);
      // At the end of a line, Ctrl+K joins the next line (kills the newline).
      return step(kill(state, cursor, end === cursor ? Math.min(text.length, cursor + 1) : end, 'forward'));
    }
    case 'u': {
      const start = tb.lineStart(text, cursor);
      return step(kill(state, start === cursor ? Math.max(0, cursor - 1) : start, cursor, 'backward'));
    }
    case 'w':
      return step(kill(state, tb.bigWordStartBefore(text, cursor), cursor, 'backward'));
    case 'y': {
      const yanked = lastKill(state.killRing);
      return step(yanked === undefined ? state : edited(state, tb.insertText(buffer, yanked)));
    }
    case 'd':
      if (text === '') return step(state, { type: 'exit', key: 'ctrl-d' });
      return step(edited(state, tb.deleteForward(buffer)));
    case 'c':
      if (text === '') return step(state, { type: 'exit', key: 'ctrl-c' });
      return step(cleared(state));
    case 'r':
      return step({ ...state, search: { ...startSearch(), origin: buffer }, lastWasKill: false });
    case 'g':
      return step(state, { type: 'externalEdit', text: expandPastes(text, state.pastes) });
    default:
      // Ctrl+L, Ctrl+O, Ctrl+T and friends belong to the app.
      return step(state);
  }
}

function handleMeta(state: EditorState, name: string): EditorStep {
  const { text, cursor } = state.buffer;
  switch (name) {
    case 'b':
    case 'left':
      return step(moved(state, { text, cursor: tb.wordStartBefore(text, cursor) }));
    case 'f':
    case 'right':
      return step(moved(state, { text, cursor: tb.wordEndAfter(text, cursor) }));
    case 'd':
      return step(kill(state, cursor, tb.wordEndAfter(text, cursor), 'forward'));
    case 'backspace':
      return step(kill(state, tb.wordStartBefore(text, cursor), cursor, 'backward'));
    case 'return':
      return step(newline(state));
    default:
      return step(state);
  }
}

function backspaceKey(state: EditorState): EditorState {
  const { text, cursor } = state.buffer;
  const paste = pasteEndingAt(text, cursor, state.pastes);
  if (paste) {
    return {
      ...edited(state, tb.deleteRange(state.buffer, cursor - paste.placeholder.length, cursor)),
      pastes: state.pastes.filter((entry) => entry !== paste),
    };
  }
  return edited(state, tb.backspace(state.buffer));
}

/** How many earlier prompts the Esc Esc picker offers, newest first. */
export const PICKER_SIZE = 9;

/** The prompts the picker lists, newest first. */
export function pickerEntries(history: readonly string[]): string[] {
  return history.slice(-PICKER_SIZE).reverse();
}

export function reduceEditor(state: EditorState, event: EditorInput, context: EditorContext): EditorStep {
  if (state.picker) return handlePicker(state, state.picker, event, context);
  const isEscape = event.kind === 'key' && event.name === 'escape' && !event.ctrl && !event.meta;
  // Two Escapes typed quickly can arrive in one read, which decodes as Alt+Escape.
  const isDoubleEscape = event.kind === 'key' && event.name === 'escape' && !event.ctrl && event.meta;
  const emptyPrompt = state.buffer.text === '' && state.search === null;
  if ((isDoubleEscape || (isEscape && state.lastWasEscape)) && emptyPrompt && context.history.length > 0) {
    return step({ ...state, lastWasEscape: false, picker: { selected: 0 } });
  }
  const result = reduceEditorKey(state, event, context);
  return { ...result, state: { ...result.state, lastWasEscape: isEscape && emptyPrompt } };
}

function handlePicker(state: EditorState, picker: NonNullable<EditorState['picker']>, event: EditorInput, context: EditorContext): EditorStep {
  const entries = pickerEntries(context.history);
  const choose = (index: number): EditorStep => {
    const text = entries[index];
    if (text === undefined) return step(state);
    return step({ ...cleared(state), picker: null, lastWasEscape: false, buffer: { text, cursor: text.length } });
  };
  if (event.kind === 'text' && /^[1-9]$/.test(event.text)) return choose(Number(event.text) - 1);
  if (event.kind !== 'key') return step(state);
  switch (event.name) {
    case 'up':
      return step({ ...state, picker: { selected: Math.max(0, picker.selected - 1) } });
    case 'down':
      return step({ ...state, picker: { selected: Math.min(entries.length - 1, picker.selected + 1) } });
    case 'return':
      return choose(picker.selected);
    case 'escape':
      return step({ ...state, picker: null, lastWasEscape: false });
    default:
      return step(state);
  }
}

function reduceEditorKey(state: EditorState, event: EditorInput, context: EditorContext): EditorStep {
  if (event.kind === 'replace') {
    return step({ ...cleared(state), buffer: { text: normalizeNewlines(event.text), cursor: event.text.length } });
  }
  if (state.pasting !== null) {
    if (event.kind === 'pasteEnd') return step(insert({ ...state, pasting: null }, state.pasting, true));
    if (event.kind === 'text') return step({ ...state, pasting: state.pasting + event.text });
    if (event.kind === 'key' && (event.name === 'return' || (event.ctrl && event.name === 'j'))) return step({ ...state, pasting: state.pasting + '\n' });
    if (event.kind === 'key' && event.name === 'tab') return step({ ...state, pasting: state.pasting + '\t' });
    return step(state);
  }
  if (event.kind === 'pasteStart') return step({ ...state, pasting: '' });
  if (state.search) return handleSearch(state, state.search, event, context);
  if (event.kind === 'text') return step(insert(state, event.text, event.paste));
  if (event.kind !== 'key') return step(state);

  const completion = activeCompletion(state, context);
  if (completion) {
    const handled = handleCompletion(state, completion, event);
    if (handled) return handled;
  }

  const { name, ctrl, meta, shift } = event;
  if (ctrl && name.length === 1) return handleCtrl(state, name, context);
  if (ctrl && (name === 'left' || name === 'right')) return handleMeta(state, name);
  if (meta && name !== 'escape') return handleMeta(state, name);
  switch (name) {
    case 'return':
      return pressReturn(state, shift);
    case 'backspace':
      return step(backspaceKey(state));
    case 'delete':
      return step(edited(state, tb.deleteForward(state.buffer)));
    case 'left':
      return step(moved(state, tb.moveLeft(state.buffer)));
    case 'right':
      return step(moved(state, tb.moveRight(state.buffer)));
    case 'home':
      return step(moved(state, tb.moveLineStart(state.buffer)));
    case 'end':
      return step(moved(state, tb.moveLineEnd(state.buffer)));
    case 'up':
      return step(up(state, context));
    case 'down':
      return step(down(state, context));
    default:
      // Tab without a completion, Shift+Tab, Escape, page keys: nothing to do in the editor.
      return step(state);
  }
}
