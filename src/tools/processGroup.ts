import { readdirSync, readFileSync } from 'node:fs';

// Commands run as leaders of their own process group (spawned `detached`), so signalling the negative
// pid reaches everything they started: `sleep` under bash, a dev server's workers, and so on.

/**
 * True while a process of the group is still running. Zombies do not count: an orphan killed along
 * with its group waits for init to reap it, which in some containers takes a second or more. Without
 * /proc every member counts.
 */
export function groupIsAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
  } catch {
    return false;
  }
  return groupHasRunningMember(pid);
}

function groupHasRunningMember(groupId: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state, ppid, pgrp, …
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === groupId && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export const DEFAULT_KILL_GRACE_MS = 2000;
const POLL_MS = 25;

/**
 * SIGTERM to the group, then SIGKILL to whatever is left once the grace period runs out. Resolves
 * when the leader has exited and no member is left running (or, failing that, after a second grace
 * period).
 */
export async function terminateGroup(pid: number | undefined, exited: Promise<unknown>, graceMs = DEFAULT_KILL_GRACE_MS): Promise<void> {
  if (pid === undefined) return;
  let leaderGone = false;
  void exited.then(() => (leaderGone = true));
  const ended = () => leaderGone && !groupIsAlive(pid);
  killGroup(pid, 'SIGTERM');
  if (await pollUntil(ended, graceMs)) return;
  killGroup(pid, 'SIGKILL');
  await pollUntil(ended, graceMs);
}

/** True as soon as `check` holds, false when `withinMs` passes first. */
async function pollUntil(check: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}
