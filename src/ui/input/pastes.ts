/**
 * Large pastes are kept out of the editor: the buffer shows a short placeholder such as
 * `[Pasted text #1 +42 lines]` and the full text is put back when the prompt is submitted.
 */
export interface PastedText {
  readonly id: number;
  readonly placeholder: string;
  readonly text: string;
}

export const PASTE_COLLAPSE_CHARS = 800;
export const PASTE_COLLAPSE_LINES = 10;

/** Terminals send '\r' for line breaks in pastes; the buffer only ever holds '\n'. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function shouldCollapse(text: string): boolean {
  return text.length > PASTE_COLLAPSE_CHARS || text.split('\n').length > PASTE_COLLAPSE_LINES;
}

export function makePaste(id: number, text: string): PastedText {
  const extraLines = text.split('\n').length - 1;
  const size = extraLines > 0 ? `+${extraLines} lines` : `${text.length} chars`;
  return { id, placeholder: `[Pasted text #${id} ${size}]`, text };
}

/** Replaces each placeholder still present in the text with its paste; edited placeholders stay as typed. */
export function expandPastes(text: string, pastes: readonly PastedText[]): string {
  let expanded = text;
  for (const paste of pastes) expanded = expanded.split(paste.placeholder).join(paste.text);
  return expanded;
}

/** The paste whose placeholder ends exactly at `offset`, so Backspace removes it whole. */
export function pasteEndingAt(text: string, offset: number, pastes: readonly PastedText[]): PastedText | undefined {
  return pastes.find((paste) => offset >= paste.placeholder.length && text.slice(offset - paste.placeholder.length, offset) === paste.placeholder);
}
