// The destructive-command guard: every case names the command, the mode and rules, and the decision.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { findDestructiveCommands } from '../../src/permissions/destructiveGuard.js';
import { describeBash } from '../../src/permissions/bashPolicy.js';
import type { PermissionMode } from '../../src/permissions/types.js';
import { bash, makePolicy, makeTempDir } from './policyFixture.js';

// A home with the project inside it, as most people have: its parents are the home directory too.
const root = makeTempDir('wright-guard-');
const home = join(root, 'home', 'me');
const cwd = join(home, 'work', 'repo');
const extra = join(root, 'extra');
for (const dir of [join(cwd, 'src'), join(cwd, 'build'), extra, join(root, 'elsewhere')]) mkdirSync(dir, { recursive: true });
symlinkSync('/', join(cwd, 'to-root'));
symlinkSync(home, join(cwd, 'to-home'));
symlinkSync(dirname(cwd), join(cwd, 'to-parent'));
symlinkSync(join(cwd, 'src'), join(cwd, 'to-src'));
symlinkSync(cwd, join(root, 'elsewhere', 'to-repo'));

interface Setup {
  mode?: PermissionMode;
  allow?: string[];
  ask?: string[];
  deny?: string[];
}

function decide(command: string, setup: Setup = {}) {
  const policy = makePolicy({ cwd, home, workingDirectories: [cwd, extra], mode: setup.mode ?? 'bypassPermissions', ...setup });
  return bash(command, policy, false);
}

function expectGuard(command: string, setup: Setup = {}) {
  const decision = decide(command, setup);
  assert.equal(decision.behavior, 'ask', `${command}: ${decision.reason}`);
  assert.match(decision.reason, /destructive-command guard/, decision.reason);
}

function expectAllowed(command: string, setup: Setup = {}) {
  const decision = decide(command, setup);
  assert.equal(decision.behavior, 'allow', `${command}: ${decision.reason}`);
}

describe('destructive targets ask even in bypassPermissions', () => {
  const cases = [
    // the root and top-level directories
    'rm -rf /', 'rm -rf /*', 'rm -fr /', 'rm -r -f /', 'rm --recursive --force /', 'rm -rf //', 'rm -rf /.', 'rm -rf /usr',
    'rm -rf /usr/', 'rm -rf /etc', 'rm -rf /home', 'rm -rf /var', 'rm -rf /tmp', 'rm -rf /u*', 'rm -rf /h?me', 'rm -rf /usr/../etc',
    'rm -rf /bin /usr/local', 'rmdir /usr', 'rm /etc',
    // the home directory, however it is spelled
    'rm -rf ~', 'rm -rf ~/', 'rm -rf ~/*', 'rm -rf ~/.*', 'rm -rf "$HOME"', 'rm -rf $HOME', 'rm -rf ${HOME}', 'rm -rf "${HOME}/"',
    'rm -rf $HOME/*', 'rm -rf "$HOME"/*', 'rm -rf ~/work/..', `rm -rf ${home}`, `rm -rf ${dirname(home)}`, 'rmdir ~', 'rm -rf ~/work',
    // the working directory, its contents and its parents
    'rm -rf .', 'rm -rf ./', 'rm -rf *', 'rm -rf ./*', 'rm -rf .*', 'rm -rf $PWD', 'rm -rf "$PWD"/*', 'rm -rf ~+', 'rm -rf ..',
    'rm -rf ../..', 'rm -rf ../../..', 'rm -rf ../*', 'rm -rf src/../..', 'rm -rf src/..', `rm -rf ${cwd}`, `rm -rf ${cwd}/`,
    `rm -rf ${dirname(cwd)}`, 'rm -rf ../re*', 'rm -rf src/.*', 'rm *', `rm -rf ${extra}`, `rm -rf ${extra}/*`, 'rm -rf nothing-here/../..',
    // symlinks that lead to a critical place
    'rm -rf to-root', 'rm -rf to-root/', 'rm -rf to-home', 'rm -rf to-home/', 'rm -rf to-parent', 'rm -rf to-src/../..',
    `rm -rf ${join(root, 'elsewhere', 'to-repo')}`,
    // targets only known when it runs, with -r or -f
    'rm -rf "$DIR"', 'rm -rf $DIR', 'rm -rf "$(pwd)"', 'rm -rf `pwd`', 'rm -rf $(dirname $0)', 'rm -f "$X"', 'rm -rf ~other',
    'rm -rf {src,~}', 'rm -rf "$DIR"/*', 'rm -rf ${TMP:-/}', 'rm $X', 'X="-rf ~"; rm $X', 'rm -rf "$1"',
    // other destroyers
    'mv ~ /tmp/x', 'mv /etc /tmp/etc', 'mv . ../elsewhere', 'mv -f "$A" b', 'mv -t /tmp ~', 'mv src ~ ..',
    'chmod -R 777 /', 'chmod -R 777 ~', 'chmod -R u+w .', 'chmod --recursive 700 ..', 'chown -R nobody /', 'chown -R nobody:nobody ~',
    'chgrp -R staff ~', 'chmod -R 700 "$D"', 'truncate -s 0 /usr', 'shred -n 3 ~', 'shred "$F"', 'shred /dev/sda',
    'dd if=/dev/zero of=/dev/sda', 'dd of=/dev/nvme0n1 if=image.iso', 'dd if=x of=~', 'dd if=/dev/zero of="$DEV"',
    'mkfs /dev/sdb', 'mkfs.ext4 /dev/sdb1', 'mke2fs /dev/sdc', 'wipefs -a /dev/sda', 'mkswap /dev/sdd',
    // find
    'find / -delete', 'find ~ -delete', 'find . -delete', 'find -delete', 'find .. -name x -delete', "find / -name '*.log' -delete",
    'find ~ -type f -delete', 'find . -type f -delete', 'find . -name x -o -delete', "find . -name '*' -delete",
    'find / -exec rm -rf {} \\;', 'find ~ -execdir rm {} +', 'find . -exec shred -u {} \\;', 'find "$D" -delete', 'find -L / -delete',
    // git throws away work wherever it points
    'git reset --hard', 'git reset --hard HEAD~3', 'git reset --hard origin/main', 'git -C src reset --hard', 'git -c core.x=y reset --hard',
    'git --no-pager reset --hard', 'git clean -f', 'git clean -fd', 'git clean -fdx', 'git clean -xfd', 'git clean -d -f', 'git clean -X -f',
    'git clean --force', 'git clean -ffdx src',
    // through wrappers and launchers
    'sudo rm -rf /', 'sudo -u root rm -rf ~', 'doas rm -rf /etc', 'timeout 10 rm -rf ~', 'nice -n 5 rm -rf ~', 'nohup rm -rf ~ &',
    'env rm -rf ~', 'env -i PATH=/bin rm -rf ~', 'FOO=1 rm -rf ~', 'command rm -rf ~', '\\rm -rf ~', '/bin/rm -rf ~', '/usr/bin/rm -rf /',
    'stdbuf -o0 rm -rf ~', 'time rm -rf ~', 'watch "rm -rf ~"', 'sudo git reset --hard', 'ionice -c3 find / -delete',
    'xargs rm -rf < list', 'find . | xargs rm -rf', 'ls | xargs -I{} rm -rf {}', 'cat list | parallel rm -rf', 'xargs -0 rm -f < list',
    // nested
    'echo $(rm -rf ~)', 'echo `rm -rf ~`', 'x=$(rm -rf /)', 'cat <(rm -rf ~)', "bash -c 'rm -rf ~'", 'sh -c "rm -rf /"',
    "bash -c 'cd / && rm -rf usr'", "eval 'rm -rf ~'", 'eval "git reset --hard"', "bash -c 'git clean -fdx'", 'echo "$(rm -rf "$HOME")"',
    "find . -name x -exec sh -c 'rm -rf \"$1\"' _ {} \\;", "sudo bash -c 'rm -rf /'",
    // compound
    'ls && rm -rf ~', 'ls; rm -rf ~', 'true || rm -rf ~', 'ls\nrm -rf ~', 'if true; then rm -rf ~; fi', '(rm -rf ~)', '{ rm -rf ~; }',
    'for d in a b; do rm -rf ~; done', 'cd / && rm -rf usr', 'cd ~ && rm -rf *', `cd .. && rm -rf ${basename(cwd)}`, 'cd "$X" && rm -rf build',
    'cd /tmp && rm -rf ..', '(cd src/x/y); rm -rf ../..', 'cd src/x/y | rm -rf ../..', 'cd src/x/y || rm -rf ../..',
    'if false; then cd src/x; fi; rm -rf ../..', 'cd build & rm -rf *', 'git reset --hard && git clean -fdx', 'npm test && git reset --hard',
    'rm -rf --no-preserve-root build', 'rm --no-preserve-root -rf /',
  ];
  for (const command of cases) it(JSON.stringify(command), () => expectGuard(command));
});

describe('ordinary commands pass the guard', () => {
  const cases = [
    'rm -rf build', 'rm -rf ./build', 'rm -rf build/*', 'rm -rf src/*.o', 'rm -f *.log', 'rm -rf node_modules dist', 'rm -r build',
    'rm file.txt', 'rm "$f"', 'rm -rf /tmp/wright-scratch-x', `rm -rf ~/work/${basename(cwd)}/build`, 'rm -rf $HOME/.cache/foo',
    'rm -rf ~/.cache', "rm -rf './*'", "rm -rf '~'", "rm -rf '$HOME'", 'rm -rf -- build', 'rm -rf to-src/x', 'rmdir build', 'mv a b',
    'mv build dist', 'mv -f a b', 'chmod -R 755 build', 'chmod 755 ~', 'chmod -R 755 src', 'chown me file', 'chmod 700 /usr',
    "find . -name '*.pyc' -delete", 'find build -delete', "find src -type f -name '*.o' -delete", "find . -name '*.tmp' -exec rm {} \\;",
    'find / -name x', 'find ~ -type f', 'git reset --soft HEAD~1', 'git reset HEAD file', 'git reset --mixed', 'git clean -n',
    'git clean --dry-run -d', 'git status', 'git checkout main', 'dd if=/dev/zero of=disk.img bs=1M count=10', 'dd if=x of=/dev/null',
    'shred -u secret.txt', 'truncate -s 0 log.txt', 'ls -la /', 'cat ~/x', 'echo rm -rf ~', 'echo "rm -rf /"', 'git commit -m "rm -rf ~"',
    'grep -r "rm -rf" .', 'ls ~', 'find . -name x | xargs rm', 'rm -rf "build"', 'mkdir -p ~/x', 'touch ~', 'cp -r ~ backup',
    'rm -rf src/.cache', `rm -rf ${extra}/tmp`, 'npm test', 'make clean', 'unlink build/x', 'cd build && rm -rf *',
    'cd src && rm -rf ../build', 'cd build && rm -rf ./*',
  ];
  for (const command of cases) it(JSON.stringify(command), () => expectAllowed(command));
});

describe('a cd whose success is not proven leaves the directory unknown', () => {
  // If `cd build` fails, `rm -rf ./*` empties the project; only `&&` proves the cd worked.
  for (const command of ['cd build; rm -rf ./*', 'cd build\nrm -rf *', 'cd build || rm -rf ./*', 'cd build | rm -rf ./*']) {
    it(JSON.stringify(command), () => expectGuard(command));
  }
});

describe('the guard in every mode and under broad allow rules', () => {
  const destructive = ['rm -rf ~', 'git reset --hard', 'rm -rf "$HOME"', 'git clean -fdx', 'find / -delete', 'rm -rf ..'];
  const setups: Array<[string, Setup]> = [
    ['bypassPermissions', { mode: 'bypassPermissions' }],
    ['acceptEdits', { mode: 'acceptEdits' }],
    ['default with a bare Bash allow rule', { mode: 'default', allow: ['Bash'] }],
    ['default with Bash(*)', { mode: 'default', allow: ['Bash(*)'] }],
    ['bypassPermissions with Bash(rm *) and Bash(git *) and Bash(find *)', { allow: ['Bash(rm *)', 'Bash(git *)', 'Bash(find *)'] }],
    ['default with Bash(rm -rf *) and Bash(git reset *) and Bash(git clean:*)', { mode: 'default', allow: ['Bash(rm -rf *)', 'Bash(git reset *)', 'Bash(git clean:*)', 'Bash(find / *)'] }],
  ];
  for (const [label, setup] of setups) {
    for (const command of destructive) it(`${label}: ${command} asks`, () => expectGuard(command, setup));
  }
  it('plan mode denies instead: nothing that changes files runs there', () => {
    for (const command of destructive) assert.equal(decide(command, { mode: 'plan' }).behavior, 'deny', command);
  });
  it('ordinary commands are unaffected in default and acceptEdits', () => {
    assert.equal(decide('rm -rf build', { mode: 'acceptEdits' }).behavior, 'allow');
    assert.equal(decide('rm -rf build', { mode: 'default', allow: ['Bash(rm *)'] }).behavior, 'allow');
    assert.equal(decide('git reset --soft HEAD', { mode: 'default', allow: ['Bash'] }).behavior, 'allow');
  });
});

describe('an allow rule that names the command lets it through', () => {
  const named: Array<[string, string, PermissionMode]> = [
    ['Bash(git reset --hard)', 'git reset --hard', 'default'],
    ['Bash(git reset --hard)', 'git reset --hard', 'bypassPermissions'],
    ['Bash(git reset --hard *)', 'git reset --hard HEAD~1', 'default'],
    ['Bash(git reset --hard:*)', 'git reset --hard origin/main', 'default'],
    ['Bash(git clean -fdx)', 'git clean -fdx', 'default'],
    ['Bash(rm -rf ~)', 'rm -rf ~', 'default'],
    ['Bash(rm -rf "$HOME")', 'rm -rf "$HOME"', 'bypassPermissions'],
    ['Bash(rm -rf ~/*)', 'rm -rf ~/*', 'bypassPermissions'],
    ['Bash(rm -rf \\*)', 'rm -rf *', 'bypassPermissions'],
    ['Bash(find / -name core -delete)', 'find / -name core -delete', 'bypassPermissions'],
    ['Bash(sudo rm -rf /var)', 'sudo rm -rf /var', 'bypassPermissions'],
    ['Bash(dd if=image.iso of=/dev/sdb)', 'dd if=image.iso of=/dev/sdb', 'bypassPermissions'],
    ['Bash(git reset --hard)', 'timeout 5 git reset --hard', 'default'],
  ];
  for (const [rule, command, mode] of named) {
    it(`${rule} allows ${command} (${mode})`, () => {
      const decision = decide(command, { mode, allow: [rule] });
      assert.equal(decision.behavior, 'allow', decision.reason);
    });
  }
  const notNamed: Array<[string, string]> = [
    ['Bash(git reset --hard)', 'git reset --hard HEAD~1'],
    ['Bash(git reset *)', 'git reset --hard'],
    ['Bash(git * --hard)', 'git reset --hard'],
    ['Bash(* --hard)', 'git reset --hard'],
    ['Bash(rm -rf *)', 'rm -rf ~'],
    ['Bash(rm -rf *)', 'rm -rf *'],
    ['Bash(rm -rf ~)', 'rm -rf ~/*'],
    ['Bash(rm -rf ~)', 'sudo rm -rf ~'],
    ['Bash(rm -rf ~*)', 'rm -rf ~'],
    ['Bash(rm -rf "$HOME")', 'rm -rf "$DIR"'],
    ['Bash(git reset --hard)', 'git reset --hard && rm -rf ~'],
    ['Bash(git clean -f)', 'git clean -fdx'],
    ['Bash', 'git reset --hard'],
    ['Bash(*)', 'rm -rf /'],
  ];
  for (const [rule, command] of notNamed) {
    it(`${rule} does not name ${command}`, () => expectGuard(command, { mode: 'bypassPermissions', allow: [rule] }));
  }
});

describe('the guard keeps its place in the pipeline', () => {
  it('deny rules still deny first', () => {
    const decision = decide('rm -rf ~', { deny: ['Bash(rm *)'], allow: ['Bash(rm -rf ~)'] });
    assert.equal(decision.behavior, 'deny');
    assert.equal(decision.rule, 'Bash(rm *)');
  });
  it('an ask rule still asks when an allow rule names the command', () => {
    const decision = decide('git reset --hard', { mode: 'default', ask: ['Bash(git reset *)'], allow: ['Bash(git reset --hard)'] });
    assert.equal(decision.behavior, 'ask');
    assert.equal(decision.rule, 'Bash(git reset *)');
  });
  it('explains which guard, which command and which target', () => {
    const decision = decide('ls && sudo rm -rf "$HOME"');
    assert.match(decision.reason, /destructive-command guard stopped `rm -rf "\$HOME"`/);
    assert.match(decision.reason, new RegExp(`your home directory ${home}`));
    assert.match(decision.reason, /every permission mode, bypassPermissions included/);
    assert.match(decision.reason, /Bash\(sudo rm -rf "\$HOME"\)/);
    assert.match(decide('rm -rf "$DIR"').reason, /`"\$DIR"`, which is only known when it runs/);
    assert.match(decide('git reset --hard').reason, /throws away every uncommitted change/);
    assert.match(decide('rm -rf to-root').reason, /the root directory \//);
  });
  it('reports every destructive part of a compound command', () => {
    const policy = makePolicy({ cwd, home, mode: 'bypassPermissions' });
    const findings = findDestructiveCommands(describeBash('git reset --hard; rm -rf ~; rm -rf build; mv ~ x', policy), policy);
    assert.deepEqual(findings.map((f) => f.text), ['git reset --hard', 'rm -rf ~', 'mv ~ x']);
  });
});
