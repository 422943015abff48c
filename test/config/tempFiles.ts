// Test helpers: real temporary directories and files.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LoadSettingsOptions } from '../../src/config/settings.js';

const created: string[] = [];

/** A fresh directory under the OS temp dir, with symlinks resolved (macOS /var → /private/var). */
export function makeTempDir(prefix = 'wright-test-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

/** Removes every directory makeTempDir created in this test file; call it from `after`. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (relative path → text) under `root`, creating directories as needed. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

/** A home directory with a project in it, and a managed settings path outside both. */
export function settingsWorld(): LoadSettingsOptions & { root: string } {
  const root = makeTempDir();
  const home = join(root, 'home');
  const projectRoot = join(home, 'work', 'repo');
  return {
    root,
    home,
    projectRoot,
    cwd: join(projectRoot, 'packages', 'app'),
    configDir: join(home, '.wright'),
    managedPath: join(root, 'etc', 'wright', 'settings.json'),
  };
}
