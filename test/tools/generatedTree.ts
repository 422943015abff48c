import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './toolTestContext.js';

export const GENERATED_FILES = 3000;

/**
 * A git repository with GENERATED_FILES text files spread over 30 directories, each holding one
 * line with "match me", plus a git-ignored `ignored/secret.txt` that matches too.
 */
export function generatedRepository(): string {
  const dir = makeTempDir();
  execFileSync('git', ['init', '-q'], { cwd: dir });
  for (let index = 0; index < GENERATED_FILES; index++) {
    const folder = join(dir, 'src', `dir${index % 30}`);
    if (index < 30) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `file${index}.txt`), `header ${index}\nmatch me ${index}\n`);
  }
  writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
  mkdirSync(join(dir, 'ignored'));
  writeFileSync(join(dir, 'ignored', 'secret.txt'), 'match me ignored\n');
  return dir;
}
