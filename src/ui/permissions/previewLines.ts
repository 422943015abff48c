/** Cutting a preview to a height the dialog can show, saying how much was left out. */

export const MAX_PREVIEW_LINES = 20;

export interface CutPreview {
  lines: string[];
  /** How many lines were left out; 0 when the preview fits. */
  hidden: number;
}

export function cutPreview(text: string, maxLines = MAX_PREVIEW_LINES): CutPreview {
  const all = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  if (all.length <= maxLines) return { lines: all, hidden: 0 };
  // Leave room for the "… N more lines" line itself.
  const shown = Math.max(1, maxLines - 1);
  return { lines: all.slice(0, shown), hidden: all.length - shown };
}

export function moreLinesLabel(hidden: number): string {
  return `… ${hidden} more line${hidden === 1 ? '' : 's'}`;
}
