/**
 * `denyViews` of a simple command, computed once per command: the destructive-command guard, the
 * protected-path check and the directory tracking all look through the same wrappers, and on a
 * command with thousands of launchers each look costs real time.
 */
import type { BashCommand } from './bashAnalysis.js';
import { denyViews, type DenyView } from './bashWrappers.js';

const cache = new WeakMap<BashCommand, DenyView[]>();

export function commandViews(command: BashCommand): DenyView[] {
  let views = cache.get(command);
  if (views === undefined) {
    views = denyViews(command.words);
    cache.set(command, views);
  }
  return views;
}
