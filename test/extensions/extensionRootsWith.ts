// A temporary home, user config and project holding the given files (paths relative to a base that
// contains `home/` and `repo/`), as extension loaders see them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function extensionRootsWith(files: Record<string, string>): { home: string; configDir: string; projectRoot: string } {
  const base = mkdtempSync(join(tmpdir(), 'wright-extensions-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(base, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { home: join(base, 'home'), configDir: join(base, 'home', '.wright'), projectRoot: join(base, 'repo') };
}
