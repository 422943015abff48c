// Commands run as leaders of their own process group (spawned `detached`), so signalling the negative
// pid reaches everything they started: `sleep` under bash, a dev server's workers, and so on.

/** True while any process of the group is left (zombies waiting to be reaped included). */
export function groupIsAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
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
  // Zombies keep a group "alive" until init reaps them; a SIGKILL to them is harmless.
  if (groupIsAlive(pid)) killGroup(pid, 'SIGKILL');
  await Promise.race([exited, sleep(graceMs)]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
