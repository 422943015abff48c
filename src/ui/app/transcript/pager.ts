// Where the transcript view is scrolled to, as data. The position is kept relative to an item (which
// item is at the top, and how far into it), so it survives re-wrapping at another width; `follow`
// means "at the bottom", which stays true as new lines arrive.

export interface PagerPosition {
  follow: boolean;
  /** The item whose line is at the top, that line's offset into the item, and the item's line count then. */
  anchor: { item: number; offset: number; itemLines: number };
}

/** What the pager needs to know of the layout: each item's first line and the line count. */
export interface PagerLayout {
  starts: readonly number[];
  total: number;
}

export const followBottom = (): PagerPosition => ({ follow: true, anchor: { item: 0, offset: 0, itemLines: 1 } });

export const maxTop = (total: number, height: number): number => Math.max(0, total - height);

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

function linesOfItem(layout: PagerLayout, item: number): number {
  return (layout.starts[item + 1] ?? layout.total) - (layout.starts[item] ?? 0);
}

/** The first visible line for a position, in a layout `height` lines tall. */
export function topLine(position: PagerPosition, layout: PagerLayout, height: number): number {
  const bottom = maxTop(layout.total, height);
  if (position.follow || layout.starts.length === 0) return bottom;
  const { item, offset, itemLines } = position.anchor;
  const index = Math.min(item, layout.starts.length - 1);
  const now = linesOfItem(layout, index);
  // The item was re-wrapped: keep the same fraction of it above the top.
  const scaled = itemLines === now ? offset : Math.floor((offset * now) / Math.max(1, itemLines));
  return clamp(layout.starts[index]! + Math.min(scaled, now - 1), 0, bottom);
}

/** The position whose top line is `top` (clamped); at the last page it follows new lines. */
export function positionAt(top: number, layout: PagerLayout, height: number): PagerPosition {
  const bottom = maxTop(layout.total, height);
  const line = clamp(top, 0, bottom);
  if (line >= bottom) return followBottom();
  let item = 0;
  let low = 0;
  let high = layout.starts.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (layout.starts[mid]! <= line) {
      item = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return { follow: false, anchor: { item, offset: line - layout.starts[item]!, itemLines: linesOfItem(layout, item) } };
}

export function scrollBy(position: PagerPosition, lines: number, layout: PagerLayout, height: number): PagerPosition {
  return positionAt(topLine(position, layout, height) + lines, layout, height);
}

/** Scrolls just enough to show `line`, with a few lines of context above it when it was out of view. */
export function reveal(position: PagerPosition, line: number, layout: PagerLayout, height: number): PagerPosition {
  const top = topLine(position, layout, height);
  if (line >= top && line < top + height) return position;
  return positionAt(line - Math.min(3, Math.floor(height / 4)), layout, height);
}
