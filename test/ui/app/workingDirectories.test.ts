import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addWorkingDirectory } from '../../../src/ui/app/workingDirectories.js';

test('/add-dir resolves against cwd, adds the real path once, and refuses what is missing', () => {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'wright-adddir-')));
  mkdirSync(join(cwd, 'lib'));
  const directories = [cwd];
  assert.match(addWorkingDirectory('lib', cwd, directories), /Added .*lib/);
  assert.deepEqual(directories, [cwd, join(cwd, 'lib')]);
  assert.match(addWorkingDirectory(join(cwd, 'lib'), cwd, directories), /already/);
  assert.match(addWorkingDirectory('missing', cwd, directories), /No such directory/);
  assert.equal(directories.length, 2);
});
