/**
 * The kill ring behind Ctrl+K/U/W and Alt+D/Backspace, yanked with Ctrl+Y. Consecutive kills merge
 * into one entry, as in readline: killing forward appends, killing backward prepends.
 */
export interface KillRing {
  readonly entries: readonly string[];
}

export const EMPTY_KILL_RING: KillRing = { entries: [] };
const MAX_ENTRIES = 16;

export type KillDirection = 'forward' | 'backward';

export function pushKill(ring: KillRing, killed: string, direction: KillDirection, mergeWithLast: boolean): KillRing {
  if (killed === '') return ring;
  const last = ring.entries.at(-1);
  if (mergeWithLast && last !== undefined) {
    const merged = direction === 'forward' ? last + killed : killed + last;
    return { entries: [...ring.entries.slice(0, -1), merged] };
  }
  return { entries: [...ring.entries, killed].slice(-MAX_ENTRIES) };
}

export function lastKill(ring: KillRing): string | undefined {
  return ring.entries.at(-1);
}
