// Writes finished items to the terminal's scrollback, each once, through Ink's <Static>. Static
// writes the items past the count it has already seen, so it wants one array that only grows; the
// conversation keeps only its latest items, so this hands Static one batch of new items at a time
// (a fresh Static per batch) and holds on to nothing already written.
import { Static, Text } from 'ink';
import { Fragment, useState, type ReactNode } from 'react';

export interface ScrollbackProps<Item> {
  /** The latest items, oldest first; earlier ones may have been dropped once written. */
  recent: readonly Item[];
  /** How many items there have been in all, `recent` being the last of them. */
  total: number;
  children: (item: Item) => ReactNode;
}

interface Batch<Item> {
  /** The position of the batch's first item among all items. */
  from: number;
  items: Item[];
  /** Items that were dropped before they could be written (more arrived at once than `recent` holds). */
  missed: number;
}

export function Scrollback<Item>({ recent, total, children }: ScrollbackProps<Item>) {
  const [batch, setBatch] = useState<Batch<Item>>(() => ({ from: total - recent.length, items: [...recent], missed: 0 }));
  const written = batch.from + batch.items.length;
  if (total > written) {
    // Adjusting state while rendering: React renders again at once, before anything is written.
    const unwritten = total - written;
    const items = recent.slice(Math.max(0, recent.length - unwritten));
    setBatch({ from: total - items.length, items, missed: unwritten - items.length });
  }
  return (
    <Static key={batch.from} items={batch.items}>
      {(item, index) => (
        <Fragment key={batch.from + index}>
          {index === 0 && batch.missed > 0 ? <Text dimColor>{`… ${batch.missed} items not shown`}</Text> : null}
          {children(item)}
        </Fragment>
      )}
    </Static>
  );
}
