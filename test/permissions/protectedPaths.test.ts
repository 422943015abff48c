// Protected paths: never written without asking outside bypassPermissions, whatever broad rule or
// mode would allow it, by file tools and Bash alike; only a rule that names the path lets it through.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { protectedPartOf } from '../../src/permissions/protectedPaths.js';
import { resolvePolicyPath } from '../../src/permissions/pathResolution.js';
import type { PermissionBehavior, PermissionMode } from '../../src/permissions/types.js';
import { bash, makePolicy, makeTempDir, tool } from './policyFixture.js';

const root = makeTempDir('wright-protected-');
const home = join(root, 'home');
const cwd = join(root, 'repo');
for (const dir of [home, join(cwd, 'src'), join(cwd, '.git', 'hooks'), join(cwd, 'sub')]) mkdirSync(dir, { recursive: true });

interface Setup {
  mode?: PermissionMode;
  allow?: string[];
  deny?: string[];
  sandbox?: boolean;
}

function policyFor(setup: Setup) {
  return { ...makePolicy({ cwd, home, mode: setup.mode ?? 'default', allow: setup.allow ?? [], deny: setup.deny ?? [] }), sandboxAutoAllowsBash: setup.sandbox ?? false };
}

function write(path: string, setup: Setup, toolName = 'Write') {
  const file = path.startsWith('~/') ? join(home, path.slice(2)) : join(cwd, path);
  return tool(toolName, { file_path: file, content: 'x', old_string: 'a', new_string: 'b' }, policyFor(setup));
}

const PROTECTED = [
  '.git/config', '.git/hooks/pre-commit', '.wright/settings.json', '.wright/settings.local.json', '.claude/settings.json',
  '.claude/commands/x.md', '.mcp.json', '.bashrc', '.zshrc', '.profile', '.gitconfig', '.npmrc', '.env', '.env.local',
  '.env.production', 'sub/.env', '.envrc', '.vscode/tasks.json', '.husky/pre-commit', '.gitmodules', 'sub/.git/config',
];

describe('file tools writing protected paths inside the working directory', () => {
  const asking: Array<[string, Setup]> = [
    ['acceptEdits', { mode: 'acceptEdits' }],
    ['a bare Edit allow rule', { allow: ['Edit', 'Write'] }],
    ['acceptEdits and a bare Edit allow rule', { mode: 'acceptEdits', allow: ['Edit', 'Write'] }],
    ['an Edit(**) allow rule that matches without naming', { allow: ['Edit(**)'] }],
    ['an Edit(./**) allow rule', { mode: 'acceptEdits', allow: ['Edit(./**)'] }],
  ];
  for (const path of PROTECTED) {
    for (const [label, setup] of asking) {
      it(`${path} asks under ${label}`, () => {
        const decision = write(path, setup);
        assert.equal(decision.behavior, 'ask', decision.reason);
        assert.match(decision.reason, /protected path/);
      });
    }
    it(`${path} is allowed in bypassPermissions`, () => assert.equal(write(path, { mode: 'bypassPermissions' }).behavior, 'allow'));
    it(`${path} is denied in plan mode`, () => assert.equal(write(path, { mode: 'plan' }).behavior, 'deny'));
  }

  const named: Array<[string, string, PermissionBehavior]> = [
    ['.env', 'Edit(./.env)', 'allow'],
    ['.env', 'Edit(.env)', 'allow'],
    ['sub/.env', 'Edit(.env)', 'allow'],
    ['.env.local', 'Edit(.env*)', 'allow'],
    ['.env.local', 'Edit(./.env)', 'ask'],
    ['.git/config', 'Edit(.git/**)', 'allow'],
    ['.git/hooks/pre-commit', 'Edit(./.git/hooks/*)', 'allow'],
    ['.git/config', 'Edit(./.git/hooks/*)', 'ask'],
    ['.wright/settings.json', 'Edit(/.wright/settings.json)', 'allow'],
    ['.npmrc', 'Write(.npmrc)', 'allow'],
    ['.bashrc', 'Edit(src/**)', 'ask'],
  ];
  for (const [path, rule, expected] of named) {
    it(`${path} with ${rule} → ${expected}`, () => {
      for (const mode of ['default', 'acceptEdits'] as const) assert.equal(write(path, { mode, allow: [rule] }).behavior, expected, mode);
    });
  }

  it('the usual places stay writable in acceptEdits', () => {
    for (const path of ['src/a.ts', '.github/workflows/ci.yml', '.gitignore', '.claude/worktrees/x/a.ts', 'environment.ts', 'docs/.envoy.md']) {
      const expected = path === 'docs/.envoy.md' ? 'ask' : 'allow';
      assert.equal(write(path, { mode: 'acceptEdits' }).behavior, expected, path);
    }
  });
  it('home start-up files ask too, whatever the rules, except a rule naming them', () => {
    assert.equal(write('~/.bashrc', { mode: 'acceptEdits', allow: ['Edit'] }).behavior, 'ask');
    assert.equal(write('~/.gitconfig', { allow: ['Edit(~/**)'] }).behavior, 'ask');
    assert.equal(write('~/.gitconfig', { allow: ['Edit(~/.gitconfig)'] }).behavior, 'allow');
  });
  it('deny rules still come first', () => {
    assert.equal(write('.env', { allow: ['Edit(./.env)'], deny: ['Edit(.env)'] }).behavior, 'deny');
    assert.equal(write('.env', { allow: ['Edit(./.env)'], deny: ['Read(.env)'] }).behavior, 'deny');
  });
  it('names the protected part and a rule that would name it', () => {
    const decision = write('.git/hooks/pre-commit', { mode: 'acceptEdits' });
    assert.match(decision.reason, /`\.git`, a protected path/);
    assert.match(decision.reason, /Edit\(\/\/.*\/\.git\/hooks\/pre-commit\)/);
  });
});

describe('Bash writing protected paths', () => {
  const cases: Array<[string, Setup, PermissionBehavior]> = [
    ['echo x > .env', { mode: 'acceptEdits' }, 'ask'],
    ['echo x > .env', { allow: ['Bash(echo *)', 'Edit'] }, 'ask'],
    ['echo x > .env', { allow: ['Bash(echo *)', 'Edit(./**)'] }, 'ask'],
    ['echo x >> .env.local', { allow: ['Bash(echo *)', 'Edit'] }, 'ask'],
    ['echo x > .env', { mode: 'bypassPermissions' }, 'allow'],
    ['echo x > .env', { allow: ['Bash(echo *)', 'Edit(./.env)'] }, 'allow'],
    ['echo x >> .env', { allow: ['Bash(echo x >> .env)'] }, 'allow'],
    ['echo x > .env', { allow: ['Bash'] }, 'ask'],
    ['echo x > .env', { sandbox: true }, 'ask'],
    ["sed -i 's/a/b/' .git/config", { allow: ['Bash(sed *)'] }, 'ask'],
    ["sed -i 's/a/b/' .git/config", { mode: 'acceptEdits' }, 'ask'],
    ["sed -i.bak -e 's/a/b/' .npmrc", { allow: ['Bash(sed *)'] }, 'ask'],
    ["sed -n 's/a/b/p' .npmrc", { allow: ['Bash(sed *)'] }, 'allow'],
    ['cp evil .git/hooks/pre-commit', { allow: ['Bash(cp *)'] }, 'ask'],
    ['cp evil.sh .git/hooks/', { allow: ['Bash(cp *)'] }, 'ask'],
    ['cp .bashrc ~', { allow: ['Bash(cp *)'] }, 'ask'],
    ['cp -t .git/hooks evil', { allow: ['Bash(cp *)'] }, 'ask'],
    ['cp .env.example .env', { allow: ['Bash(cp .env.example .env)'] }, 'allow'],
    ['cp a.txt b.txt', { allow: ['Bash(cp *)'] }, 'allow'],
    ['mv x .bashrc', { allow: ['Bash(mv *)'] }, 'ask'],
    ['mv .env old.env', { allow: ['Bash(mv *)'] }, 'ask'],
    ['tee .env < x', { allow: ['Bash(tee *)'] }, 'ask'],
    ['echo x | tee -a ~/.bashrc', { allow: ['Bash(echo *)', 'Bash(tee *)'] }, 'ask'],
    ['ln -sf /tmp/x .git/hooks/pre-commit', { allow: ['Bash(ln *)'] }, 'ask'],
    ['chmod +x .husky/pre-commit', { allow: ['Bash(chmod *)'] }, 'ask'],
    ['curl -o .npmrc https://example.com/x', { allow: ['Bash(curl *)'] }, 'ask'],
    ['curl -sSLo .npmrc https://example.com/x', { allow: ['Bash(curl *)'] }, 'ask'],
    ['wget -O .mcp.json https://example.com/x', { allow: ['Bash(wget *)'] }, 'ask'],
    ['dd if=x of=.env', { allow: ['Bash(dd *)'] }, 'ask'],
    ['rm .env', { allow: ['Bash(rm *)'] }, 'ask'],
    ['rm -rf .git', { allow: ['Bash(rm *)'] }, 'ask'],
    ['rm .e*', { allow: ['Bash(rm *)'] }, 'ask'],
    ['rm .git/hooks/*', { allow: ['Bash(rm *)'] }, 'ask'],
    ['touch .env.local', { mode: 'acceptEdits' }, 'ask'],
    ['mkdir .wright', { mode: 'acceptEdits' }, 'ask'],
    ['truncate -s 0 .env', { allow: ['Bash(truncate *)'] }, 'ask'],
    ['sudo tee .gitconfig', { allow: ['Bash(sudo *)'] }, 'ask'],
    ['cd sub && echo x > .env', { allow: ['Bash(cd *)', 'Bash(echo *)', 'Edit'] }, 'ask'],
    ["bash -c 'echo x > .env'", { allow: ['Bash'] }, 'ask'],
    ['echo $(cp x .git/config)', { allow: ['Bash'] }, 'ask'],
    ['cat .env', { allow: ['Bash(cat *)'] }, 'allow'],
    ['grep KEY .env', {}, 'allow'],
    ['git commit -am x', { allow: ['Bash(git *)'] }, 'allow'],
    ['echo x > notes.txt', { allow: ['Bash(echo *)', 'Edit(./**)'] }, 'allow'],
    ['echo x > src/a.ts', { mode: 'acceptEdits' }, 'allow'],
    ['echo x > src/a.ts', { sandbox: true }, 'allow'],
  ];
  for (const [command, setup, expected] of cases) {
    it(`${command} [${JSON.stringify(setup)}] → ${expected}`, () => {
      const decision = bash(command, policyFor(setup), false);
      assert.equal(decision.behavior, expected, decision.reason);
      if (expected === 'ask' && setup.mode !== 'acceptEdits' && !command.startsWith('grep')) assert.match(decision.reason, /protected path/);
    });
  }
});

describe('protectedPartOf', () => {
  const part = (path: string) => protectedPartOf(resolvePolicyPath(path, cwd, home), [cwd]);
  it('finds protected names below the working directory and anywhere outside it', () => {
    assert.equal(part('.env.test'), '.env.test');
    assert.equal(part('.git/objects/ab'), '.git');
    assert.equal(part('~/.zshrc'), '.zshrc');
    assert.equal(part('src/a.ts'), undefined);
    assert.equal(part('.claude/worktrees/feature/a.ts'), undefined);
    assert.equal(part('.claude/agents/x.md'), '.claude');
  });
  it('does not count protected names in the path to the working directory itself', () => {
    const nested = join(root, '.claude', 'project');
    mkdirSync(nested, { recursive: true });
    assert.equal(protectedPartOf(resolvePolicyPath('src/a.ts', nested, home), [nested]), undefined);
  });
});
