import { fstatSync } from 'node:fs';

export const MAX_STDIN_BYTES = 10 * 1024 * 1024;

/**
 * True when stdin carries data worth waiting for: a pipe, a file or a socket. A terminal or
 * /dev/null (a character device) never does, so print mode must not block on it.
 */
export function stdinHasInput(): boolean {
  try {
    const stats = fstatSync(0);
    return stats.isFIFO() || stats.isFile() || stats.isSocket();
  } catch {
    return false;
  }
}

/** Reads all of stdin as text, refusing more than MAX_STDIN_BYTES. */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_STDIN_BYTES) throw new Error(`Piped input is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
