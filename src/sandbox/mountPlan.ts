// Linux: the policy as an ordered list of mounts over a read-only view of the whole filesystem.
// Later mounts cover earlier ones, so the list is sorted shallow-first and, for one path, from more
// access to less: a working directory under a hidden home is bound after the home is hidden, and a
// protected `.git/hooks` is made read-only after its working directory was made writable.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPathInside } from './pathInside.js';
import type { SandboxPolicy } from './sandboxPolicy.js';
import { PROTECTED_DIRECTORIES, PROTECTED_FILES } from './sensitivePaths.js';

export type MountOp =
  /** Writable. */
  | { op: 'bind'; path: string }
  | { op: 'readOnly'; path: string }
  /** A protected directory that does not exist: an empty read-only directory, so it cannot be created. */
  | { op: 'maskMissingDir'; path: string }
  /** An empty directory nobody can list; `searchable` when mounts inside it must stay reachable. */
  | { op: 'hideDir'; path: string; searchable: boolean }
  /** A file (or socket) replaced by an unreadable empty file. */
  | { op: 'hideFile'; path: string }
  /** Readable again inside a hidden directory (`filesystem.allowRead`). */
  | { op: 'reopen'; path: string };

export type PathKind = 'directory' | 'file' | 'missing';

/** Follows symlinks: a bind mount does too. */
export function pathKind(path: string): PathKind {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

export interface MountRequest {
  policy: SandboxPolicy;
  /** Writable besides the policy's roots: the sandbox temp dir, files the wrapper writes back. */
  extraWritable: readonly string[];
  /** Readable even inside hidden paths: the proxy socket and relay script. */
  extraReadable?: readonly string[];
  kindOf?: (path: string) => PathKind;
}

const RANK: Record<MountOp['op'], number> = { bind: 0, readOnly: 1, maskMissingDir: 1, hideDir: 2, hideFile: 2, reopen: 3 };

/** Our own /dev and /proc are mounted separately; nothing goes over them. */
const SYSTEM_MOUNTS = ['/dev', '/proc'];

export function planMounts({ policy, extraWritable, extraReadable = [], kindOf = pathKind }: MountRequest): MountOp[] {
  const ops: MountOp[] = [];
  const exists = (path: string) => kindOf(path) !== 'missing';

  for (const path of [...policy.writableRoots, ...extraWritable]) if (exists(path)) ops.push({ op: 'bind', path });
  for (const root of policy.protectedRoots) {
    if (kindOf(root) !== 'directory') continue;
    for (const { path, maskWhenMissing } of PROTECTED_DIRECTORIES) {
      const full = join(root, path);
      const kind = kindOf(full);
      if (kind !== 'missing') ops.push({ op: 'readOnly', path: full });
      else if (maskWhenMissing && kindOf(dirname(full)) === 'directory') ops.push({ op: 'maskMissingDir', path: full });
    }
    for (const path of PROTECTED_FILES) {
      const full = join(root, path);
      if (exists(full)) ops.push({ op: 'readOnly', path: full });
    }
  }
  for (const path of policy.denyWrite) if (exists(path)) ops.push({ op: 'readOnly', path });
  for (const path of extraReadable) if (exists(path)) ops.push({ op: 'reopen', path });
  const reopened = policy.allowRead.filter((path) => exists(path) && policy.denyRead.some((denied) => isPathInside(path, denied) && path !== denied));
  for (const path of policy.denyRead) {
    const kind = kindOf(path);
    if (kind === 'missing' || policy.allowRead.includes(path)) continue;
    if (kind === 'file') {
      ops.push({ op: 'hideFile', path });
      continue;
    }
    const inner = [...ops.map((op) => op.path), ...reopened].some((other) => other !== path && isPathInside(other, path));
    ops.push({ op: 'hideDir', path, searchable: inner });
  }
  for (const path of reopened) ops.push({ op: 'reopen', path });

  const kept = ops.filter((op) => !SYSTEM_MOUNTS.some((system) => isPathInside(op.path, system)));
  return sortMounts(dedupe(kept));
}

function depth(path: string): number {
  return path.split('/').filter(Boolean).length;
}

function sortMounts(ops: MountOp[]): MountOp[] {
  return ops
    .map((op, index) => ({ op, index }))
    .sort((a, b) => depth(a.op.path) - depth(b.op.path) || RANK[a.op.op] - RANK[b.op.op] || a.index - b.index)
    .map(({ op }) => op);
}

function dedupe(ops: MountOp[]): MountOp[] {
  const seen = new Set<string>();
  return ops.filter((op) => {
    const key = `${op.op}\0${op.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
