// File tools touch only the working directories (cwd, --add-dir, additionalDirectories) without
// asking; paths are judged after symlinks and `..`, and a bare tool rule never reaches outside.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tracePermission } from '../../src/permissions/evaluatePermission.js';
import type { PermissionBehavior, PermissionMode } from '../../src/permissions/types.js';
import { bash, makePolicy, makeTempDir, tool } from './policyFixture.js';

const root = makeTempDir('wright-paths-');
const cwd = join(root, 'repo');
const added = join(root, 'added');
const outside = join(root, 'outside');
for (const dir of [join(cwd, 'src'), join(cwd, 'secret'), added, outside]) mkdirSync(dir, { recursive: true });
writeFileSync(join(outside, 'x.txt'), 'x');
writeFileSync(join(cwd, 'src', 'a.ts'), 'a');
symlinkSync(outside, join(cwd, 'link-out'));
symlinkSync(join(outside, 'x.txt'), join(cwd, 'file-link-out'));
symlinkSync(cwd, join(outside, 'link-in'));
symlinkSync(join(cwd, 'src'), join(cwd, 'link-src'));

interface Setup {
  mode?: PermissionMode;
  allow?: string[];
  deny?: string[];
  ask?: string[];
}

const policyFor = (setup: Setup) => makePolicy({ cwd, home: join(root, 'home'), workingDirectories: [cwd, added], mode: setup.mode ?? 'default', ...setup });
const read = (path: string, setup: Setup = {}, toolName = 'Read') =>
  tool(toolName, toolName === 'Read' ? { file_path: path } : { pattern: 'x', path }, policyFor(setup), true);
const edit = (path: string, setup: Setup = {}, toolName = 'Write') => tool(toolName, { file_path: path, content: 'x' }, policyFor(setup));

const INSIDE = ['src/a.ts', `${cwd}/src/a.ts`, 'src/new-file.ts', 'link-src/a.ts', `${added}/notes.md`, `${cwd}/src/../src/a.ts`];
const OUTSIDE = [
  `${outside}/x.txt`, '../outside/x.txt', 'src/../../outside/x.txt', 'link-out/x.txt', 'link-out/new-file.txt',
  'link-out/new-dir/deeper/new.txt', 'file-link-out', `${outside}/link-in/src/a.ts`, '/etc/hosts', '~/.ssh/id_rsa', `${root}/added2/x`,
];

describe('reads', () => {
  for (const path of INSIDE) {
    it(`${path} inside → allow`, () => assert.equal(read(path).behavior, 'allow', read(path).reason));
    it(`${path} inside via Grep → allow`, () => assert.equal(read(path, {}, 'Grep').behavior, 'allow'));
  }
  for (const path of OUTSIDE) {
    it(`${path} outside → ask`, () => {
      const decision = read(path);
      assert.equal(decision.behavior, 'ask', decision.reason);
      assert.match(decision.reason, /outside the working directories/);
    });
    it(`${path} outside stays ask under a bare Read allow rule`, () => assert.equal(read(path, { allow: ['Read'] }).behavior, 'ask'));
  }
  it('says where a symlink leads', () => assert.match(read('link-out/x.txt').reason, new RegExp(`through a symlink it is \`${outside}/x.txt\``)));
  it('a path rule may reach outside; an Edit rule grants reading there too', () => {
    assert.equal(read(`${outside}/x.txt`, { allow: [`Read(/${outside}/**)`] }).behavior, 'allow');
    assert.equal(read(`${outside}/x.txt`, { allow: [`Edit(/${outside}/**)`] }).behavior, 'allow');
  });
  it('an allow rule must match both the link and where it leads; a deny rule either', () => {
    assert.equal(read('link-out/x.txt', { allow: ['Read(./link-out/**)'] }).behavior, 'ask');
    // Each allow rule must cover both on its own: two rules covering one side each are not enough.
    assert.equal(read('link-out/x.txt', { allow: ['Read(./link-out/**)', `Read(/${outside}/**)`] }).behavior, 'ask');
    assert.equal(read('link-out/x.txt', { allow: [`Read(/${root}/**)`] }).behavior, 'allow');
    assert.equal(read('link-out/x.txt', { deny: [`Read(/${outside}/**)`] }).behavior, 'deny');
    assert.equal(read(`${outside}/link-in/src/a.ts`, { deny: ['Read(./src/**)'] }).behavior, 'deny');
  });
});

describe('writes', () => {
  const modes: Array<[PermissionMode, PermissionBehavior, PermissionBehavior]> = [
    // mode, inside, outside
    ['default', 'ask', 'ask'],
    ['acceptEdits', 'allow', 'ask'],
    ['bypassPermissions', 'allow', 'allow'],
    ['plan', 'deny', 'deny'],
  ];
  for (const [mode, inside, out] of modes) {
    for (const path of INSIDE) it(`${mode}: ${path} → ${inside}`, () => assert.equal(edit(path, { mode }).behavior, inside));
    for (const path of OUTSIDE) it(`${mode}: ${path} → ${out}`, () => assert.equal(edit(path, { mode }).behavior, out, edit(path, { mode }).reason));
  }
  for (const path of OUTSIDE) {
    it(`${path}: a bare Edit/Write allow rule does not reach outside`, () => {
      assert.equal(edit(path, { allow: ['Edit', 'Write'] }).behavior, 'ask');
      assert.equal(edit(path, { mode: 'acceptEdits', allow: ['Write'] }, 'Write').behavior, 'ask');
    });
  }
  it('a bare Edit allow rule covers edits inside', () => {
    assert.equal(edit('src/a.ts', { allow: ['Edit'] }, 'Edit').behavior, 'allow');
    assert.equal(edit('src/a.ts', { allow: ['Edit'] }, 'Write').behavior, 'ask');
  });
  it('a path rule naming the outside place allows writing there', () => {
    assert.equal(edit(`${outside}/new.txt`, { allow: [`Edit(/${outside}/**)`] }).behavior, 'allow');
    assert.equal(edit('link-out/new.txt', { allow: [`Edit(/${outside}/**)`] }).behavior, 'ask');
  });
  it('a Read deny rule also blocks Edit and Write there', () => {
    for (const name of ['Edit', 'Write', 'MultiEdit']) {
      assert.equal(edit('secret/key.pem', { mode: 'bypassPermissions', deny: ['Read(./secret/**)'] }, name).behavior, 'deny', name);
    }
  });
  it('reports the working-directory guard and the resolved path', () => {
    const trace = tracePermission({ toolName: 'Write', input: { file_path: 'link-out/new.txt', content: 'x' }, isReadOnly: false }, policyFor({ mode: 'acceptEdits' }));
    assert.equal(trace.guard, 'working directories');
    assert.equal(trace.stage, 'defaults');
    assert.equal(trace.path, `${cwd}/link-out/new.txt (→ ${outside}/new.txt)`);
  });
});

describe('Bash follows the same boundaries', () => {
  const cases: Array<[string, PermissionBehavior]> = [
    ['cat src/a.ts', 'allow'],
    ['cat link-src/a.ts', 'allow'],
    [`cat ${added}/x`, 'allow'],
    ['cat link-out/x.txt', 'ask'],
    ['cat ../outside/x.txt', 'ask'],
    ['cat src/../../outside/x.txt', 'ask'],
    ['cat file-link-out', 'ask'],
    ['ls /etc', 'ask'],
    ['cd .. && ls', 'ask'],
  ];
  for (const [command, expected] of cases) it(`${command} → ${expected}`, () => assert.equal(bash(command, policyFor({})).behavior, expected));
  it('acceptEdits edits inside, asks outside and through symlinks out', () => {
    const policy = policyFor({ mode: 'acceptEdits' });
    assert.equal(bash('touch src/b.ts', policy, false).behavior, 'allow');
    assert.equal(bash('touch link-out/b.ts', policy, false).behavior, 'ask');
    assert.equal(bash('echo x > link-out/new.txt', policy, false).behavior, 'ask');
    assert.equal(bash('cp src/a.ts ../outside/', policy, false).behavior, 'ask');
  });
});
