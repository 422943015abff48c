import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_GLOB_RESULTS, globTool } from '../../src/tools/globTool.js';
import { GENERATED_FILES, generatedRepository } from './generatedTree.js';
import { deniesEnvAndSecrets, makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

/** Creates files with mtimes one minute apart in the given order (first = oldest). */
function tree(files: string[]): string {
  const dir = makeTempDir();
  const base = Date.now() / 1000 - 3600;
  files.forEach((file, index) => {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, base + index * 60, base + index * 60);
  });
  return dir;
}

describe('Glob', () => {
  it('returns absolute paths sorted by modification time, newest first', async () => {
    const dir = tree(['src/old.ts', 'src/deep/middle.ts', 'newest.ts']);
    const result = await globTool.run({ pattern: '**/*.ts' }, makeContext(dir));
    assert.deepEqual(textOf(result).split('\n'), [
      join(dir, 'newest.ts'),
      join(dir, 'src/deep/middle.ts'),
      join(dir, 'src/old.ts'),
    ]);
  });

  it('follows standard glob rules: *.ts stays in the directory, **/*.ts goes deep', async () => {
    const dir = tree(['top.ts', 'nested/inner.ts', 'top.js']);
    assert.equal(textOf(await globTool.run({ pattern: '*.ts' }, makeContext(dir))), join(dir, 'top.ts'));
    assert.equal(textOf(await globTool.run({ pattern: 'nested/*.ts' }, makeContext(dir))), join(dir, 'nested/inner.ts'));
  });

  it(`caps results at ${MAX_GLOB_RESULTS} with a truncation note`, async () => {
    const dir = tree(Array.from({ length: 120 }, (_, index) => `f${index}.txt`));
    const result = await globTool.run({ pattern: '*.txt' }, makeContext(dir));
    const lines = textOf(result).split('\n');
    assert.equal(lines.filter((line) => line.startsWith(dir)).length, MAX_GLOB_RESULTS);
    assert.equal(lines[0], join(dir, 'f119.txt'));
    assert.match(textOf(result), /truncated: showing the 100 most recently modified of 120 matching files; 20 more not shown/);
    assert.equal((result.data as { truncated: boolean }).truncated, true);
  });

  it('ignores .gitignore but skips .git', async () => {
    const dir = tree(['.gitignore', 'build/out.js', 'node_modules/pkg/index.js', '.git/hooks/pre.js', 'app.js']);
    writeFileSync(join(dir, '.gitignore'), 'build/\nnode_modules/\n');
    const found = textOf(await globTool.run({ pattern: '**/*.js' }, makeContext(dir))).split('\n').sort();
    assert.deepEqual(found, [join(dir, 'app.js'), join(dir, 'build/out.js'), join(dir, 'node_modules/pkg/index.js')]);
  });

  it('includes hidden files', async () => {
    const dir = tree(['.config/settings.json']);
    assert.equal(textOf(await globTool.run({ pattern: '**/*.json' }, makeContext(dir))), join(dir, '.config/settings.json'));
  });

  it('searches under path, and accepts an absolute pattern', async () => {
    const dir = tree(['a/one.md', 'b/two.md']);
    const ctx = makeContext(dir);
    assert.equal(textOf(await globTool.run({ pattern: '*.md', path: join(dir, 'b') }, ctx)), join(dir, 'b/two.md'));
    assert.equal(textOf(await globTool.run({ pattern: join(dir, 'a/**/*.md') }, ctx)), join(dir, 'a/one.md'));
  });

  it('treats path "undefined" as omitted', async () => {
    const dir = tree(['x.txt']);
    assert.equal(textOf(await globTool.run({ pattern: '*.txt', path: 'undefined' }, makeContext(dir))), join(dir, 'x.txt'));
  });

  it('says so when nothing matches', async () => {
    const dir = tree(['a.txt']);
    const result = await globTool.run({ pattern: '**/*.rs' }, makeContext(dir));
    assert.equal(result.isError, undefined);
    assert.equal(textOf(result), 'No files found');
  });

  it('reports a missing search directory as an error', async () => {
    const dir = tree([]);
    const result = await globTool.run({ pattern: '*', path: join(dir, 'absent') }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /does not exist/);
  });

  it('accepts a literal file path as the pattern', async () => {
    const dir = tree(['exact.txt']);
    assert.equal(textOf(await globTool.run({ pattern: 'exact.txt' }, makeContext(dir))), join(dir, 'exact.txt'));
  });

  it('does not list once the signal has aborted', async () => {
    const dir = tree(['a.txt']);
    const controller = new AbortController();
    controller.abort();
    const result = await globTool.run({ pattern: '*' }, makeContext(dir, { signal: controller.signal }));
    assert.equal(result.isError, true);
  });

  it('is read-only', () => {
    assert.equal(globTool.isReadOnly({ pattern: '*' }), true);
  });
});

describe('Glob with read deny rules', () => {
  it('leaves out files that may not be read and says how many', async () => {
    const dir = tree(['app.ts', '.env', 'config/.env', 'secrets/key.ts', 'secretsNot/visible.ts']);
    const ctx = makeContext(dir, { isReadDenied: deniesEnvAndSecrets(dir) });
    const result = await globTool.run({ pattern: '**/*' }, ctx);
    const lines = textOf(result).split('\n');
    assert.deepEqual(lines.filter((line) => line.startsWith(dir)), [join(dir, 'secretsNot/visible.ts'), join(dir, 'app.ts')]);
    assert.equal(lines.at(-1), '(3 files hidden by permission deny rules)');
    assert.deepEqual((result.data as { filenames: string[] }).filenames, [join(dir, 'secretsNot/visible.ts'), join(dir, 'app.ts')]);
  });

  it('fills the result cap with allowed files when denied ones are the newest', async () => {
    const allowed = Array.from({ length: 110 }, (_, index) => `f${index}.txt`);
    const denied = Array.from({ length: 20 }, (_, index) => `secrets/s${index}.txt`);
    const dir = tree([...allowed, ...denied]);
    const result = await globTool.run({ pattern: '**/*.txt' }, makeContext(dir, { isReadDenied: deniesEnvAndSecrets(dir) }));
    const shown = textOf(result).split('\n').filter((line) => line.startsWith(dir));
    assert.equal(shown.length, MAX_GLOB_RESULTS);
    assert.equal(shown[0], join(dir, 'f109.txt'));
    assert.ok(shown.every((line) => !line.includes('/secrets/')));
    assert.match(textOf(result), /100 most recently modified of 110/);
    assert.match(textOf(result), /\(20 files hidden by permission deny rules\)/);
  });

  it('hides a denied file named literally, with the note instead of its path', async () => {
    const dir = tree(['.env']);
    const result = await globTool.run({ pattern: '.env' }, makeContext(dir, { isReadDenied: deniesEnvAndSecrets(dir) }));
    assert.equal(textOf(result), 'No files found\n(1 file hidden by permission deny rules)');
  });

  it('adds no note when nothing was hidden', async () => {
    const dir = tree(['a.ts']);
    const result = await globTool.run({ pattern: '*.ts' }, makeContext(dir, { isReadDenied: deniesEnvAndSecrets(dir) }));
    assert.equal(textOf(result), join(dir, 'a.ts'));
  });
});

describe('Glob over a generated tree of thousands of files', () => {
  let dir = '';
  before(() => {
    dir = generatedRepository();
    const future = Date.now() / 1000 + 60;
    utimesSync(join(dir, 'src', 'dir7', 'file1237.txt'), future, future);
  });

  it(`lists the ${MAX_GLOB_RESULTS} newest and says how many were left out, git-ignored files counted`, async () => {
    const text = textOf(await globTool.run({ pattern: '**/*.txt' }, makeContext(dir)));
    const lines = text.split('\n');
    assert.equal(lines.filter((line) => line.startsWith(dir)).length, MAX_GLOB_RESULTS);
    assert.equal(lines[0], join(dir, 'src', 'dir7', 'file1237.txt'));
    const total = GENERATED_FILES + 1;
    assert.match(text, new RegExp(`of ${total} matching files; ${total - MAX_GLOB_RESULTS} more not shown`));
  });

  it('finds a git-ignored file', async () => {
    const text = textOf(await globTool.run({ pattern: '**/secret.txt' }, makeContext(dir)));
    assert.equal(text, join(dir, 'ignored', 'secret.txt'));
  });
});

describe('Glob description', () => {
  it('states the order, the cap, the ignore rule and parallel use', () => {
    assert.match(globTool.description, /most recently modified first, at most 100; a note says how many more matched/);
    assert.match(globTool.description, /Does NOT respect \.gitignore/);
    assert.match(globTool.description, /rather than find or ls through Bash/);
    assert.match(globTool.description, /in parallel: several calls in one response/);
  });
});
