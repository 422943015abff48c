import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extensionDirectories, projectDefinitionFolders } from '../../../src/extensions/commands/extensionRoots.js';

const roots = { configDir: '/home/ann/.wright', home: '/home/ann', projectRoot: '/work/app' };

test('commands and skills: the user\'s, then the project\'s, then each --add-dir directory\'s', () => {
  assert.deepEqual(
    extensionDirectories({ ...roots, addedDirectories: ['/work/shared'] }, 'commands').map((dir) => `${dir.scope} ${dir.path}`),
    [
      'user /home/ann/.wright/commands',
      'user /home/ann/.claude/commands',
      'project /work/app/.wright/commands',
      'project /work/app/.claude/commands',
      'project /work/shared/.wright/commands',
      'project /work/shared/.claude/commands',
    ],
  );
});

test('project folders for agents: from where wright started up to the project root, never above or beside it', () => {
  assert.deepEqual(projectDefinitionFolders({ ...roots, cwd: '/work/app/packages/web' }), ['/work/app/packages/web', '/work/app/packages', '/work/app']);
  assert.deepEqual(projectDefinitionFolders({ ...roots, cwd: '/work/app' }), ['/work/app']);
  assert.deepEqual(projectDefinitionFolders({ ...roots, cwd: '/work/app-other/x' }), ['/work/app']);
  assert.deepEqual(projectDefinitionFolders({ ...roots, cwd: '/elsewhere', addedDirectories: ['/work/shared', '/work/app'] }), ['/work/app', '/work/shared']);
});
