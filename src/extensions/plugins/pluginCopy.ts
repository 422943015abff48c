// Copying a plugin or marketplace directory into wright's store. The top-level `.git` is left behind. A symbolic
// link is kept only when it points inside the directory being copied (it is recreated as a relative
// link); one that leads out of it — `docs -> /etc`, `x -> ../../secret` — is skipped with a warning,
// so installing never copies files from outside what was installed.
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export function copyPluginTree(source: string, destination: string): { warnings: string[] } {
  const root = realpathSync(source);
  const warnings: string[] = [];
  copyDirectory(root, destination, root, warnings);
  return { warnings };
}

function copyDirectory(from: string, to: string, root: string, warnings: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    // Only the top-level checkout is left out, as the signature digest does (pluginDigest.ts).
    if (entry.name === '.git' && from === root) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isSymbolicLink()) {
      copyLink(source, target, root, warnings);
    } else if (entry.isDirectory()) {
      copyDirectory(source, target, root, warnings);
    } else if (entry.isFile()) {
      copyFileSync(source, target);
    }
  }
}

function copyLink(source: string, target: string, root: string, warnings: string[]): void {
  let real: string;
  try {
    real = realpathSync(source);
  } catch {
    warnings.push(`Skipped ${relative(root, source)}: a broken symbolic link.`);
    return;
  }
  if (!isInside(real, root)) {
    warnings.push(`Skipped ${relative(root, source)}: a symbolic link to ${readlinkSync(source)}, outside the plugin.`);
    return;
  }
  // Recreated relative to where it sits, so the copy points into the copy.
  const linkTarget = relative(dirname(source), real) || '.';
  symlinkSync(linkTarget, target, lstatSync(real).isDirectory() ? 'dir' : 'file');
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}
