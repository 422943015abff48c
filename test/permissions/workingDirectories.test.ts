import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isInsideWorkingDirectories } from '../../src/permissions/workingDirectories.js';
import { makeTempDir, makePolicy, tool } from './policyFixture.js';

const base = makeTempDir('wright-wd-');
const repo = join(base, 'repo');
const repo2 = join(base, 'repo2');
const extra = join(base, 'extra');
for (const dir of [repo, repo2, extra, join(repo, 'src')]) mkdirSync(dir, { recursive: true });
writeFileSync(join(repo2, 'secret'), 's');
symlinkSync(repo2, join(repo, 'link-out'));
symlinkSync(join(repo, 'src'), join(base, 'link-in'));

describe('isInsideWorkingDirectories', () => {
  const table: Array<[string, boolean]> = [
    [join(repo, 'src', 'a.ts'), true],
    [repo, true],
    [join(repo, 'new', 'file.ts'), true],
    [`${repo}/src/../src/a.ts`, true],
    [`${repo}/../repo2/secret`, false],
    [`${repo}/src/../../repo2/secret`, false],
    [repo2, false],
    [join(repo2, 'secret'), false],
    [`${repo}2`, false],
    [join(repo, 'link-out', 'secret'), false],
    [join(repo, 'link-out'), false],
    [join(repo, 'link-out', 'not-yet-created'), false],
    [join(base, 'link-in', 'a.ts'), false],
    [join(extra, 'x'), true],
    ['/', false],
    ['src/a.ts', true],
    ['../repo2/secret', false],
  ];
  for (const [path, expected] of table) {
    it(`${path.replace(base, '<base>')} is ${expected ? 'inside' : 'outside'}`, () => {
      assert.equal(isInsideWorkingDirectories(path, [repo, extra]), expected);
    });
  }

  it('accepts working directories given through a symlink', () => {
    assert.equal(isInsideWorkingDirectories(join(repo, 'src', 'a.ts'), [join(base, 'link-in', '..', 'repo')]), true);
    assert.equal(isInsideWorkingDirectories(join(repo, 'src', 'a.ts'), [join(base, 'link-in')]), true);
  });
  it('is false with no working directories', () => {
    assert.equal(isInsideWorkingDirectories(repo, []), false);
  });
});

describe('read-only tools and the working directories', () => {
  const policy = makePolicy({ cwd: repo, workingDirectories: [repo, extra] });
  it('allows reads inside, asks outside', () => {
    assert.equal(tool('Read', { file_path: join(repo, 'src', 'a.ts') }, policy, true).behavior, 'allow');
    assert.equal(tool('Read', { file_path: join(extra, 'x') }, policy, true).behavior, 'allow');
    assert.equal(tool('Read', { file_path: join(repo2, 'secret') }, policy, true).behavior, 'ask');
    assert.equal(tool('Read', { file_path: `${repo}/../repo2/secret` }, policy, true).behavior, 'ask');
    assert.equal(tool('Read', { file_path: join(repo, 'link-out', 'secret') }, policy, true).behavior, 'ask');
    assert.equal(tool('Grep', { pattern: 'x', path: '/' }, policy, true).behavior, 'ask');
    assert.equal(tool('Glob', { pattern: '**' }, policy, true).behavior, 'allow');
  });
  it('says how to widen access', () => {
    assert.match(tool('Read', { file_path: '/etc/hosts' }, policy, true).reason, /outside the working directories.*--add-dir.*Read\(\/\/etc\/hosts\)/);
  });
  it('Bash follows the same boundaries, symlinks included', () => {
    assert.equal(tool('Bash', { command: 'cat link-out/secret' }, policy, true).behavior, 'ask');
    assert.equal(tool('Bash', { command: `ls ${extra}` }, policy, true).behavior, 'allow');
    assert.equal(tool('Bash', { command: 'ls ../repo2' }, policy, true).behavior, 'ask');
  });
});

describe('Glob patterns that reach outside', () => {
  const policy = makePolicy({ cwd: repo, workingDirectories: [repo] });
  const table: Array<[Record<string, unknown>, string]> = [
    [{ pattern: '**/*.ts' }, 'allow'],
    [{ pattern: 'src/**/*.ts' }, 'allow'],
    [{ pattern: '/etc/**' }, 'ask'],
    [{ pattern: '../repo2/*' }, 'ask'],
    [{ pattern: '~/.ssh/*' }, 'ask'],
    [{ pattern: 'link-out/*' }, 'ask'],
    [{ pattern: '*', path: '/etc' }, 'ask'],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(tool('Glob', input, policy, true).behavior, expected));
  }
});
