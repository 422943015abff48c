// Streaming support: which part of a growing message can no longer change its rendering.
import { lexMarkdown } from './renderMarkdown.js';

export interface StableSplit {
  /** Complete top-level blocks: render once (to scrollback) and never again. */
  stable: string;
  /** The block still being written (and anything after it): re-render on every delta. */
  tail: string;
}

/** Offset in `original` of offset `target` in its copy with CRLF/CR line endings turned into LF. */
function originalOffset(original: string, target: number): number {
  let i = 0;
  for (let j = 0; j < target; j++) i += original[i] === '\r' && original[i + 1] === '\n' ? 2 : 1;
  return i;
}

/**
 * Splits `markdown` so that `stable + tail === markdown` and `stable` ends on a top-level block
 * boundary that later text cannot move: a block is stable once a later block has begun on a complete
 * line (only then is it settled that the next line does not continue it, e.g. `#` alone can still turn
 * into paragraph text `#foo`). Rendering `stable` and `tail` separately gives the same lines as rendering
 * the whole, with one blank separator line between the two parts.
 *
 * Call it on the not-yet-committed remainder of the message (the text after the last stable prefix you
 * rendered): blocks start fresh at a boundary, and lexing only the remainder keeps each delta cheap.
 * Known limit: a link reference definition (`[x]: url`) only applies within the part it lands in.
 */
export function splitStableMarkdown(markdown: string): StableSplit {
  const normalized = markdown.replace(/\r\n?/g, '\n');
  const complete = normalized.slice(0, normalized.lastIndexOf('\n') + 1);
  const tokens = lexMarkdown(complete);
  if (tokens.map((t) => t.raw).join('') !== complete) return { stable: '', tail: markdown };
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last]!.type === 'space') last--;
  if (last <= 0) return { stable: '', tail: markdown };
  let cut = 0;
  for (let i = 0; i < last; i++) cut += tokens[i]!.raw.length;
  const offset = normalized.length === markdown.length ? cut : originalOffset(markdown, cut);
  return { stable: markdown.slice(0, offset), tail: markdown.slice(offset) };
}
