import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathRuleMatches } from '../../src/permissions/pathRules.js';
import { resolvePolicyPath } from '../../src/permissions/pathResolution.js';
import type { PermissionBehavior } from '../../src/permissions/types.js';
import { makePolicy, makeTempDir, rules, tool } from './policyFixture.js';

const project = makeTempDir('wright-project-');
const home = makeTempDir('wright-home-');
const cwd = join(project, 'packages', 'app');
mkdirSync(join(cwd, 'src', 'deep'), { recursive: true });
mkdirSync(join(cwd, 'secrets'), { recursive: true });
writeFileSync(join(cwd, 'secrets', 'key.pem'), 'k');
writeFileSync(join(cwd, '.env'), 'X=1');

function matches(rule: string, path: string, behavior: PermissionBehavior = 'deny', root = project): boolean {
  const [parsed] = rules([rule], root);
  return pathRuleMatches(parsed!, resolvePolicyPath(path, cwd, home), behavior, { cwd, home });
}

describe('path rule anchors', () => {
  const table: Array<[string, string, boolean]> = [
    // `//` absolute
    ['Read(//etc/passwd)', '/etc/passwd', true],
    ['Read(//etc/**)', '/etc/ssh/sshd_config', true],
    ['Read(//etc/*)', '/etc/ssh/sshd_config', true], // the directory /etc/ssh matches, so its contents do
    ['Read(//etc/*.conf)', '/etc/ssh/x', false],
    // `~/` home
    ['Read(~/.ssh/**)', `${home}/.ssh/id_rsa`, true],
    ['Read(~/.ssh/**)', `${cwd}/.ssh/id_rsa`, false],
    ['Read(~/.aws)', `${home}/.aws/credentials`, true],
    // `/` relative to the settings root, not the filesystem root
    ['Edit(/packages/app/src/**)', `${cwd}/src/a.ts`, true],
    ['Edit(/src/**)', `${cwd}/src/a.ts`, false],
    ['Edit(/src/**)', `${project}/src/a.ts`, true],
    ['Read(/etc/passwd)', '/etc/passwd', false],
    // `./` and `x/y` relative to cwd
    ['Read(./.env)', `${cwd}/.env`, true],
    ['Read(./.env)', `${cwd}/sub/.env`, false],
    ['Read(src/deep/*)', `${cwd}/src/deep/x.ts`, true],
    ['Read(src/deep/*)', `${cwd}/other/src/deep/x.ts`, false],
    // a bare name matches at any depth below cwd (gitignore)
    ['Read(.env)', `${cwd}/.env`, true],
    ['Read(.env)', `${cwd}/src/deep/.env`, true],
    ['Read(.env)', `${project}/.env`, false],
    ['Read(*.pem)', `${cwd}/secrets/key.pem`, true],
    // `*` one segment, `**` any depth, directory patterns cover their contents
    ['Edit(src/*.ts)', `${cwd}/src/a.ts`, true],
    ['Edit(./src/*.ts)', `${cwd}/src/deep/a.ts`, false],
    ['Edit(./src/**/*.ts)', `${cwd}/src/deep/a.ts`, true],
    ['Edit(./src/**/*.ts)', `${cwd}/src/a.ts`, true],
    ['Read(./secrets/**)', `${cwd}/secrets/key.pem`, true],
    ['Read(./secrets/**)', `${cwd}/secrets`, true],
    ['Read(./secrets)', `${cwd}/secrets/key.pem`, true],
    ['Read(./secrets/)', `${cwd}/secrets/a/b`, true],
    ['Read(./secrets/**)', `${cwd}/secretsX/a`, false],
    // `..` in the input is folded before matching
    ['Read(./secrets/**)', 'src/../secrets/key.pem', true],
    // `!` never negates
    ['Read(!./secrets/**)', `${cwd}/src/a.ts`, false],
  ];
  for (const [rule, path, expected] of table) {
    it(`${rule} ${expected ? 'matches' : 'does not match'} ${path.replace(project, '<project>').replace(home, '<home>')}`, () => {
      assert.equal(matches(rule, path), expected);
    });
  }
});

describe('symlinks: deny if link or target matches, allow only if both do', () => {
  const dir = makeTempDir('wright-links-');
  mkdirSync(join(dir, 'public'));
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'secrets', 'token'), 't');
  writeFileSync(join(dir, 'public', 'readme'), 'r');
  symlinkSync(join(dir, 'secrets', 'token'), join(dir, 'public', 'innocent'));
  symlinkSync(join(dir, 'secrets'), join(dir, 'public', 'dir-link'));
  symlinkSync(join(dir, 'public', 'readme'), join(dir, 'secrets', 'link-to-public'));
  const policy = makePolicy({ cwd: dir, deny: ['Read(./secrets/**)'] });

  it('denies reading a secret through a symlink placed elsewhere', () => {
    const decision = tool('Read', { file_path: join(dir, 'public', 'innocent') }, policy);
    assert.equal(decision.behavior, 'deny');
    assert.equal(decision.rule, 'Read(./secrets/**)');
  });
  it('denies reading through a symlinked directory, even for files that do not exist yet', () => {
    assert.equal(tool('Read', { file_path: join(dir, 'public', 'dir-link', 'token') }, policy).behavior, 'deny');
    assert.equal(tool('Write', { file_path: join(dir, 'public', 'dir-link', 'new-file') }, policy).behavior, 'deny');
  });
  it('denies the link itself when the link lies in the denied place', () => {
    assert.equal(tool('Read', { file_path: join(dir, 'secrets', 'link-to-public') }, policy).behavior, 'deny');
  });
  it('follows `..` after a symlink the way the kernel does', () => {
    // join() would fold the `..` textually; the kernel resolves dir-link first and lands in secrets/.
    assert.equal(tool('Read', { file_path: `${dir}/public/dir-link/../secrets/token` }, policy).behavior, 'deny');
    assert.equal(tool('Read', { file_path: 'public/dir-link/../secrets/token' }, policy).behavior, 'deny');
  });
  it('allow rules need both the link and its target to match', () => {
    const allowPolicy = makePolicy({ cwd: dir, workingDirectories: [makeTempDir()], allow: ['Read(./public/**)'] });
    assert.equal(tool('Read', { file_path: join(dir, 'public', 'readme') }, allowPolicy).behavior, 'allow');
    assert.equal(tool('Read', { file_path: join(dir, 'public', 'innocent') }, allowPolicy).behavior, 'ask');
    assert.equal(tool('Read', { file_path: join(dir, 'secrets', 'link-to-public') }, allowPolicy).behavior, 'ask');
  });
  it('Bash file commands are held to the same rules', () => {
    assert.equal(tool('Bash', { command: 'cat public/innocent' }, policy).behavior, 'deny');
    assert.equal(tool('Bash', { command: 'cd public && cat dir-link/token' }, policy).behavior, 'deny');
  });
});

describe('which tools path rules cover', () => {
  const policyWith = (options: { allow?: string[]; deny?: string[]; ask?: string[] }) =>
    makePolicy({ cwd, workingDirectories: [makeTempDir()], ...options });
  const file = `${cwd}/secrets/key.pem`;

  it('a Read deny also blocks Edit, Write, MultiEdit and NotebookEdit there', () => {
    const policy = policyWith({ deny: ['Read(./secrets/**)'] });
    for (const [name, key] of [['Read', 'file_path'], ['Edit', 'file_path'], ['Write', 'file_path'], ['MultiEdit', 'file_path'], ['NotebookEdit', 'notebook_path'], ['NotebookRead', 'notebook_path'], ['Grep', 'path'], ['Glob', 'path']] as const) {
      assert.equal(tool(name, { [key]: file }, policy).behavior, 'deny', name);
    }
  });
  it('an Edit deny does not block reading', () => {
    const policy = policyWith({ deny: ['Edit(./secrets/**)'] });
    assert.equal(tool('Edit', { file_path: file }, policy).behavior, 'deny');
    assert.notEqual(tool('Read', { file_path: file }, policy).behavior, 'deny');
  });
  it('an Edit allow also grants Read; a Read allow does not grant Edit', () => {
    const editAllowed = policyWith({ allow: ['Edit(./src/**)'] });
    assert.equal(tool('Read', { file_path: `${cwd}/src/a.ts` }, editAllowed).behavior, 'allow');
    assert.equal(tool('Edit', { file_path: `${cwd}/src/a.ts` }, editAllowed).behavior, 'allow');
    const readAllowed = policyWith({ allow: ['Read(./src/**)'] });
    assert.equal(tool('Read', { file_path: `${cwd}/src/a.ts` }, readAllowed).behavior, 'allow');
    assert.equal(tool('Edit', { file_path: `${cwd}/src/a.ts` }, readAllowed).behavior, 'ask');
  });
  it('Read ask rules also cover edits', () => {
    const policy = policyWith({ ask: ['Read(*.pem)'], allow: ['Edit(./**)'] });
    assert.equal(tool('Write', { file_path: file }, policy).behavior, 'ask');
  });
  it('Glob and Grep default to the cwd when no path is given', () => {
    const policy = makePolicy({ cwd, deny: ['Read(./**)'] });
    assert.equal(tool('Grep', { pattern: 'x' }, policy).behavior, 'deny');
    assert.equal(tool('Glob', { pattern: '*.ts' }, policy).behavior, 'deny');
  });
  it('relative tool paths resolve against the cwd', () => {
    const policy = makePolicy({ cwd, deny: ['Read(./.env)'] });
    assert.equal(tool('Read', { file_path: '.env' }, policy).behavior, 'deny');
    assert.equal(tool('Read', { file_path: 'src/../.env' }, policy).behavior, 'deny');
  });
});
