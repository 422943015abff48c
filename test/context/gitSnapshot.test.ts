import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gitSnapshot, MAX_STATUS_CHARS } from '../../src/context/gitSnapshot.js';
import { makeTempDir, removeTempDirs, writeFiles } from '../config/tempFiles.js';

after(removeTempDirs);

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'ignore',
  });
}

function repository(): string {
  const dir = makeTempDir();
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

describe('gitSnapshot', () => {
  it('describes a real repository', async () => {
    const dir = repository();
    for (let i = 1; i <= 6; i++) {
      writeFiles(dir, { 'file.txt': `version ${i}\n` });
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', `commit number ${i}`);
    }
    git(dir, 'checkout', '-q', '-b', 'feature/x');
    writeFiles(dir, { 'file.txt': 'changed\n', 'new.txt': 'untracked\n' });
    mkdirSync(join(dir, 'sub'));

    const snapshot = await gitSnapshot(join(dir, 'sub'));
    assert.ok(snapshot);
    assert.equal(snapshot.branch, 'feature/x');
    assert.equal(snapshot.mainBranch, 'main');
   // Paths are relative to cwd, as the model will use them.
    assert.equal(snapshot.status, ' M ../file.txt\n?? ../new.txt');
    assert.equal(snapshot.statusTruncated, false);
    assert.equal(snapshot.recentCommits.length, 5);
    assert.match(snapshot.recentCommits[0] ?? '', /^[0-9a-f]{7,} commit number 6$/);
    assert.match(snapshot.recentCommits[4] ?? '', /commit number 2$/);
  });

  it('handles a repository without commits', async () => {
    const dir = repository();
    const snapshot = await gitSnapshot(dir);
    assert.ok(snapshot);
    assert.equal(snapshot.branch, 'main');
    assert.equal(snapshot.status, '');
    assert.deepEqual(snapshot.recentCommits, []);
  });

  it('reports a detached HEAD and prefers the remote default branch', async () => {
    const dir = repository();
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'first');
    git(dir, 'branch', '-m', 'main', 'trunk');
    git(dir, 'update-ref', 'refs/remotes/origin/trunk', 'HEAD');
    git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    git(dir, 'checkout', '-q', '--detach');
    const snapshot = await gitSnapshot(dir);
    assert.ok(snapshot);
    assert.match(snapshot.branch, /^HEAD detached at [0-9a-f]+$/);
    assert.equal(snapshot.mainBranch, 'trunk');
  });

  it('cuts a long status at a line boundary', async () => {
    const dir = repository();
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`untracked-file-with-a-long-name-${String(i).padStart(3, '0')}.txt`] = '';
    writeFiles(dir, files);
    const snapshot = await gitSnapshot(dir);
    assert.ok(snapshot);
    assert.equal(snapshot.statusTruncated, true);
    assert.ok(snapshot.status.length <= MAX_STATUS_CHARS);
    assert.match(snapshot.status, /\.txt$/);
  });

  it('is null outside a repository', async () => {
    assert.equal(await gitSnapshot(makeTempDir()), null);
  });
});
