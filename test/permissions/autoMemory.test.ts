// The auto-memory directory: the agent's own notes, written without asking — and nothing more.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makePolicy, makeTempDir, tool } from './policyFixture.js';

const cwd = makeTempDir();
const config = makeTempDir();
const memory = join(config, '.wright', 'projects', '-repo', 'memory');
mkdirSync(memory, { recursive: true });
const outside = makeTempDir();
writeFileSync(join(outside, 'target.md'), 'x');
symlinkSync(join(outside, 'target.md'), join(memory, 'link.md'));
symlinkSync(outside, join(memory, 'linkdir'));
const policy = (extra: Parameters<typeof makePolicy>[0] = { cwd }) => ({ ...makePolicy(extra), autoMemoryDirectory: memory });

describe('auto memory', () => {
  it('Write, Edit and Read of Markdown notes there need no approval, even though the path is under .wright/ and outside the working directories', () => {
    for (const name of ['Write', 'Edit', 'MultiEdit', 'Read']) {
      assert.equal(tool(name, { file_path: join(memory, 'MEMORY.md'), content: 'x' }, policy()).behavior, 'allow', name);
    }
    assert.equal(tool('Write', { file_path: join(memory, 'topics', 'build.md'), content: 'x' }, policy()).behavior, 'allow');
  });
  it('also in plan mode', () => {
    assert.equal(tool('Write', { file_path: join(memory, 'MEMORY.md'), content: 'x' }, policy({ cwd, mode: 'plan' })).behavior, 'allow');
  });
  it('not for other files, other directories, escapes through .. or symlinks', () => {
    assert.equal(tool('Write', { file_path: join(memory, 'run.sh'), content: 'x' }, policy()).behavior, 'ask');
    assert.equal(tool('Write', { file_path: join(memory, '..', 'settings.md'), content: 'x' }, policy()).behavior, 'ask');
    assert.equal(tool('Write', { file_path: join(config, '.wright', 'settings.json'), content: 'x' }, policy()).behavior, 'ask');
    assert.equal(tool('Write', { file_path: join(memory, 'link.md'), content: 'x' }, policy()).behavior, 'ask');
    assert.equal(tool('Write', { file_path: join(memory, 'linkdir', 'target.md'), content: 'x' }, policy()).behavior, 'ask');
    assert.equal(tool('Bash', { command: `echo x > ${join(memory, 'MEMORY.md')}` }, policy()).behavior, 'ask', 'Bash is not a memory tool');
  });
  it('deny and ask rules still come first; without the directory nothing changes', () => {
    assert.equal(tool('Write', { file_path: join(memory, 'MEMORY.md'), content: 'x' }, policy({ cwd, deny: ['Write'] })).behavior, 'deny');
    assert.equal(tool('Edit', { file_path: join(memory, 'MEMORY.md') }, policy({ cwd, ask: [`Edit(//${memory.slice(1)}/**)`] })).behavior, 'ask');
    assert.equal(tool('Write', { file_path: join(memory, 'MEMORY.md'), content: 'x' }, makePolicy({ cwd })).behavior, 'ask');
  });
});
