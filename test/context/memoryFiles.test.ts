import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadMemoryFiles } from '../../src/context/memoryFiles.js';
import { makeTempDir, removeTempDirs, writeFiles } from '../config/tempFiles.js';

after(removeTempDirs);

function world() {
  const root = makeTempDir();
  const home = join(root, 'home');
  const projectRoot = join(root, 'repo');
  return { root, home, projectRoot, configDir: join(home, '.wright'), cwd: join(projectRoot, 'packages', 'app') };
}

const PER_DIRECTORY = ['WRIGHT.md', 'AGENTS.md', 'CLAUDE.md', '.wright/WRIGHT.md', '.claude/CLAUDE.md', 'WRIGHT.local.md', 'CLAUDE.local.md'];

describe('loadMemoryFiles', () => {
  it('orders user files first, then every directory from the project root down to cwd', async () => {
    const w = world();
    const files: Record<string, string> = {
      'home/.wright/WRIGHT.md': 'user wright',
      'home/.claude/CLAUDE.md': 'user claude',
    };
    for (const dir of ['repo', 'repo/packages', 'repo/packages/app']) {
      for (const name of PER_DIRECTORY) files[`${dir}/${name}`] = `${dir}/${name}`;
    }
    files['repo/packages/app/deeper/CLAUDE.md'] = 'below cwd: not loaded';
    files['CLAUDE.md'] = 'above the project root: not loaded';
    writeFiles(w.root, files);

    const result = await loadMemoryFiles(w);
    const expected = [
      { path: join(w.home, '.wright', 'WRIGHT.md'), scope: 'user', content: 'user wright' },
      { path: join(w.home, '.claude', 'CLAUDE.md'), scope: 'user', content: 'user claude' },
    ];
    for (const dir of ['repo', 'repo/packages', 'repo/packages/app']) {
      for (const name of PER_DIRECTORY) {
        const scope = name.includes('.local.') ? 'local' : 'project';
        expected.push({ path: join(w.root, dir, name), scope, content: `${dir}/${name}` });
      }
    }
    assert.deepEqual(result.files, expected);
    assert.deepEqual(result.warnings, []);
  });

  it('skips missing files silently and expands imports', async () => {
    const w = world();
    writeFiles(w.root, {
      'repo/CLAUDE.md': 'Rules: @docs/rules.md and @nope.md',
      'repo/docs/rules.md': 'be kind',
    });
    const result = await loadMemoryFiles({ ...w, cwd: w.projectRoot });
    assert.equal(result.files.length, 1);
    assert.equal(result.files[0]?.content, 'Rules: be kind and @nope.md');
    assert.deepEqual(result.warnings, [`${join(w.projectRoot, 'CLAUDE.md')}: @nope.md: file not found`]);
  });

  it('loads a file reached through two names once', async () => {
    const w = world();
    writeFiles(w.root, { 'repo/AGENTS.md': 'shared instructions' });
    symlinkSync('AGENTS.md', join(w.projectRoot, 'CLAUDE.md'));
    const result = await loadMemoryFiles({ ...w, cwd: w.projectRoot });
    assert.deepEqual(result.files.map((file) => file.path), [join(w.projectRoot, 'AGENTS.md')]);
  });

  it('skips files above 4 MiB with a warning', async () => {
    const w = world();
    writeFiles(w.root, { 'repo/WRIGHT.md': 'small' });
    writeFileSync(join(w.projectRoot, 'CLAUDE.md'), Buffer.alloc(5 * 1024 * 1024, 'a'));
    const result = await loadMemoryFiles({ ...w, cwd: w.projectRoot });
    assert.deepEqual(result.files.map((file) => file.content), ['small']);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /CLAUDE\.md: skipped: 5\.0 MiB is over the 4 MiB limit/);
  });

  it('reads only cwd when cwd is outside the project root', async () => {
    const w = world();
    writeFiles(w.root, { 'repo/WRIGHT.md': 'root', 'other/WRIGHT.md': 'other' });
    const result = await loadMemoryFiles({ ...w, cwd: join(w.root, 'other') });
    assert.deepEqual(result.files.map((file) => file.content), ['other']);
  });
});
