import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** Dead, or a zombie waiting for init to reap it (which can take a while in containers). */
export function isProcessDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export async function isProcessGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (isProcessDead(pid)) return true;
    await delay(50);
  }
  return false;
}

/** Polls `check` until it is true; false when `withinMs` passes first. */
export async function eventually(check: () => boolean | Promise<boolean>, withinMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await delay(50);
  }
  return false;
}
