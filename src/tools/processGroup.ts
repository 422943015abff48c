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
 * SIGTERM to the group, then SIGKILL to whatever is left once `exited` settles and the group is empty,
 * or the grace period runs out. Resolves when the leader has exited (or after a last short wait).
 */
export async function terminateGroup(pid: number | undefined, exited: Promise<unknown>, graceMs = DEFAULT_KILL_GRACE_MS): Promise<void> {
  if (pid === undefined) return;
  killGroup(pid, 'SIGTERM');
  let leaderGone = false;
  void exited.then(() => (leaderGone = true));
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && !(leaderGone && !groupIsAlive(pid))) await sleep(POLL_MS);
  if (groupIsAlive(pid)) killGroup(pid, 'SIGKILL');
  await settledWithin(exited, graceMs);
}

/** Waits for `promise`, but no longer than `ms`; the timer never outlives the wait. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
