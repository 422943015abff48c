import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findProjectRoot, projectDirName, transcriptDir } from '../../src/config/paths.js';
import { makeTempDir, removeTempDirs } from './tempFiles.js';

after(removeTempDirs);

describe('projectDirName', () => {
  it('replaces every non-alphanumeric character with a dash', () => {
    assert.equal(projectDirName('/home/u/work/repo'), '-home-u-work-repo');
    assert.equal(projectDirName('/a/my_project.v2 (copy)/é'), '-a-my-project-v2--copy---');
  });

  it('cuts names over 200 characters and adds a hash of the full path', () => {
    const base = `/${'x'.repeat(250)}`;
    const first = projectDirName(`${base}/one`);
    const second = projectDirName(`${base}/two`);
    assert.ok(first.startsWith(`-${'x'.repeat(199)}-`));
    assert.equal(first.length, 200 + 1 + 8);
    assert.notEqual(first, second);
    assert.equal(projectDirName(`${base}/one`), first, 'stable');
  });

  it('leaves a 200-character name alone', () => {
    const cwd = `/${'y'.repeat(199)}`;
    assert.equal(projectDirName(cwd), `-${'y'.repeat(199)}`);
  });
});

describe('transcriptDir', () => {
  it('lives under <configDir>/projects', () => {
    assert.equal(transcriptDir('/home/u/.wright', '/home/u/repo'), '/home/u/.wright/projects/-home-u-repo');
  });
});

describe('findProjectRoot', () => {
  it('finds the nearest ancestor with .git', () => {
    const root = makeTempDir();
    execFileSync('git', ['init', '-q', root]);
    const deep = join(root, 'src', 'deep');
    mkdirSync(deep, { recursive: true });
    assert.equal(findProjectRoot(deep), root);
    assert.equal(findProjectRoot(root), root);
  });

  it('accepts a .git file (worktrees, submodules)', () => {
    const root = makeTempDir();
    execFileSync('git', ['init', '-q', join(root, 'main')]);
    execFileSync('git', ['-C', join(root, 'main'), '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false',
      'commit', '-q', '--allow-empty', '-m', 'init']);
    execFileSync('git', ['-C', join(root, 'main'), 'worktree', 'add', '-q', join(root, 'tree')]);
    mkdirSync(join(root, 'tree', 'sub'));
    assert.equal(findProjectRoot(join(root, 'tree', 'sub')), join(root, 'tree'));
  });

  it('returns cwd outside any repository', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'a'));
    assert.equal(findProjectRoot(join(dir, 'a')), join(dir, 'a'));
  });
});
