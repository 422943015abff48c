// Read/Edit path rules applied to the files recognised Bash commands name.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { denyingPathRule } from '../../src/permissions/pathDenial.js';
import { bash, makePolicy, makeTempDir } from './policyFixture.js';

const cwd = makeTempDir();
mkdirSync(join(cwd, 'src'));
mkdirSync(join(cwd, 'secrets'));
writeFileSync(join(cwd, '.env'), 'X=1');

describe('Bash file commands and path deny rules', () => {
  const policy = makePolicy({ cwd, mode: 'bypassPermissions', deny: ['Read(./.env)', 'Read(./secrets/**)', 'Edit(./src/generated/**)'] });
  const denied = [
    'cat .env', 'head -1 ./.env', 'tail .env', 'grep KEY .env', 'cat src/../.env', `cat ${cwd}/.env`, 'cd src && cat ../.env',
    'cat < .env', 'wc -l secrets/key', 'ls secrets', 'cp .env /tmp/x', 'sort .env', 'diff .env other', 'echo $(cat .env)',
    'bash -c "cat .env"', 'rm -rf secrets', 'echo x > .env', 'echo x > src/generated/a.ts', 'touch src/generated/a.ts',
    'sed -i s/a/b/ src/generated/a.ts', 'mv src/generated/a.ts b', 'cat secrets/*',
  ];
  for (const command of denied) {
    it(`denies ${command}`, () => assert.equal(bash(command, policy).behavior, 'deny', bash(command, policy).reason));
  }

  const askedBecauseUncheckable = ['cat $FILE', 'cat .e*', 'grep -r KEY .', 'rg KEY', 'rm -rf src', 'cp -r . /tmp/copy', 'cat ~someone/.env', 'cd $D && cat .env'];
  for (const command of askedBecauseUncheckable) {
    it(`asks for ${command}`, () => {
      const decision = bash(command, policy);
      assert.equal(decision.behavior, 'ask', decision.reason);
      assert.match(decision.reason, /may include files|cannot tell/);
    });
  }

  const unaffected = ['cat src/a.ts', 'grep -r x src/lib', 'echo .env', 'ls src', 'rg KEY src/lib'];
  for (const command of unaffected) {
    it(`leaves ${command} alone`, () => assert.equal(bash(command, policy).behavior, 'allow'));
  }
});

describe('denyingPathRule, for tools that walk directories', () => {
  const policy = makePolicy({ cwd, deny: ['Read(./secrets/**)', 'Edit(.env)'] });
  it('names the rule guarding one file', () => {
    assert.equal(denyingPathRule(join(cwd, 'secrets', 'a'), 'read', policy)?.raw, 'Read(./secrets/**)');
    assert.equal(denyingPathRule(join(cwd, 'src', 'a'), 'read', policy), undefined);
    assert.equal(denyingPathRule(join(cwd, '.env'), 'read', policy), undefined);
    assert.equal(denyingPathRule(join(cwd, '.env'), 'edit', policy)?.raw, 'Edit(.env)');
  });
});

describe('Read allow rules widen what read-only Bash may read', () => {
  const docs = makeTempDir('wright-docs-');
  const policy = makePolicy({ cwd, allow: [`Read(/${docs}/**)`] });
  it('allows reading an allowed directory outside the working directories', () => {
    assert.equal(bash(`cat ${docs}/guide.md`, policy).behavior, 'allow');
    assert.equal(bash(`grep -r x ${docs}`, policy).behavior, 'allow');
  });
  it('still asks elsewhere, and for globs it cannot pin down', () => {
    assert.equal(bash('cat /etc/hosts', policy).behavior, 'ask');
    assert.equal(bash(`cat ${docs}/*.md`, policy).behavior, 'ask');
  });
  it('explains paths only known at run time', () => {
    assert.match(bash('cat $HOME/x', policy).reason, /only known when it runs/);
  });
});
