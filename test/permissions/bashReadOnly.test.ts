import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeBashCommand } from '../../src/permissions/bashAnalysis.js';
import { isReadOnlyBashCommand, judgeReadOnly } from '../../src/permissions/bashReadOnly.js';
import { bash, makePolicy, makeTempDir } from './policyFixture.js';

const readOnly = (command: string) => analyzeBashCommand(command).commands.every((c) => judgeReadOnly(c).readOnly);

describe('read-only command set', () => {
  const readOnlyCommands = [
    'ls', 'ls -la src', 'cat README.md', 'echo hello world', 'pwd', 'head -n 5 a.txt', 'tail -f log', 'grep -rn TODO src',
    'rg --json pattern', 'find . -name "*.ts"', 'find src -type f -newer x', 'wc -l a b', 'which node', 'diff a b', 'stat a',
    'du -sh .', 'cd src', 'file a.png', 'tree -L 2', 'true', 'false', 'date +%s', 'date -Iseconds', 'whoami', 'uname -a',
    'basename a/b.ts .ts', 'dirname a/b', 'realpath a', 'sort -k2 a', 'uniq a', 'cut -d, -f1 a', 'tr a-z A-Z',
    'git status', 'git log --oneline -n 5', 'git diff HEAD~1', 'git show HEAD:README.md', 'git branch', 'git branch -a -vv',
    'git branch --list "feat/*"', 'git branch --contains abc123', 'git rev-parse HEAD', 'git ls-files', 'git blame a.ts',
    'git remote -v', 'git remote', 'git --no-pager log', 'git -C sub status', 'ls > /dev/null 2>&1', 'cat < input.txt',
    'A=1', 'LANG=C sort a', 'timeout 5 git status', 'ls | grep x | wc -l', 'cd src && ls && cat a.ts',
  ];
  for (const command of readOnlyCommands) it(`${command} is read-only`, () => assert.ok(readOnly(command)));

  const mutating = [
    'find . -exec rm {} \\;', 'find . -execdir sh -c x \\;', 'find . -delete', 'find . -ok rm {} \\;', 'find . -fprint out',
    'git push', 'git commit -m x', 'git checkout main', 'git branch new-feature', 'git branch -d old', 'git branch -D old',
    'git branch -m a b', 'git remote add origin x', 'git remote remove origin', 'git -c core.pager=evil log',
    'git --git-dir=/other/.git status', 'git --exec-path=/tmp status', 'git log --output=/tmp/x', 'git diff --ext-diff',
    'git stash', 'git', 'sort -o out a', 'sort --output=out a', 'sort --compress-program=sh a', 'uniq in out', 'tree -o out',
    'date -s "2020-01-01"', 'file -C -m x', 'rg --pre ./evil pattern', 'rg --pre=./evil pattern', 'echo hi > out.txt',
    'echo hi >> out.txt', 'ls &> out', 'cat a >| b', 'ls >&out', 'rm x', 'npm test', './ls', '/tmp/cat x', 'ls; rm x',
    'PATH=/tmp/evil ls', 'PATH=/tmp/evil', 'LD_PRELOAD=/x.so cat a', 'constructor', 'git constructor', 'toString',
    'tee out', 'sed -i s/a/b/ f', 'cp a b', 'xargs rm',
  ];
  for (const command of mutating) it(`${command} is not read-only`, () => assert.equal(readOnly(command), false));
});

describe('read-only Bash in the default mode', () => {
  const cwd = makeTempDir();
  mkdirSync(join(cwd, 'src'));
  const outside = makeTempDir('wright-outside-');
  symlinkSync(outside, join(cwd, 'escape'));
  const policy = makePolicy({ cwd });

  const allowed = ['ls -la', 'cat src/a.ts', 'grep -r TODO .', 'git status && git diff', 'cd src && ls', 'find . -name x', `ls ${cwd}/src`, 'echo $HOME', 'cat *.md'];
  for (const command of allowed) it(`allows ${command}`, () => assert.equal(bash(command, policy).behavior, 'allow'));

  const asked = [
    'cat /etc/passwd', 'ls ..', 'ls ../', `ls ${outside}`, 'cat escape/secret', 'cd /etc && cat passwd', 'cd .. && ls',
    'cd && ls', 'cat ~/.ssh/id_rsa', 'cat $HOME/.ssh/id_rsa', 'cat /etc/*', 'ls ../*', 'cd $X && ls', 'git -C /tmp status',
    'grep -f /etc/shadow x', 'grep pattern /etc/passwd', 'find / -name x', 'echo hi > out.txt', 'ls && rm x',
  ];
  for (const command of asked) {
    it(`asks for ${command}`, () => {
      const decision = bash(command, policy);
      assert.equal(decision.behavior, 'ask');
      assert.ok(decision.reason.length > 20);
    });
  }

  it('explains what to do when a read-only command reaches outside', () => {
    assert.match(bash('cat /etc/passwd', policy).reason, /outside the working directories.*--add-dir/);
  });

  it('uses the grep pattern position: a pattern that looks like a path is not a path', () => {
    assert.equal(bash('grep -r /usr/lib .', policy).behavior, 'allow');
    assert.equal(bash('grep -e /usr/lib /etc', policy).behavior, 'ask');
  });
});

describe('globs and expansions that could leave the working directory', () => {
  const cwd = makeTempDir();
  const policy = makePolicy({ cwd });
  for (const command of ['cat {a,/etc/passwd}', 'cat src/{x,../../etc/passwd}', 'cat .?/secret', 'ls .*/', 'cat ~+/x', 'cat ~root/x', 'ls > /dev/sda', 'ls 2>/tmp/x']) {
    it(`asks for ${command}`, () => assert.equal(bash(command, policy).behavior, 'ask'));
  }
  for (const command of ['cat *.md', 'ls src/*/index.ts', 'echo {a,b}', 'ls >/dev/null 2>&1', 'echo hi >&2']) {
    it(`allows ${command}`, () => assert.equal(bash(command, policy).behavior, 'allow'));
  }
});

describe('isReadOnlyBashCommand (for the Bash tool)', () => {
  it('agrees with the read-only set and refuses what it cannot analyse', () => {
    assert.equal(isReadOnlyBashCommand('git status && ls -la | grep x'), true);
    assert.equal(isReadOnlyBashCommand('cat /etc/hosts'), true);
    assert.equal(isReadOnlyBashCommand('ls > out'), false);
    assert.equal(isReadOnlyBashCommand('echo $(rm -rf /)'), false);
    assert.equal(isReadOnlyBashCommand('npm test'), false);
  });
});
